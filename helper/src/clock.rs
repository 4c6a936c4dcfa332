//! The helper's clock: now as Unix seconds (what a certificate's validity is
//! compared with), and a time as RFC 3339 in UTC (the log's lines, the
//! certificates' dates on the wire).

use time::OffsetDateTime;

/// Now, in seconds since 1970 (UTC); 0 on a clock set before then.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The Unix time `unix` as RFC 3339 in UTC (`2026-05-01T12:00:00Z`); empty past the year 9999.
pub fn rfc3339(unix: i64) -> String {
    let Ok(t) = OffsetDateTime::from_unix_timestamp(unix) else { return String::new() };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unix_time_is_written_as_rfc3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        // 29 February 2028, 23:59:59: a leap day, the last second of it.
        assert_eq!(rfc3339(1_835_481_599), "2028-02-29T23:59:59Z");
    }

    #[test]
    fn a_time_no_calendar_can_hold_is_written_as_nothing_rather_than_a_wrong_date() {
        assert_eq!(rfc3339(i64::MAX), "");
    }

    #[test]
    fn now_is_read_from_the_system_clock() {
        let system = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        assert!((now() - system).abs() <= 1, "{} against {system}", now());
    }
}
