//! Times in the JSON API: stored as UTC without an offset, written as RFC 3339 with `Z`, so
//! clients (and the OpenAPI `date-time` format) read them as the instants they are.

use chrono::NaiveDateTime;
use serde::Serializer;

const RFC3339_UTC: &str = "%Y-%m-%dT%H:%M:%SZ";

pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format(RFC3339_UTC))
}

pub fn serialize_option<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => serialize(t, s),
        None => s.serialize_none(),
    }
}
