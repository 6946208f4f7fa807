//! Hashing for what the live preview compares on every edit: maps keyed by
//! slugs and paths, and fingerprints of inputs. Both use foldhash, a fast
//! hash of good quality; the standard library's SipHash guards against
//! hostile keys, which a site's own files are not, and took a tenth of a
//! rebuild. Fingerprints use a fixed seed: equal values give equal prints
//! within a run, which is all a comparison needs (they are never stored).

use std::hash::{BuildHasher, Hash};

/// A hash map of the preview's hot paths.
pub type Map<K, V> = foldhash::HashMap<K, V>;

/// A hash set of the preview's hot paths.
pub type Set<T> = foldhash::HashSet<T>;

/// Any fixed seed: prints are compared within one run only.
const SEED: u64 = 0x05ee_d0f9_a7a1;

/// A 64-bit fingerprint of `value`: equal values have equal prints.
pub fn fingerprint(value: impl Hash) -> u64 {
    foldhash::quality::FixedState::with_seed(SEED).hash_one(value)
}

/// A streaming fingerprint, for values hashed piece by piece.
pub fn fingerprinter() -> impl std::hash::Hasher {
    foldhash::quality::FixedState::with_seed(SEED).build_hasher()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_have_equal_prints_and_others_differ() {
        assert_eq!(fingerprint(("a", 1)), fingerprint(("a", 1)));
        assert_ne!(fingerprint(("a", 1)), fingerprint(("a", 2)));
        assert_ne!(fingerprint(("ab", "c")), fingerprint(("a", "bc")));
    }
}
