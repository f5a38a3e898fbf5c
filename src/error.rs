//! One application error type. Handlers return `AppResult<T>`; the single `ResponseError`
//! impl renders JSON `{"error": …}`, and `web::middleware::negotiate_errors` turns it into an
//! HTML page for browsers.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::i18n::{Lang, Message};

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(Message),
    /// Not logged in (or the session ended). Browsers are sent to the login page.
    #[error("{0}")]
    Unauthorized(Message),
    #[error("{0}")]
    NotFound(Message),
    #[error("{0}")]
    Forbidden(Message),
    #[error("{0}")]
    Conflict(Message),
    #[error("{0}")]
    Unprocessable(Message),
    #[error("{0}")]
    PayloadTooLarge(Message),
    /// One or more fields are wrong; each message belongs next to its field.
    #[error("{}", .0.summary())]
    Invalid(FieldErrors),
    #[error("{message}")]
    TooManyRequests {
        message: String,
        retry_after_seconds: i64,
    },
    /// The database cannot be reached right now; the request can be retried.
    #[error("the service is temporarily unavailable, please try again in a minute")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A bug or an unexpected failure; details go to the log, never to the client.
    #[error("something went wrong on our side")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A sentence a person can act on.
    pub error: String,
    /// Per-field messages, when the request had fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<std::collections::BTreeMap<String, String>>,
}

/// Messages keyed by form field, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(String, Message)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<Message>) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&Message> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line for the whole form, in English (the API's `error`).
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    pub fn summary_in(&self, lang: Lang) -> String {
        match self.0.as_slice() {
            [] => Message::new("messages-invalid-request").text(lang),
            [(_, only)] => only.text(lang),
            [(_, first), rest @ ..] => Message::new("messages-and-more")
                .with("first", first.text(lang))
                .with("count", rest.len())
                .text(lang),
        }
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl AppError {
    pub fn internal(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        AppError::Internal(e.into())
    }

    /// The sentence for a person reading `lang` (the API's `error` is the English one).
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            AppError::BadRequest(m)
            | AppError::Unauthorized(m)
            | AppError::NotFound(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::Unprocessable(m)
            | AppError::PayloadTooLarge(m) => m.text(lang),
            AppError::Invalid(errors) => errors.summary_in(lang),
            AppError::TooManyRequests { message, .. } => message.clone(),
            AppError::Unavailable(_) => Message::new("messages-unavailable").text(lang),
            AppError::Internal(_) => Message::new("messages-internal").text(lang),
        }
    }

    /// The catalogue key (`assets/locales/*/errors.ftl`) of the HTML error page's title.
    pub fn title_key(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) | AppError::Unprocessable(_) => "errors-title-bad-request",
            AppError::NotFound(_) => "errors-title-not-found",
            AppError::Unauthorized(_) => "errors-title-unauthorized",
            AppError::Invalid(_) => "errors-title-invalid",
            AppError::TooManyRequests { .. } => "errors-title-too-many",
            AppError::Forbidden(_) => "errors-title-forbidden",
            AppError::Conflict(_) => "errors-title-conflict",
            AppError::PayloadTooLarge(_) => "errors-title-too-large",
            AppError::Unavailable(_) => "errors-title-unavailable",
            AppError::Internal(_) => "errors-title-internal",
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::NotFound("we could not find that".into()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                AppError::Conflict("this has already been recorded".into())
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                AppError::Unavailable(info.message().to_string().into())
            }
            other => AppError::internal(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(Box::new(e))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(source) => tracing::error!(error = %source, "internal error"),
            AppError::Unavailable(source) => {
                tracing::warn!(error = %source, "database unavailable")
            }
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::Unavailable(_) => {
                response.insert_header(("Retry-After", "30"));
            }
            AppError::TooManyRequests {
                retry_after_seconds,
                ..
            } => {
                response.insert_header(("Retry-After", retry_after_seconds.to_string()));
            }
            _ => {}
        }
        let fields = match self {
            AppError::Invalid(errors) => Some(
                errors
                    .0
                    .iter()
                    .map(|(field, message)| (field.clone(), message.to_string()))
                    .collect(),
            ),
            _ => None,
        };
        response.json(ErrorBody {
            error: self.to_string(),
            fields,
        })
    }
}
