//! German typography for running text: non-breaking spaces where a line
//! must not break (DIN 5008 and the Duden's rules on spacing).
//!
//! A phone's narrow column breaks lines often; "33" at the end of one line
//! and "%" at the start of the next, or "§" alone before "27 WoGG", reads
//! as an error. Editors type ordinary spaces, so the render stage ties
//! them where German typography wants one unit:
//! - a number and its unit or currency: `33 %`, `30 Euro`, `5 km`,
//!   `3 Wochen`, `10 Uhr`;
//! - a section or paragraph sign and what follows: `§ 5`, `§§ 3`,
//!   `Abs. 2`, `Nr. 4`, `Art. 3`;
//! - a day and its month: `1. Januar`;
//! - the parts of short abbreviations: `z. B.`, `d. h.`, `u. a.`.
//!
//! The space becomes U+00A0 (no-break space), which every font has; HTML
//! output shows it as a space that does not break. Only the spaces named
//! here change: the text's words, and so search and links, stay the same.

use std::borrow::Cow;

/// The no-break space.
const NBSP: char = '\u{a0}';

/// Units, currencies and counted nouns that stay on the number's line.
const UNITS: &[&str] = &[
    "%",
    "‰",
    "€",
    "$",
    "EUR",
    "Euro",
    "Cent",
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "t",
    "l",
    "ha",
    "m²",
    "km²",
    "MB",
    "GB",
    "kB",
    "Uhr",
    "Mio.",
    "Mrd.",
    "Prozent",
    "Tag",
    "Tage",
    "Tagen",
    "Woche",
    "Wochen",
    "Monat",
    "Monate",
    "Monaten",
    "Jahr",
    "Jahre",
    "Jahren",
    "Stunde",
    "Stunden",
    "Minute",
    "Minuten",
    "Seiten",
    "Personen",
    "Leistungen",
    "Kommunen",
];

/// Words that take the number after them: `§ 5`, `Abs. 2`.
const BEFORE_NUMBER: &[&str] = &["§", "§§", "Abs.", "Art.", "Nr.", "S.", "Satz", "Anlage"];

/// A number as German text writes it: digits with `.` or `,` between them
/// (`1.500`, `2,5`), optionally with a sign.
fn is_number(word: &str) -> bool {
    let digits = word.trim_start_matches(['-', '+', '–', '(']);
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A word without the punctuation that may follow it: `%)` → `%`.
fn bare(word: &str) -> &str {
    word.trim_end_matches([')', ',', ';', ':', '!', '?', '“', '"'])
}

/// A short abbreviation's part: one letter and a full stop (`z.`, `B.`).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_alphabetic())
}

/// A day of the month with its full stop: `1.` to `31.`.
fn is_day(word: &str) -> bool {
    word.strip_suffix('.')
        .and_then(|d| d.parse::<u32>().ok())
        .is_some_and(|d| (1..=31).contains(&d))
}

/// Whether the space between `before` and `after` must not break.
fn ties(before: &str, after: &str) -> bool {
    let after_bare = bare(after);
    // A word from `list`, also when a sentence's full stop follows it.
    let one_of = |list: &[&str]| {
        list.contains(&after_bare)
            || after_bare
                .strip_suffix('.')
                .is_some_and(|word| list.contains(&word))
    };
    (is_number(before) && one_of(UNITS))
        || (BEFORE_NUMBER.contains(&before) && after.starts_with(|c: char| c.is_ascii_digit()))
        || (is_day(before) && one_of(&crate::date::MONTHS))
        || (is_initial(before) && is_initial(after_bare))
}

/// `text` with the spaces German typography ties made non-breaking;
/// borrowed unchanged when there is none.
pub fn tie_spaces(text: &str) -> Cow<'_, str> {
    // One pass without allocating; the copy starts at the first tie, so
    // text without one (most of it) costs a scan.
    let mut out: Option<String> = None;
    let mut words = text.split(' ');
    let Some(mut before) = words.next() else {
        return Cow::Borrowed(text);
    };
    // Where the space after `before` is.
    let mut space = before.len();
    for word in words {
        if ties(before, word) {
            out.get_or_insert_with(|| {
                let mut copy = String::with_capacity(text.len() + 8);
                copy.push_str(&text[..space]);
                copy
            })
            .push(NBSP);
        } else if let Some(copy) = out.as_mut() {
            copy.push(' ');
        }
        if let Some(copy) = out.as_mut() {
            copy.push_str(word);
        }
        space += 1 + word.len();
        before = word;
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(text: &str) -> String {
        tie_spaces(text).replace(NBSP, "~")
    }

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(tie("online (33 %)"), "online (33~%)");
        assert_eq!(tie("kostet 1.500 Euro, bar"), "kostet 1.500~Euro, bar");
        assert_eq!(tie("etwa 3 Wochen."), "etwa 3~Wochen.");
        assert_eq!(tie("2,5 km weit"), "2,5~km weit");
    }

    #[test]
    fn signs_and_dates_keep_what_follows() {
        assert_eq!(tie("nach § 27 WoGG"), "nach §~27 WoGG");
        assert_eq!(tie("§§ 3 und 4, Abs. 2"), "§§~3 und 4, Abs.~2");
        assert_eq!(tie("seit 1. Januar 2025"), "seit 1.~Januar 2025");
        assert_eq!(tie("etwa z. B. so"), "etwa z.~B. so");
    }

    #[test]
    fn other_spaces_stay_and_plain_text_is_borrowed() {
        assert!(matches!(
            tie_spaces("Wohngeld beantragen"),
            Cow::Borrowed(_)
        ));
        assert_eq!(tie("3 Anträge"), "3 Anträge");
        assert_eq!(tie("Die 2 ist"), "Die 2 ist");
        assert_eq!(tie("A. Meier"), "A. Meier");
    }

    proptest::proptest! {
        /// Only spaces change, and only into no-break spaces: the words,
        /// and so search and links, stay as written.
        #[test]
        fn only_spaces_change(words in proptest::collection::vec(
            proptest::sample::select(vec!["33", "%", "§", "5", "1.", "Januar", "z.", "B.", "Euro", "Wohngeld", "", "Abs.", "2,5", "km)"]),
            0..12,
        )) {
            let text = words.join(" ");
            let tied = tie_spaces(&text);
            proptest::prop_assert_eq!(tied.replace(NBSP, " "), text);
        }
    }
}
