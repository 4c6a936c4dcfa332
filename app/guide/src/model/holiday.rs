//! Days support is closed though the weekday says open: the public holidays of
//! Norway and Sweden (the moving ones counted from Easter) and the days an
//! organisation closes on its own (`"closed"` in a contact).

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The day, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// Days since 1970-01-01 (negative before), for counting from Easter.
    pub fn number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days from 1970-01-01.
    pub fn from_number(n: i64) -> Date {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: (yoe + era * 400 + i64::from(month <= 2)) as i32, month, day }
    }

    /// The day `days` later (earlier when negative).
    pub fn plus(self, days: i64) -> Date {
        Date::from_number(self.number() + days)
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.number() + 3).rem_euclid(7) as u8
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
        let day = parts.next().filter(|d| d.len() == 2)?.parse().ok()?;
        Date::new(year, month, day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Date {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { year, month: month as u8, day: day as u8 }
}

/// A country whose public holidays close support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Country {
    Norway,
    Sweden,
}

impl Country {
    /// The country a contact's time zone stands for (the zones support is given in).
    pub fn of_zone(zone: &str) -> Option<Country> {
        match zone {
            "Europe/Oslo" | "Arctic/Longyearbyen" => Some(Country::Norway),
            "Europe/Stockholm" => Some(Country::Sweden),
            _ => None,
        }
    }

    /// True on a public holiday of the country, and in Sweden also on the eves
    /// that the law treats as Sundays (midsommarafton, julafton, nyårsafton).
    pub fn is_holiday(self, date: Date) -> bool {
        let from_easter = date.number() - easter(date.year).number();
        let (m, d) = (date.month, date.day);
        match self {
            // Skjærtorsdag, langfredag, 1. og 2. påskedag, Kristi himmelfartsdag, 1. og 2. pinsedag.
            Country::Norway => {
                matches!(from_easter, -3 | -2 | 0 | 1 | 39 | 49 | 50)
                    || matches!((m, d), (1, 1) | (5, 1) | (5, 17) | (12, 25) | (12, 26))
            }
            // Långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen.
            Country::Sweden => {
                let weekday = date.weekday();
                matches!(from_easter, -2 | 0 | 1 | 39 | 49)
                    || matches!((m, d), (1, 1) | (1, 6) | (5, 1) | (6, 6) | (12, 24) | (12, 25) | (12, 26) | (12, 31))
                    // Midsommarafton: the Friday of 19–25 June; midsommardagen the Saturday after.
                    || (m == 6 && ((19..=25).contains(&d) && weekday == 4 || (20..=26).contains(&d) && weekday == 5))
                    // Alla helgons dag: the Saturday of 31 October – 6 November.
                    || weekday == 5 && (m == 10 && d == 31 || m == 11 && d <= 6)
            }
        }
    }
}

/// A day a contact is closed on: once (`2026-12-24`) or every year (`12-24`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosedDay {
    Once(Date),
    EveryYear { month: u8, day: u8 },
}

impl ClosedDay {
    /// Reads `YYYY-MM-DD` or `MM-DD`.
    pub fn parse(text: &str) -> Option<ClosedDay> {
        if let Some(date) = Date::parse(text) {
            return Some(ClosedDay::Once(date));
        }
        let (m, d) = text.trim().split_once('-').filter(|(m, d)| m.len() == 2 && d.len() == 2)?;
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        // 2024 is a leap year: 02-29 is a day that exists.
        Date::new(2024, month, day).map(|_| ClosedDay::EveryYear { month, day })
    }

    /// True when this closes `date`.
    pub fn covers(self, date: Date) -> bool {
        match self {
            ClosedDay::Once(day) => day == date,
            ClosedDay::EveryYear { month, day } => date.month == month && date.day == day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        for (year, day) in [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25")] {
            assert_eq!(easter(year), date(day), "{year}");
            assert_eq!(easter(year).weekday(), 6);
        }
    }

    #[test]
    fn day_numbers_count_both_ways() {
        assert_eq!(date("1970-01-01").number(), 0);
        assert_eq!(date("2026-12-25").weekday(), 4, "a Friday");
        for n in [-800_000, -1, 0, 59, 20_000, 30_000] {
            assert_eq!(Date::from_number(n).number(), n);
        }
        assert_eq!(date("2024-02-28").plus(1), date("2024-02-29"));
        assert!(Date::parse("2025-02-29").is_none() && Date::parse("2025-13-01").is_none() && Date::parse("25-12-2025").is_none());
    }

    #[test]
    fn norwegian_holidays_fixed_and_from_easter() {
        let no = Country::Norway;
        for day in ["2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"] {
            assert!(no.is_holiday(date(day)), "{day}");
        }
        for day in ["2026-04-04", "2026-04-07", "2026-12-24", "2026-06-06", "2026-12-28"] {
            assert!(!no.is_holiday(date(day)), "{day}");
        }
    }

    #[test]
    fn swedish_holidays_with_midsummer_and_all_saints() {
        let se = Country::Sweden;
        for day in ["2026-01-06", "2026-04-03", "2026-04-06", "2026-05-14", "2026-06-06", "2026-06-19", "2026-06-20", "2026-10-31", "2026-12-24", "2026-12-31", "2027-06-25", "2027-11-06"] {
            assert!(se.is_holiday(date(day)), "{day}");
        }
        for day in ["2026-04-02", "2026-05-17", "2026-06-26", "2026-11-07", "2026-05-25"] {
            assert!(!se.is_holiday(date(day)), "{day}");
        }
        assert_eq!(Country::of_zone("Europe/Stockholm"), Some(Country::Sweden));
        assert_eq!(Country::of_zone("UTC"), None);
    }

    #[test]
    fn an_organisation_closes_on_a_day_once_or_every_year() {
        assert!(ClosedDay::parse("2026-12-24").unwrap().covers(date("2026-12-24")));
        assert!(!ClosedDay::parse("2026-12-24").unwrap().covers(date("2027-12-24")));
        assert!(ClosedDay::parse("12-31").unwrap().covers(date("2030-12-31")));
        assert!(ClosedDay::parse("02-29").is_some());
        for wrong in ["12-32", "31.12", "2026-1-2", "julaften"] {
            assert!(ClosedDay::parse(wrong).is_none(), "{wrong}");
        }
    }
}
