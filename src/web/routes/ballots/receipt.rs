//! The receipt: downloading it, and checking that a receipt's ballot is on the board.

use super::*;
use crate::domain::RoundId;

#[derive(Deserialize)]
pub struct CodeOnly {
    code: String,
}

impl FormFields for CodeOnly {}

pub async fn download_receipt(
    req: actix_web::HttpRequest,
    CsrfForm(form): CsrfForm<CodeOnly>,
) -> HttpResponse {
    let lang = crate::web::extractors::reader_language(&req);
    let text = format!(
        "{}\n{}\n\n{}\n{}\n",
        t(lang, "ballots-receipt-file-heading"),
        t_with(lang, "ballots-receipt-file-code", &[("code", &form.code)]),
        t(lang, "ballots-receipt-file-check"),
        t(lang, "ballots-receipt-file-private"),
    );
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"ballot-receipt.txt\"",
        ))
        .body(text)
}

pub async fn check_receipt(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<CodeOnly>,
) -> AppResult<HttpResponse> {
    let code = form.code;
    match state
        .db(move |conn| {
            let proof = crate::domain::bulletin::inclusion(conn, &code)?;
            let titles =
                crate::domain::ballot_words::titles_of_round(conn, RoundId(proof.round_id))?;
            let words =
                crate::domain::ballot_words::in_words(proof.entry.content.as_deref(), &titles);
            Ok((proof, words))
        })
        .await
    {
        Ok((proof, words)) => Ok(html_status(
            StatusCode::OK,
            pages::inclusion(&viewer, Some(&proof), words.as_deref()),
        )),
        Err(AppError::NotFound(_)) => Ok(html_status(
            StatusCode::NOT_FOUND,
            pages::inclusion(&viewer, None, None),
        )),
        Err(e) => Err(e),
    }
}
