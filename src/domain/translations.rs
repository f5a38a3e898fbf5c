//! The council's translations of round and proposal texts into the interface's languages.
//! A reader whose language has a translation sees it in place of the original title and
//! description, with a note that it is a translation; otherwise the original. A hidden
//! proposal stays hidden in every language. Each change is recorded in the audit log.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::db::models::translation::{self, TranslationRow};
use crate::db::models::{audit, moderation};
use crate::db::DbConnection;
use crate::domain::ids::{ProposalId, RoundId};
use crate::domain::rounds::RoundDetail;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Lang;
use crate::i18n::Message;

const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 10_000;

/// A translated title and description, as the council's form or JSON sends them. Both empty
/// removes the translation.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// A language code of the interface (`en`, `es`, `pl`), exactly.
pub fn language(code: &str) -> AppResult<Lang> {
    Lang::ALL
        .into_iter()
        .find(|l| l.code() == code)
        .ok_or_else(|| {
            let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            AppError::NotFound(
                format!("texts can be translated into {} only", codes.join(", ")).into(),
            )
        })
}

/// Which text is translated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Round(i64),
    Proposal(i64),
}

/// Saves (or, when both fields are empty, removes) the translation of a round's or a
/// proposal's text. Returns whether a translation now exists.
pub fn save(
    conn: &mut DbConnection,
    translator_id: i64,
    text: Text,
    lang: Lang,
    input: &TranslationInput,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let title = input.title.trim();
    let description = input.description.trim();
    let removing = title.is_empty() && description.is_empty();
    let mut errors = FieldErrors::default();
    if !removing {
        if title.is_empty() {
            errors.add(
                "title",
                Message::new("messages-translation-give-translated-title-empty"),
            );
        } else if title.chars().count() > TITLE_MAX {
            errors.add(
                "title",
                Message::new("messages-translation-title-too-long").with("max", TITLE_MAX),
            );
        }
        if description.chars().count() > DESCRIPTION_MAX {
            errors.add(
                "description",
                Message::new("messages-translation-description-too-long")
                    .with("max", DESCRIPTION_MAX),
            );
        }
    }
    errors.into_result()?;
    crate::db::write_transaction(conn, |conn| {
        let (round_id, proposal_id) = match text {
            Text::Round(id) => (crate::domain::rounds::find(conn, RoundId(id))?.id, None),
            Text::Proposal(id) => {
                let p = crate::db::models::proposal::find(conn, id)?.ok_or_else(|| {
                    AppError::NotFound(Message::new("messages-no-proposal").with("id", id))
                })?;
                (p.round_id, Some(id))
            }
        };
        let existed = translation::delete(conn, round_id, proposal_id, Some(lang.code()))?;
        if !removing {
            translation::insert(
                conn,
                &TranslationRow {
                    round_id,
                    proposal_id,
                    lang: lang.code().to_string(),
                    title: title.to_string(),
                    description: description.to_string(),
                    translated_at: now,
                },
                Some(translator_id),
            )?;
        }
        let action = match (removing, existed) {
            (true, false) => return Ok(false),
            (true, true) => "translation removed",
            (false, _) => "translation saved",
        };
        let detail = serde_json::json!({
            "round_id": round_id,
            "proposal_id": proposal_id,
            "lang": lang.code(),
            "title": title,
            "description": description,
        })
        .to_string();
        audit::insert(conn, now, Some(translator_id), action, &detail)?;
        Ok(!removing)
    })
}

/// The translations into one language of a round's text and its proposals' texts.
#[derive(Clone, Debug, Default)]
pub struct Translations {
    round: Option<(String, String)>,
    proposals: HashMap<i64, (String, String)>,
    /// Proposals whose text moderators hid: their title reads as the placeholder of the
    /// reader's language, and their description is empty, in every view.
    hidden: std::collections::HashSet<i64>,
}

impl Translations {
    pub fn proposal(&self, id: ProposalId) -> Option<(&str, &str)> {
        let id = id.0;
        self.proposals
            .get(&id)
            .map(|(t, d)| (t.as_str(), d.as_str()))
    }

