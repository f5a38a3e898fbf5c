//! Who is told what by mail. Each message is written, in the recipient's language, into the
//! outbox in the caller's transaction, so it exists exactly when the event that causes it was
//! stored (`mail` sends it later). Notifications follow each person's settings and carry a
//! one-click unsubscribe link; no message ever carries a ballot's content.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::people::Account;
use crate::auth::derived_mac;
use crate::db::models::notification::{self, SettingsRow};
use crate::db::models::{outbox, proposal, round, user};
use crate::db::DbConnection;
use crate::domain::ids::{ProposalId, RoundId};
use crate::error::AppResult;
use crate::i18n::{t, t_with, Lang};

/// What links in messages start with, and the key that signs unsubscribe links.
#[derive(Clone)]
pub struct Mailing {
    pub public_url: String,
    pub secret: Vec<u8>,
}

impl Mailing {
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// A link with its words.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// What a message says, already in the recipient's language (stored as JSON in the outbox).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Body {
    pub paragraphs: Vec<String>,
    /// The one thing to do, as a button.
    #[serde(default)]
    pub action: Option<Link>,
    /// Why the person gets this message.
    pub why: String,
    /// How to stop messages of this kind (notifications only).
    #[serde(default)]
    pub unsubscribe: Option<Link>,
}

/// Kinds of notification a person can switch off, each with its own unsubscribe link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// About proposals they wrote.
    OwnProposals,
    /// About proposals they follow.
    Followed,
    /// A round opens for proposals, voting opens, results are published.
    RoundNews,
    /// A copy of the receipt after voting (tracking code only).
    ReceiptCopy,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::OwnProposals,
        Kind::Followed,
        Kind::RoundNews,
        Kind::ReceiptCopy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::OwnProposals => "own_proposals",
            Kind::Followed => "followed",
            Kind::RoundNews => "round_news",
            Kind::ReceiptCopy => "receipt_copy",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    fn wanted(self, settings: &SettingsRow) -> bool {
        1 == match self {
            Kind::OwnProposals => settings.own_proposals,
            Kind::Followed => settings.followed,
            Kind::RoundNews => settings.round_news,
            Kind::ReceiptCopy => settings.receipt_copy,
        }
    }

    fn set(self, settings: &mut SettingsRow, on: bool) {
        let v = i32::from(on);
        match self {
            Kind::OwnProposals => settings.own_proposals = v,
            Kind::Followed => settings.followed = v,
            Kind::RoundNews => settings.round_news = v,
            Kind::ReceiptCopy => settings.receipt_copy = v,
        }
    }

    fn why_key(self) -> &'static str {
        match self {
            Kind::OwnProposals => "mail-why-own-proposals",
            Kind::Followed => "mail-why-followed",
            Kind::RoundNews => "mail-why-round-news",
            Kind::ReceiptCopy => "mail-why-receipt-copy",
        }
    }
}

/// The language a person's messages are written in.
pub fn language_of(user: &Account) -> Lang {
    Lang::parse(&user.language).unwrap_or_default()
}

/// Writes a message into the outbox (in the caller's transaction).
pub fn enqueue(
    conn: &mut DbConnection,
    kind: &str,
    to: &str,
    lang: Lang,
    subject: &str,
    body: &Body,
    now: NaiveDateTime,
) -> AppResult<()> {
    if !super::addresses::deliverable(to) {
        return Ok(());
    }
    // A line break in a subject (from a proposal title, say) would be a header of its own.
    let subject: String = subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let body = serde_json::to_string(body).map_err(crate::error::AppError::internal)?;
    outbox::insert(
        conn,
        &outbox::NewMessage {
            kind,
            recipient: to,
            lang: lang.code(),
            subject: &subject,
            body: &body,
        },
        now,
    )?;
    Ok(())
}

fn unsubscribe_token(secret: &[u8], user_id: i64, kind: Kind) -> String {
    hex::encode(
        &derived_mac(
            secret,
            "budgetbox/unsubscribe/v1",
            format!("{user_id}:{}", kind.as_str()).as_bytes(),
        )[..16],
    )
}

/// The one-click link that stops one kind of message for one person.
pub fn unsubscribe_link(m: &Mailing, lang: Lang, user_id: i64, kind: Kind) -> Link {
    Link {
        label: t(lang, "mail-unsubscribe"),
        url: m.link(&format!(
            "/unsubscribe?u={user_id}&k={}&t={}",
            kind.as_str(),
            unsubscribe_token(&m.secret, user_id, kind)
        )),
    }
}

