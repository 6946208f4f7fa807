//! Golden output: every byte the `golden` fixture builds to is compared
//! with the files kept in `tests/fixtures/golden/expected/`, so an
//! optimisation (caches, parallel stages, parsing once) that changes any
//! output is caught. The fixture has fenced code in several languages, a
//! table, nested lists, raw HTML and footnotes: the parts that are costly
//! to render and therefore the first to be optimised.
//!
//! After a deliberate change of the output, rewrite the expectations with
//! `PORTAL_BLESS=1 cargo test --test testsuite golden` and review the diff.

use std::fs;
use std::path::PathBuf;

use crate::harness::{files, repo, Site};

fn expected_dir() -> PathBuf {
    repo().join("tests/fixtures/golden/expected")
}

#[test]
fn output_matches_the_golden_files_byte_for_byte() {
    let site = Site::fixture("golden");
    site.build(&[]);
    let built = site.output_bytes();
    let expected = expected_dir();

    if std::env::var_os("PORTAL_BLESS").is_some() {
        let _ = fs::remove_dir_all(&expected);
        for (path, bytes) in &built {
            let target = expected.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, bytes).unwrap();
        }
        return;
    }

    let built_names: Vec<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
    let expected_names = files(&expected);
    assert_eq!(
        built_names, expected_names,
        "the set of output files changed (PORTAL_BLESS=1 rewrites the expectations)"
    );
    for (path, bytes) in &built {
        let want = fs::read(expected.join(path)).unwrap();
        if *bytes != want {
            let got = String::from_utf8_lossy(bytes);
            let want = String::from_utf8_lossy(&want);
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            panic!(
                "{path} differs from the golden file, first at line {}:\n  built:    {:?}\n  expected: {:?}\n(PORTAL_BLESS=1 rewrites the expectations after a deliberate change)",
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>")
            );
        }
    }
}
