//! Words of the index: how text is cut into words, how a word becomes the
//! stem it is found by, and which tails of German compounds are words too.
//!
//! The browser cuts and stems a query the same way (`search.js`: the same
//! split on letters and digits, the same lowercase, a port of the same
//! Snowball German stemmer); `tests/testsuite/search_index.rs` checks the
//! two stemmers against each other on real words.

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

use crate::hashing::{Map, Set};

/// Lowercase words of `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The shortest tail of a compound that still counts as a word.
const MIN_PART: usize = 4;
/// The shortest head of a compound ("Bau" in "Bauantrag").
const MIN_HEAD: usize = 3;

/// No compound part.
pub const NO_PART: u32 = u32::MAX;

/// What a word of the site is found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordStems {
    /// Its own stem.
    pub stem: u32,
    /// The stem of its tail when the word is a compound whose tail is a
    /// word of the site ("wohnsitzanmeldung" → "anmeld"), else [`NO_PART`].
    pub part: u32,
}

/// Every word of the site, its stem and its compound part; stems are
/// numbered in sorted order, so the index is written in the order of their
/// numbers.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: Map<Box<str>, WordStems>,
    stems: Vec<Box<str>>,
}

impl Vocabulary {
    /// The vocabulary of `texts`, each a sequence of the texts of one page.
    pub fn of<I>(texts: impl ParallelIterator<Item = I>) -> Vocabulary
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let surface: Set<Box<str>> = texts
            .fold(Set::default, |mut set, fields| {
                for text in fields {
                    for word in words(text.as_ref()) {
                        if !set.contains(word.as_str()) {
                            set.insert(word.into_boxed_str());
                        }
                    }
                }
                set
            })
            .reduce(Set::default, |mut a, b| {
                if a.len() < b.len() {
                    return merge(b, a);
                }
                a.extend(b);
                a
            });
        fn merge(mut a: Set<Box<str>>, b: Set<Box<str>>) -> Set<Box<str>> {
            a.extend(b);
            a
        }
        Self::from_words(surface)
    }

    fn from_words(surface: Set<Box<str>>) -> Vocabulary {
        let surface: Vec<Box<str>> = surface.into_iter().collect();
        let stemmed: Vec<String> = surface
            .par_iter()
            .map_init(
                || Stemmer::create(Algorithm::German),
                |s, w| stem_with(s, w),
            )
            .collect();
        let mut stems: Vec<Box<str>> = stemmed.iter().map(|s| s.as_str().into()).collect();
        stems.par_sort_unstable();
        stems.dedup();
        let number: Map<&str, u32> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (&**s, i as u32))
            .collect();
        let known: Set<&str> = surface
            .iter()
            .map(|w| &**w)
            .filter(|w| w.chars().count() >= MIN_PART)
            .collect();
        let entries: Vec<WordStems> = surface
            .par_iter()
            .zip(&stemmed)
            .map_init(
                || Stemmer::create(Algorithm::German),
                |stemmer, (word, stem)| {
                    let stem = number[stem.as_str()];
                    let part = compound_tail(word, &known)
                        .map(|tail| number[stem_with(stemmer, tail).as_str()])
                        .filter(|&part| part != stem)
                        .unwrap_or(NO_PART);
                    WordStems { stem, part }
                },
            )
            .collect();
        Vocabulary {
            words: surface.into_iter().zip(entries).collect(),
            stems,
        }
    }

    /// What `word` (lowercase, a word of the site) is found by.
    pub fn get(&self, word: &str) -> Option<WordStems> {
        self.words.get(word).copied()
    }

    /// The stem numbered `id`.
    pub fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    /// How many distinct stems the site has.
    pub fn stems(&self) -> usize {
        self.stems.len()
    }
}

/// The stem of a lowercase word: Snowball's German stemmer, which also
/// folds ä, ö, ü to a, o, u and ß to ss.
pub fn stem(word: &str) -> String {
    stem_with(&Stemmer::create(Algorithm::German), word)
}

fn stem_with(stemmer: &Stemmer, word: &str) -> String {
    stemmer.stem(word).into_owned()
}

/// The longest tail of `word` that is a word of `known`, leaving a head of
/// at least [`MIN_HEAD`] letters: "wohnsitzanmeldung" → "anmeldung".
fn compound_tail<'w>(word: &'w str, known: &Set<&str>) -> Option<&'w str> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    if starts.len() < MIN_HEAD + MIN_PART {
        return None;
    }
    starts[MIN_HEAD..=starts.len() - MIN_PART]
        .iter()
        .map(|&start| &word[start..])
        .find(|tail| known.contains(tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(text: &str) -> Vocabulary {
        Vocabulary::of(vec![vec![text]].into_par_iter())
    }

    #[test]
    fn compounds_are_found_by_their_tails_when_the_tail_is_a_word_of_the_site() {
        let v = vocabulary("Die Wohnsitzanmeldung, die Anmeldung und der Bauantrag; ein Antrag.");
        let anmeld = v.get("anmeldung").unwrap().stem;
        assert_eq!(v.stem(anmeld), "anmeld");
        assert_eq!(v.get("wohnsitzanmeldung").unwrap().part, anmeld);
        assert_eq!(v.stem(v.get("bauantrag").unwrap().part), "antrag");
        // Short words and words whose tail no page uses have no part.
        assert_eq!(v.get("anmeldung").unwrap().part, NO_PART);
        assert_eq!(v.get("antrag").unwrap().part, NO_PART);
    }

    #[test]
    fn stems_are_numbered_in_sorted_order() {
        let v = vocabulary("zebra apfel mitte");
        let order: Vec<&str> = (0..v.stems() as u32).map(|i| v.stem(i)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(stem("bauanträge"), stem("bauantrag"));
        assert_eq!(stem("größe"), "gross");
    }
}
