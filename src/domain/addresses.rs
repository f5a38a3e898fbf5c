//! Email addresses as accounts keep them: trimmed, lower-case, and plausible.

pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.len() <= 254
}

/// False for an address under the reserved `.invalid` top-level domain (RFC 6761), which an
/// account made at an identity provider without an address gets: no message goes there.
pub fn deliverable(email: &str) -> bool {
    !email.to_ascii_lowercase().ends_with(".invalid")
}