/// Stops one kind of message for the person an unsubscribe link names; false when the link
/// is not genuine.
pub fn unsubscribe(
    conn: &mut DbConnection,
    secret: &[u8],
    user_id: i64,
    kind: &str,
    token: &str,
) -> AppResult<bool> {
    use subtle::ConstantTimeEq;
    let Some(kind) = Kind::parse(kind) else {
        return Ok(false);
    };
    let expected = unsubscribe_token(secret, user_id, kind);
    if !bool::from(expected.as_bytes().ct_eq(token.as_bytes())) {
        return Ok(false);
    }
    if user::find(conn, user_id)?.is_none() {
        // The account is gone: there is nothing left to send to.
        return Ok(true);
    }
    let mut settings = notification::settings_of(conn, user_id)?;
    kind.set(&mut settings, false);
    notification::save(conn, &settings)?;
    Ok(true)
}

/// A person's settings, as the account page and the API show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// News about proposals you wrote: a change requested, a decision, a merge, a hide.
    pub own_proposals: bool,
    /// News about proposals you follow: their status and follow-up progress.
    pub followed: bool,
    /// A round opens for proposals, voting opens, results are published.
    pub round_news: bool,
    /// A copy of your receipt after voting (the tracking code only, never the ballot).
    pub receipt_copy: bool,
}

pub fn settings(conn: &mut DbConnection, user_id: i64) -> AppResult<Settings> {
    let row = notification::settings_of(conn, user_id)?;
    Ok(Settings {
        own_proposals: row.own_proposals == 1,
        followed: row.followed == 1,
        round_news: row.round_news == 1,
        receipt_copy: row.receipt_copy == 1,
    })
}

pub fn save_settings(conn: &mut DbConnection, user_id: i64, s: &Settings) -> AppResult<()> {
    notification::save(
        conn,
        &SettingsRow {
            user_id,
            own_proposals: i32::from(s.own_proposals),
            followed: i32::from(s.followed),
            round_news: i32::from(s.round_news),
            receipt_copy: i32::from(s.receipt_copy),
        },
    )?;
    Ok(())
}

/// What a notification says, in its recipient's language.
struct Note {
    subject: String,
    text: String,
    action: Link,
}

/// Sends a notification of `kind` to an account if it wants that kind.
fn notify(
    conn: &mut DbConnection,
    m: &Mailing,
    to: &Account,
    kind: Kind,
    note: Note,
    now: NaiveDateTime,
) -> AppResult<()> {
    if !kind.wanted(&notification::settings_of(conn, to.id)?) {
        return Ok(());
    }
    let lang = language_of(to);
    let body = Body {
        paragraphs: vec![note.text],
        action: Some(note.action),
        why: t(lang, kind.why_key()),
        unsubscribe: Some(unsubscribe_link(m, lang, to.id, kind)),
    };
    enqueue(
        conn,
        kind.as_str(),
        &to.email,
        lang,
        &note.subject,
        &body,
        now,
    )
}

/// What happened to a proposal, as its author and followers are told.
#[derive(Clone, Debug)]
pub enum ProposalNews {
    ChangesRequested {
        reason: String,
    },
    Decided {
        feasible: bool,
        reason: String,
    },
    Merged {
        into_title: String,
    },
    Hidden {
        reason: String,
    },
    Progress {
        status: String,
        note: String,
    },
    /// Its author withdrew it (followers are told; the author knows).
    Withdrawn,
    /// An official answer in its conversation, by its author or by city staff (an author is
    /// not told of their own answer).
    Answered {
        by_author: bool,
        text: String,
    },
}

impl ProposalNews {
    /// (subject key, body key, followers are told too)
    fn keys(&self) -> (&'static str, &'static str, bool) {
        match self {
            ProposalNews::ChangesRequested { .. } => {
                ("mail-changes-subject", "mail-changes-body", false)
            }
            ProposalNews::Decided { feasible: true, .. } => {
                ("mail-feasible-subject", "mail-feasible-body", true)
            }
            ProposalNews::Decided {
                feasible: false, ..
            } => ("mail-infeasible-subject", "mail-infeasible-body", true),
            ProposalNews::Merged { .. } => ("mail-merged-subject", "mail-merged-body", true),
            ProposalNews::Hidden { .. } => ("mail-hidden-subject", "mail-hidden-body", false),
            ProposalNews::Progress { .. } => ("mail-progress-subject", "mail-progress-body", true),
            ProposalNews::Withdrawn => ("mail-withdrawn-subject", "mail-withdrawn-body", true),
            ProposalNews::Answered { .. } => ("mail-answered-subject", "mail-answered-body", true),
        }
    }

