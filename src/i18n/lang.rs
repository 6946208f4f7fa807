//! Language codes: the two-letter codes of ISO 639-1, as BCP 47 and
//! `hreflang` use them for a language without region.
//!
//! A closed list, so `eng`, `ger` or `dt` in site.yaml is an error with the
//! code meant, not a site whose pages claim a language no browser knows.

/// The ISO 639-1 codes.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Codes people write for a language that ISO 639-1 names otherwise.
const COMMON_MISTAKES: &[(&str, &str)] = &[
    ("ger", "de"),
    ("deu", "de"),
    ("dt", "de"),
    ("eng", "en"),
    ("gb", "en"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("ua", "uk"),
    ("ara", "ar"),
    ("rus", "ru"),
    ("pol", "pl"),
];

/// Leichte Sprache, German in the rules of easy language: a variant of
/// German, not a language of its own, so ISO 639-1 has no code for it.
/// `portal` writes it `ls` (in `translations` and in file names such as
/// `home.ls.md`; `ls` is no ISO 639-1 code, so nothing collides). Its
/// pages are `lang="de"` and live below [`EASY_GERMAN_PREFIX`].
pub const EASY_GERMAN: &str = "ls";

/// Where the pages in Leichte Sprache are published: the address German
/// portals use for their Leichte Sprache start page, which readers and
/// search engines already know.
pub const EASY_GERMAN_PREFIX: &str = "/leichte-sprache";

/// Whether `code` is a language code `portal` accepts as a further
/// language of the site (an ISO 639-1 code, or [`EASY_GERMAN`]).
pub fn is_known(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok() || code == EASY_GERMAN
}

/// The `lang` attribute of pages in `code`: `de` for Leichte Sprache.
pub fn html_lang(code: &str) -> &str {
    if code == EASY_GERMAN {
        "de"
    } else {
        code
    }
}

/// The address prefix of the pages in `code`: `/en`, `/leichte-sprache`.
pub fn prefix(code: &str) -> String {
    if code == EASY_GERMAN {
        EASY_GERMAN_PREFIX.to_owned()
    } else {
        format!("/{code}")
    }
}

/// For an unknown code, the code probably meant.
pub fn suggestion(code: &str) -> Option<&'static str> {
    let lower = code.to_ascii_lowercase();
    if let Some((_, meant)) = COMMON_MISTAKES.iter().find(|(wrong, _)| *wrong == lower) {
        return Some(meant);
    }
    if is_known(&lower) {
        return ISO_639_1.iter().copied().find(|c| *c == lower);
    }
    // `en-GB`, `de_DE`: the language part.
    let primary = lower.split(['-', '_']).next().unwrap_or_default();
    ISO_639_1.iter().copied().find(|c| *c == primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
        assert!(is_known("de") && is_known("en") && is_known("uk"));
        assert!(!is_known("eng") && !is_known("DE") && !is_known("de-DE"));
    }

    #[test]
    fn near_misses_name_the_code_meant() {
        assert_eq!(suggestion("eng"), Some("en"));
        assert_eq!(suggestion("DE"), Some("de"));
        assert_eq!(suggestion("en-GB"), Some("en"));
        assert_eq!(suggestion("xx"), None);
    }
}
