//! The proposals a resident follows, each with its news newest first: the same status
//! changes, official answers and follow-up progress that followers are sent by mail, for
//! residents without mail and for looking back.

use chrono::NaiveDateTime;

use crate::db::models::{notification, progress};
use crate::db::DbConnection;
use crate::domain::comments::{official_answers, Official};
use crate::domain::ids::{ProposalId, RoundId};
use crate::domain::status::ProposalStatus;
use crate::error::AppResult;

#[derive(Clone, Debug, PartialEq)]
pub enum NewsKind {
    Reviewed { feasible: bool, reason: String },
    Answered { by: Official, text: String },
    Progress { status: String, note: String },
    Merged { into_title: String },
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq)]
pub struct News {
    pub at: NaiveDateTime,
    pub what: NewsKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Followed {
    pub id: i64,
    pub title: String,
    pub status: ProposalStatus,
    /// Newest first. Empty for a proposal moderators hid: its news goes to its author only.
    pub news: Vec<News>,
}

/// Everything a person follows, in the order they started following.
pub fn of_account(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<Followed>> {
    let mut out = Vec::new();
    for id in notification::followed_by(conn, user_id)? {
        let Ok(view) = crate::domain::proposals::view(conn, ProposalId(id)) else {
            continue;
        };
        let hidden = crate::domain::hidden::hidden_in_round(conn, RoundId(view.round_id))?;
        if hidden.contains(&id) {
            let (title, _) =
                crate::domain::hidden::public_text(&hidden, id, view.title, String::new());
            out.push(Followed {
                id,
                title,
                status: view.status,
                news: Vec::new(),
            });
            continue;
        }
        let mut news: Vec<News> = view
            .reviews
            .iter()
            .map(|r| News {
                at: r.at,
                what: NewsKind::Reviewed {
                    feasible: r.decision == ProposalStatus::Feasible,
                    reason: r.reason.clone(),
                },
            })
            .collect();
        news.extend(
            official_answers(conn, ProposalId(id))?
                .into_iter()
                .map(|(at, by, text)| News {
                    at,
                    what: NewsKind::Answered { by, text },
                }),
        );
        news.extend(progress::of_proposal(conn, id)?.into_iter().map(|p| News {
            at: p.recorded_at,
            what: NewsKind::Progress {
                status: p.status,
                note: p.note,
            },
        }));
        if let Some((_, into_title)) = &view.merged_into {
            news.push(News {
                at: view.updated_at,
                what: NewsKind::Merged {
                    into_title: into_title.clone(),
                },
            });
        }
        if view.status == ProposalStatus::Withdrawn {
            news.push(News {
                at: view.updated_at,
                what: NewsKind::Withdrawn,
            });
        }
        // Newest first; news of the same moment in the reverse of the order it happened.
        news.reverse();
        news.sort_by_key(|n| std::cmp::Reverse(n.at));
        out.push(Followed {
            id,
            title: view.title,
            status: view.status,
            news,
        });
    }
    Ok(out)
}