    fn detail(&self) -> &str {
        match self {
            ProposalNews::ChangesRequested { reason }
            | ProposalNews::Decided { reason, .. }
            | ProposalNews::Hidden { reason } => reason,
            ProposalNews::Merged { into_title } => into_title,
            ProposalNews::Progress { note, .. } => note,
            ProposalNews::Answered { text, .. } => text,
            ProposalNews::Withdrawn => "",
        }
    }
}

/// Tells a proposal's author (if they want news of their own proposals) and, for public news,
/// its followers (if they want news of what they follow). A hidden proposal's news goes to its
/// author only.
pub fn proposal_news(
    conn: &mut DbConnection,
    m: &Mailing,
    proposal_id: ProposalId,
    news: &ProposalNews,
    now: NaiveDateTime,
) -> AppResult<()> {
    let proposal_id = proposal_id.0;
    let p = proposal::find(conn, proposal_id)?.ok_or_else(|| {
        crate::error::AppError::NotFound(
            crate::i18n::Message::new("messages-no-proposal").with("id", proposal_id),
        )
    })?;
    let hidden =
        crate::db::models::moderation::state(conn, proposal_id)?.is_some_and(|(hidden, _)| hidden);
    let (subject_key, body_key, public) = news.keys();
    let public = public && !hidden;
    let status = match news {
        ProposalNews::Progress { status, .. } => status.as_str(),
        _ => "",
    };
    let mut told = Vec::new();
    let send = |conn: &mut DbConnection, to: &Account, kind: Kind| -> AppResult<()> {
        let lang = language_of(to);
        let status = if status.is_empty() {
            String::new()
        } else {
            t(
                lang,
                &format!("statistics-status-{}", status.replace('_', "-")),
            )
        };
        let args = [
            ("title", p.title.as_str()),
            ("detail", news.detail()),
            ("status", status.as_str()),
        ];
        let action = Link {
            label: t(lang, "mail-open-proposal"),
            url: m.link(&format!("/proposals/{proposal_id}")),
        };
        let note = Note {
            subject: t_with(lang, subject_key, &args),
            text: t_with(lang, body_key, &args),
            action,
        };
        notify(conn, m, to, kind, note, now)
    };
    if let Some(author) = p
        .author_id
        .map(|id| super::people::find(conn, id))
        .transpose()?
        .flatten()
    {
        // The author of a withdrawal or of an answer knows it already.
        if !matches!(
            news,
            ProposalNews::Withdrawn
                | ProposalNews::Answered {
                    by_author: true,
                    ..
                }
        ) {
            send(conn, &author, Kind::OwnProposals)?;
        }
        told.push(author.id);
    }
    if public {
        for follower in notification::followers(conn, proposal_id)? {
            if told.contains(&follower) {
                continue;
            }
            if let Some(to) = super::people::find(conn, follower)? {
                send(conn, &to, Kind::Followed)?;
                told.push(follower);
            }
        }
    }
    Ok(())
}

/// Tells a comment's author that moderators hid it, and why.
pub fn comment_hidden(
    conn: &mut DbConnection,
    m: &Mailing,
    author: &Account,
    proposal_id: ProposalId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let lang = language_of(author);
    let title = proposal::find(conn, proposal_id.0)?.map_or_else(String::new, |p| p.title);
    let args = [("title", title.as_str()), ("detail", reason)];
    let note = Note {
        subject: t_with(lang, "mail-comment-hidden-subject", &args),
        text: t_with(lang, "mail-comment-hidden-body", &args),
        action: Link {
            label: t(lang, "mail-open-proposal"),
            url: m.link(&format!("/proposals/{}#comments", proposal_id.0)),
        },
    };
    notify(conn, m, author, Kind::OwnProposals, note, now)
}

