//! Calendar dates as editors write them: full dates (`2024-03-12`) and
//! partial dates (`2024`, `2024-03`) for terms of office and foundings.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The German names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// A full calendar date, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD`; the message says what was wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.len() != 10 || text.as_bytes()[4] != b'-' || text.as_bytes()[7] != b'-' {
            return Err(format!(
                "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"
            ));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("`{text}` is not a calendar date (check month and day)"))
    }

    /// The year, used in news URLs.
    pub fn year(&self) -> i32 {
        self.0.year()
    }

    /// German long form, e.g. "12. März 2024".
    pub fn german(&self) -> String {
        format!(
            "{}. {} {}",
            self.0.day(),
            MONTHS[self.0.month0() as usize],
            self.0.year()
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(DateText)?;
        Date::parse(&text).map_err(de::Error::custom)
    }
}

/// A date of which only the year, or year and month, may be known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let hint = "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-05";
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let bad = || format!("`{text}` is not a date: {hint}");
        let year = number(parts[0], 4).ok_or_else(bad)? as i32;
        let month = match parts.get(1) {
            Some(m) => Some(
                number(m, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?,
            ),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(number(d, 2).ok_or_else(bad)?),
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, d)
                .ok_or_else(|| format!("`{text}` is not a calendar date (check month and day)"))?;
        }
        Ok(PartialDate { year, month, day })
    }

    /// The earliest day this date can mean (`2024` → 2024-01-01).
    pub fn earliest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest day this date can mean (`2024` → 2024-12-31, as a key).
    pub fn latest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// German form at the precision given: "2024", "März 2024", "12. März 2024".
    pub fn german(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d}. {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(DateText)?;
        PartialDate::parse(&text).map_err(de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
        })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date of which only the year or month may be known: YYYY, YYYY-MM or YYYY-MM-DD.",
            "type": ["string", "integer"],
            "format": PARTIAL_DATE_FORMAT,
            "minimum": 1000,
            "maximum": 9999,
        })
    }
}

/// The JSON Schema `format` name of [`PartialDate`]; the validator registers a
/// check for it.
pub const PARTIAL_DATE_FORMAT: &str = "partial-date";

/// Accepts a date written as a YAML string or, for a bare year, a number.
struct DateText;

impl Visitor<'_> for DateText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date such as 2024-03-12")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

impl PartialDate {
    /// The year, month (1–12) and day as far as known.
    pub fn parts(&self) -> (i32, Option<u32>, Option<u32>) {
        (self.year, self.month, self.day)
    }
}

/// Formats an ISO date string (full or partial) the German way.
pub fn german(iso: &str) -> Option<String> {
    PartialDate::parse(iso).ok().map(|d| d.german())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates() {
        assert_eq!(Date::parse("2024-03-12").unwrap().german(), "12. März 2024");
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("12.03.2024").is_err());
    }

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2021").unwrap().german(), "2021");
        assert_eq!(PartialDate::parse("2021-05").unwrap().german(), "Mai 2021");
        assert!(PartialDate::parse("2021-13").is_err());
        assert!(PartialDate::parse("21").is_err());
        let y = PartialDate::parse("2024").unwrap();
        let m = PartialDate::parse("2024-06").unwrap();
        assert!(m.earliest() <= y.latest());
    }

    #[test]
    fn bare_year_in_yaml_is_accepted() {
        let d: PartialDate = serde_yaml::from_str("2024").unwrap();
        assert_eq!(d.to_string(), "2024");
    }
}
