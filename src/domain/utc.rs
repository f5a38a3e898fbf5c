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

/// A round's time zone by its IANA name (`Europe/Warsaw`); None for a name the tz database
/// does not know.
pub fn zone(name: &str) -> Option<chrono_tz::Tz> {
    name.trim().parse().ok()
}

/// A round's time zone, or UTC for a name stored before names were checked.
pub fn zone_or_utc(name: &str) -> chrono_tz::Tz {
    zone(name).unwrap_or(chrono_tz::UTC)
}

/// The UTC instant of a wall-clock time in `zone`: the first of the two when clocks show it
/// twice (autumn); None for a time the clocks skip (spring).
pub fn from_local(local: NaiveDateTime, zone: chrono_tz::Tz) -> Option<NaiveDateTime> {
    use chrono::TimeZone;
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc())
}

/// The wall-clock time in `zone` of a UTC instant.
pub fn to_local(utc: NaiveDateTime, zone: chrono_tz::Tz) -> NaiveDateTime {
    use chrono::TimeZone;
    zone.from_utc_datetime(&utc).naive_local()
}

/// Midnight (UTC) of the day of `t`: for records whose time of day would tell the order in
/// which people voted.
pub fn start_of_day(t: NaiveDateTime) -> NaiveDateTime {
    t.date().and_time(chrono::NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn wall_clock_times_of_a_round_convert_both_ways() {
        let warsaw = zone("Europe/Warsaw").unwrap();
        assert_eq!(
            from_local(at("2026-05-01T09:00"), warsaw),
            Some(at("2026-05-01T07:00"))
        );
        assert_eq!(
            from_local(at("2026-01-10T09:00"), warsaw),
            Some(at("2026-01-10T08:00"))
        );
        assert_eq!(
            to_local(at("2026-05-01T07:00"), warsaw),
            at("2026-05-01T09:00")
        );
        // 02:30 on the last Sunday of March does not exist; 02:30 in October happens twice,
        // first in summer time.
        assert_eq!(from_local(at("2026-03-29T02:30"), warsaw), None);
        assert_eq!(
            from_local(at("2026-10-25T02:30"), warsaw),
            Some(at("2026-10-25T00:30"))
        );
        assert!(zone("Mars/Olympus").is_none());
        assert_eq!(zone_or_utc("Mars/Olympus"), chrono_tz::UTC);
    }
}