/// Round news that has become due and was not sent yet (each once, whatever instance finds it
/// first): proposals open, voting opens, results published. Returns the messages written.
pub fn round_news_due(
    conn: &mut DbConnection,
    m: &Mailing,
    now: NaiveDateTime,
) -> AppResult<usize> {
    let mut written = 0;
    for r in round::all(conn)? {
        let events = [
            (
                "proposals-open",
                Some(r.proposals_open_at),
                "mail-news-proposals-subject",
                "mail-news-proposals-body",
            ),
            (
                "voting-open",
                Some(r.voting_open_at),
                "mail-news-voting-subject",
                "mail-news-voting-body",
            ),
            (
                "results",
                r.results_published_at,
                "mail-news-results-subject",
                "mail-news-results-body",
            ),
        ];
        for (event, at, subject_key, body_key) in events {
            // Only news of the last week: an installation that starts late does not send the past.
            if !at.is_some_and(|at| at <= now && now - at < chrono::Duration::days(7)) {
                continue;
            }
            let sent = crate::db::write_transaction(conn, |conn| {
                if !notification::announce_once(conn, r.id, event)? {
                    return Ok::<usize, crate::error::AppError>(0);
                }
                let mut n = 0;
                for id in notification::round_news_subscribers(conn)? {
                    let Some(to) = super::people::find(conn, id)? else {
                        continue;
                    };
                    let lang = language_of(&to);
                    let args = [("round", r.title.as_str())];
                    let action = Link {
                        label: t(lang, "mail-open-round"),
                        url: m.link(&format!("/rounds/{}", r.id)),
                    };
                    let note = Note {
                        subject: t_with(lang, subject_key, &args),
                        text: t_with(lang, body_key, &args),
                        action,
                    };
                    notify(conn, m, &to, Kind::RoundNews, note, now)?;
                    n += 1;
                }
                Ok(n)
            })?;
            written += sent;
        }
    }
    Ok(written)
}

/// A copy of a receipt, for a voter who asked for one: the tracking code only.
pub fn receipt_copy(
    conn: &mut DbConnection,
    m: &Mailing,
    to: &Account,
    round_title: &str,
    round_id: RoundId,
    tracking_code: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let round_id = round_id.0;
    let lang = language_of(to);
    let args = [("round", round_title), ("code", tracking_code)];
    let action = Link {
        label: t(lang, "mail-receipt-check"),
        url: m.link(&format!("/rounds/{round_id}/bulletin")),
    };
    let note = Note {
        subject: t_with(lang, "mail-receipt-subject", &args),
        text: t_with(lang, "mail-receipt-body", &args),
        action,
    };
    notify(conn, m, to, Kind::ReceiptCopy, note, now)
}

/// Follows or stops following a proposal.
pub fn set_following(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    user_id: i64,
    follow: bool,
) -> AppResult<()> {
    let proposal_id = proposal_id.0;
    if proposal::find(conn, proposal_id)?.is_none() {
        return Err(crate::error::AppError::NotFound(
            crate::i18n::Message::new("messages-no-proposal").with("id", proposal_id),
        ));
    }
    if follow {
        notification::follow(conn, proposal_id, user_id)?;
    } else {
        notification::unfollow(conn, proposal_id, user_id)?;
    }
    Ok(())
}

pub fn is_following(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    user_id: i64,
) -> AppResult<bool> {
    let proposal_id = proposal_id.0;
    Ok(notification::is_following(conn, proposal_id, user_id)?)
}

/// The outbox as staff see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Backlog {
    /// Messages waiting to be sent.
    pub queued: i64,
    /// Of those, messages the mail server refused or could not be reached for, at least once.
    pub failing: i64,
    /// Age in seconds of the oldest waiting message (0 when none waits).
    pub oldest_seconds: i64,
    /// Age in seconds of the oldest failing message.
    pub oldest_failing_seconds: i64,
    /// What went wrong last.
    pub last_error: Option<String>,
}

pub fn backlog(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<Backlog> {
    let b = outbox::backlog(conn)?;
    let age = |t: Option<NaiveDateTime>| t.map_or(0, |t| (now - t).num_seconds().max(0));
    Ok(Backlog {
        queued: b.queued,
        failing: b.failing,
        oldest_seconds: age(b.oldest),
        oldest_failing_seconds: age(b.oldest_failing),
        last_error: b.last_error,
    })
}

/// What the account page shows about mail (the proposals followed are `following`'s).
pub struct AccountMail {
    pub verified: bool,
    pub settings: Settings,
}

pub fn account_mail(conn: &mut DbConnection, user: &Account) -> AppResult<AccountMail> {
    Ok(AccountMail {
        verified: user.email_verified,
        settings: settings(conn, user.id)?,
    })
}
