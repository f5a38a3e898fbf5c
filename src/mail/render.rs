//! A message as the recipient reads it: plain text and HTML (a single column that reads on a
//! phone, no images, no tracking), with `Message-ID`, `Date` and, for notifications, one-click
//! unsubscribe headers (RFC 8058).

use crate::db::models::outbox::OutboxRow;
pub use crate::domain::notifications::{Body, Link};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use maud::{html, DOCTYPE};

impl Body {
    pub fn text(&self) -> String {
        let mut out = self.paragraphs.join("\n\n");
        if let Some(action) = &self.action {
            out.push_str(&format!("\n\n{}:\n{}", action.label, action.url));
        }
        out.push_str(&format!("\n\n-- \n{}", self.why));
        if let Some(stop) = &self.unsubscribe {
            out.push_str(&format!("\n{}: {}", stop.label, stop.url));
        }
        out.push('\n');
        out
    }

    pub fn html(&self, lang: &str, subject: &str) -> String {
        html! {
            (DOCTYPE)
            html lang=(lang) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (subject) }
                }
                body style="margin:0;padding:0;background:#f4f6f8;" {
                    div style="max-width:36rem;margin:0 auto;padding:1.5rem 1rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#ffffff;" {
                        h1 style="font-size:1.25rem;margin:0 0 1rem;" { (subject) }
                        @for p in &self.paragraphs {
                            p style="margin:0 0 1rem;" { (p) }
                        }
                        @if let Some(action) = &self.action {
                            p style="margin:1.5rem 0;" {
                                a href=(action.url) style="display:inline-block;padding:0.75rem 1.25rem;background:#0b5cad;color:#ffffff;text-decoration:underline;border-radius:4px;font-weight:bold;" { (action.label) }
                            }
                            p style="margin:0 0 1rem;font-size:0.875rem;word-break:break-all;" { (action.url) }
                        }
                        hr style="border:0;border-top:1px solid #d0d7de;margin:1.5rem 0 1rem;";
                        p style="margin:0 0 0.5rem;font-size:0.875rem;color:#444444;" { (self.why) }
                        @if let Some(stop) = &self.unsubscribe {
                            p style="margin:0;font-size:0.875rem;" { a href=(stop.url) style="color:#0b5cad;" { (stop.label) } }
                        }
                    }
                }
            }
        }
        .into_string()
    }
}

/// The message ready for the mail server. A subject or address that would inject a header
/// (a line break) is refused rather than sent.
pub fn render(row: &OutboxRow, from: &Mailbox) -> Result<lettre::Message, String> {
    let body: Body =
        serde_json::from_str(&row.body).map_err(|e| format!("a stored message is damaged: {e}"))?;
    if row.subject.chars().any(|c| c == '\r' || c == '\n') {
        return Err("the subject holds a line break".into());
    }
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|e| format!("the recipient is not an address: {e}"))?;
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .date_now()
        .message_id(None);
    if let Some(stop) = &body.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{}>", stop.url),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(body.text()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(body.html(&row.lang, &row.subject)),
                ),
        )
        .map_err(|e| format!("the message cannot be built: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(subject: &str, recipient: &str) -> OutboxRow {
        let body = Body {
            paragraphs: vec!["Hello <b>there</b>".into()],
            action: Some(Link {
                label: "Open".into(),
                url: "https://example.org/x?a=1&b=2".into(),
            }),
            why: "Because.".into(),
            unsubscribe: Some(Link {
                label: "Stop".into(),
                url: "https://example.org/unsubscribe?t=1".into(),
            }),
        };
        let now = chrono::Utc::now().naive_utc();
        OutboxRow {
            id: 1,
            kind: "test".into(),
            recipient: recipient.into(),
            lang: "en".into(),
            subject: subject.into(),
            body: serde_json::to_string(&body).unwrap(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            claimed_until: None,
            last_error: None,
        }
    }

    #[test]
    fn a_message_has_both_forms_its_headers_and_escaped_text() {
        let from: Mailbox = "budgetbox <no-reply@example.org>".parse().unwrap();
        let message = render(&row("Hi", "ana@example.org"), &from).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        for header in [
            "Message-ID: <",
            "Date: ",
            "List-Unsubscribe: <https://example.org/unsubscribe?t=1>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "text/plain",
            "text/html",
        ] {
            assert!(raw.contains(header), "{header}: {raw}");
        }
        let html = row("Hi", "ana@example.org");
        let body: Body = serde_json::from_str(&html.body).unwrap();
        let page = body.html("en", "Hi");
        assert!(
            page.contains("Hello &lt;b&gt;there&lt;/b&gt;") && !page.contains("<b>there"),
            "the HTML part escapes text: {page}"
        );
    }

    #[test]
    fn line_breaks_never_reach_a_header() {
        let from: Mailbox = "budgetbox <no-reply@example.org>".parse().unwrap();
        assert!(render(&row("Hi\r\nBcc: eve@example.org", "ana@example.org"), &from).is_err());
        assert!(render(&row("Hi", "ana@example.org\r\nBcc: eve@example.org"), &from).is_err());
    }
}
