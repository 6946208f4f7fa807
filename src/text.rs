//! Text helpers shared by every stage: German-aware slugs and heading ids.
//!
//! Editors write German; a plain ASCII fold would turn "Übersicht" into
//! "ubersicht", which no German reader would guess. German letters are
//! therefore transliterated the German way (ä → ae, ß → ss) before any other
//! non-ASCII letter is folded by `deunicode`.

/// Turns any text into a slug or fragment id: lowercase `a-z`, `0-9` and
/// single `-` between words, with German umlauts transliterated.
///
/// Used for heading ids and for the slug suggested when a file name is not a
/// valid slug, so both follow the same rule.
pub fn slugify(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            'ä' | 'Ä' => folded.push_str("ae"),
            'ö' | 'Ö' => folded.push_str("oe"),
            'ü' | 'Ü' => folded.push_str("ue"),
            'ß' | 'ẞ' => folded.push_str("ss"),
            c if c.is_ascii() => folded.push(c),
            c => folded.push_str(deunicode::deunicode_char(c).unwrap_or("-")),
        }
    }
    let mut slug = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for ch in folded.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(ch.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// The key German alphabetical lists sort by (DIN 5007, variant 1, as in
/// dictionaries): case and accents do not count, so "Ärger" files under
/// A between "Antrag" and "Ausweis", and ß counts as "ss".
pub fn sort_key(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            'ß' | 'ẞ' => folded.push_str("ss"),
            c if c.is_ascii() => folded.push(c),
            c => folded.push_str(deunicode::deunicode_char(c).unwrap_or(" ")),
        }
    }
    // Quotes and dashes do not count: „Zitat“ files under Z.
    let mut key = String::with_capacity(folded.len());
    for ch in folded.chars() {
        if ch.is_ascii_alphanumeric() {
            key.push(ch.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.truncate(key.trim_end().len());
    key
}

/// The letter an A–Z list files `text` under: `A`–`Z` (umlauts under their
/// base letter), `0–9` for a leading digit, `#` for anything else.
pub fn initial(text: &str) -> String {
    // The first letter or digit of `sort_key(text)`, without making the
    // whole key: characters are folded only until one is found.
    let first = text.chars().find_map(|ch| {
        let mut ascii = [0u8; 4];
        let folded: &str = match ch {
            'ß' | 'ẞ' => "ss",
            c if c.is_ascii() => c.encode_utf8(&mut ascii),
            c => deunicode::deunicode_char(c).unwrap_or(" "),
        };
        folded.chars().find(char::is_ascii_alphanumeric)
    });
    match first {
        Some(c) if c.is_ascii_digit() => "0–9".to_owned(),
        Some(c) => c.to_ascii_uppercase().to_string(),
        None => "#".to_owned(),
    }
}

/// Escapes what HTML needs escaped in text and double-quoted attributes
/// (`&`, `<`, `>`, `"`), the same escaping pulldown-cmark uses for
/// Markdown. One function for templates, synthetic search pages and the
/// preview's overlay, so they cannot drift apart.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Whether `text` is already a valid slug (what [`slugify`] would produce).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo. Used for every "did you mean" hint.
///
/// Close means a few edits (insert, delete, replace, swap two neighbours):
/// one for short words, at most three for long ones. A similarity score
/// alone would suggest `/leistungen/bafoeg/` for `/leistungen/wohngeld/`
/// (same prefix), which sends an editor to a different service; a bound on
/// edits never does. A site of 100,000 pages has as many candidates for a
/// broken link, so only those of about the word's length are compared (a
/// length check is a few nanoseconds, an edit distance far more).
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = word.chars().count();
    let bound = (len / 4).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(word.len()) <= bound * 4)
        .filter_map(|c| {
            let edits = strsim::damerau_levenshtein(word, c);
            (edits <= bound).then_some((edits, c))
        })
        // Fewest edits first; among equals the alphabetically first, so
        // the hint does not depend on the order of a hash map.
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_sort_and_file_with_their_base_letter() {
        let mut titles = vec![
            "Ausweis",
            "Ärger",
            "Antrag",
            "Zulassung",
            "öffentlich",
            "Ort",
        ];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(
            titles,
            [
                "Antrag",
                "Ärger",
                "Ausweis",
                "öffentlich",
                "Ort",
                "Zulassung"
            ]
        );
        assert_eq!(sort_key("Straße"), sort_key("Strasse"));
        assert_eq!(initial("Ärger mit Ämtern"), "A");
        assert_eq!(initial("übermorgen"), "U");
        assert_eq!(initial("„Zitat“"), "Z");
        assert_eq!(initial("112 Notruf"), "0–9");
        assert_eq!(initial("…"), "#");
        assert_eq!(sort_key("„Zitat“ – kurz"), "zitat kurz");
    }

    #[test]
    fn german_headings_become_readable_ids() {
        assert_eq!(slugify("Übersicht"), "uebersicht");
        assert_eq!(
            slugify("Wer kann das beantragen?"),
            "wer-kann-das-beantragen"
        );
        assert_eq!(slugify("Straße & Gebühren"), "strasse-gebuehren");
        assert_eq!(
            slugify("  Café -- Öffnungszeiten  "),
            "cafe-oeffnungszeiten"
        );
        assert_eq!(slugify("Wohngeld_Antrag"), "wohngeld-antrag");
    }

    #[test]
    fn slugs_are_recognised() {
        assert!(is_slug("wohngeld-beantragen"));
        assert!(!is_slug("Wohngeld"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(
            closest("stauts", ["status", "summary", "title"]),
            Some("status")
        );
        assert_eq!(closest("xyz", ["status", "summary"]), None);
        // The same prefix does not make a different service a typo.
        assert_eq!(
            closest(
                "/leistungen/wohngeld/",
                ["/leistungen/bafoeg/", "/leistungen/"]
            ),
            None
        );
        assert_eq!(
            closest(
                "/leistungen/wohngeld",
                ["/leistungen/wohngeld/", "/leistungen/bafoeg/"]
            ),
            Some("/leistungen/wohngeld/")
        );
        assert_eq!(
            closest("onlin_url", ["online_url", "ozg_id"]),
            Some("online_url")
        );
    }
}
