//! Outgoing mail. No sender is configured in this installation kind (no SMTP here), so
//! messages are logged without their recipient; an SMTP or API sender plugs in as another
//! `Mailer` variant without touching the callers.

use crate::domain::accounts::Registered;

#[derive(Clone, Debug, Default)]
pub enum Mailer {
    /// Logs that a message would have been sent (subject only; never the address or body).
    #[default]
    LogOnly,
}

impl Mailer {
    pub fn send(&self, to: &str, subject: &str, body: &str) {
        match self {
            Mailer::LogOnly => {
                let _ = (to, body);
                tracing::info!(%subject, "mail not sent: no mail sender is configured");
            }
        }
    }

    /// Tells the owner of the address what happened, so a registration attempt on an existing
    /// account reaches its owner and not the person who tried.
    pub fn registration(&self, to: &str, outcome: Registered) {
        match outcome {
            Registered::Created => self.send(to, "Welcome to budgetbox", "Your account is ready. You can log in with this email address."),
            Registered::AlreadyHadAccount => self.send(
                to,
                "Someone tried to register with your email",
                "Someone tried to create a budgetbox account with this address, which already has one. If it was you, log in with your password. If not, you can ignore this message.",
            ),
        }
    }
}