    /// Replaces a title and description with their translation; says whether there was one.
    pub fn apply(
        &self,
        proposal_id: Option<i64>,
        title: &mut String,
        description: &mut String,
    ) -> bool {
        if let Some((placeholder, _)) = proposal_id
            .filter(|id| self.hidden.contains(id))
            .and_then(|id| self.proposals.get(&id))
        {
            title.clone_from(placeholder);
            description.clear();
            return false;
        }
        let found = match proposal_id {
            None => self.round.as_ref(),
            Some(id) => self.proposals.get(&id),
        };
        match found {
            Some((t, d)) => {
                title.clone_from(t);
                if !d.is_empty() {
                    description.clone_from(d);
                }
                true
            }
            None => false,
        }
    }
}

impl Translations {
    /// Translates a round page's texts: the round's own (the return value says whether it
    /// had a translation), its projects' and the names in its results.
    pub fn apply_to_round(&self, detail: &mut RoundDetail) -> bool {
        let translated = self.apply(None, &mut detail.summary.title, &mut detail.description);
        for p in &mut detail.projects {
            self.apply(Some(p.id.0), &mut p.title, &mut p.description);
        }
        let results = detail.results.iter_mut().flat_map(|r| r.pots.iter_mut());
        for p in results.flat_map(|pot| pot.projects.iter_mut()) {
            if let Some((title, _)) = self.proposal(ProposalId(p.id.0)) {
                p.title = title.to_string();
            }
        }
        translated
    }
}

/// Everything of a round translated into `lang`, except the texts of hidden proposals.
pub fn of_round(conn: &mut DbConnection, round_id: RoundId, lang: Lang) -> AppResult<Translations> {
    let round_id = round_id.0;
    let rows = translation::of_round(conn, round_id, lang.code())?;
    let hidden = moderation::hidden_in_round(conn, round_id)?;
    let mut found = Translations::default();
    for row in rows {
        match row.proposal_id {
            None => found.round = Some((row.title, row.description)),
            Some(id) if !hidden.contains(&id) => {
                found.proposals.insert(id, (row.title, row.description));
            }
            Some(_) => {}
        }
    }
    let placeholder = crate::i18n::t(lang, "proposals-hidden-title");
    for id in hidden {
        found
            .proposals
            .insert(id, (placeholder.clone(), String::new()));
        found.hidden.insert(id);
    }
    Ok(found)
}

/// The round a text belongs to, and its original words.
pub fn original(conn: &mut DbConnection, text: Text) -> AppResult<(i64, TranslationInput)> {
    Ok(match text {
        Text::Round(id) => {
            let row = super::rounds::find(conn, RoundId(id))?;
            let words = TranslationInput {
                title: row.title,
                description: row.description,
            };
            (id, words)
        }
        Text::Proposal(id) => {
            let row = crate::db::models::proposal::find(conn, id)?.ok_or_else(|| {
                AppError::NotFound(Message::new("messages-no-proposal").with("id", id))
            })?;
            let words = TranslationInput {
                title: row.title,
                description: row.description,
            };
            (row.round_id, words)
        }
    })
}

/// A round with everything its page shows, in `lang` where the council translated it; says
/// whether the round's own text was translated.
pub fn round_detail(
    conn: &mut DbConnection,
    id: crate::domain::RoundId,
    now: NaiveDateTime,
    lang: Lang,
    wanted: crate::domain::rounds::Projects,
) -> AppResult<(RoundDetail, bool)> {
    let mut detail = crate::domain::rounds::detail(conn, id, now, lang, wanted)?;
    let translated = of_round(conn, RoundId(id.0), lang)?.apply_to_round(&mut detail);
    Ok((detail, translated))
}

/// The translated titles of several rounds (for lists of rounds).
pub fn round_titles(
    conn: &mut DbConnection,
    round_ids: &[i64],
    lang: Lang,
) -> AppResult<HashMap<i64, String>> {
    Ok(translation::of_rounds(conn, round_ids, lang.code())?
        .into_iter()
        .map(|row| (row.round_id, row.title))
        .collect())
}

/// Every translation of one text, for the council's form.
pub fn of_text(
    conn: &mut DbConnection,
    round_id: RoundId,
    proposal_id: Option<i64>,
) -> AppResult<HashMap<Lang, TranslationInput>> {
    let round_id = round_id.0;
    Ok(translation::of_text(conn, round_id, proposal_id)?
        .into_iter()
        .filter_map(|row| {
            let lang = Lang::ALL.into_iter().find(|l| l.code() == row.lang)?;
            Some((
                lang,
                TranslationInput {
                    title: row.title,
                    description: row.description,
                },
            ))
        })
        .collect())
}
