//! The test harness: a fixture copied to a temporary folder, the CLI run on
//! it, and helpers to read and parse the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

/// A fixture site in a temporary folder; dropped with the folder.
pub struct Site {
    dir: TempDir,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture readable");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository's root folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Site {
    /// Copies `tests/fixtures/<name>` to a fresh temporary folder.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        Site { dir }
    }

    /// A site made of the repository's own `content/` (no `themes/`).
    pub fn example() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("content"), &dir.path().join("content"));
        Site { dir }
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file below the root.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces `from` by `to` in a file below the root; the text must occur.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.root().join(relative);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Runs `portal` with `args` in the site's root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("portal")
            .unwrap()
            .current_dir(self.root())
            // A fixed day, so checks of how old a date is do not age.
            .env("SOURCE_DATE_EPOCH", "1793491200")
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `portal build` and asserts it succeeded.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert!(
            output.status.success(),
            "portal build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Reads an output file.
    pub fn read(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Reads a file below the site's root (content, themes).
    pub fn read_source(&self, relative: &str) -> String {
        let path = self.root().join(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every output file with its bytes, sorted by path.
    pub fn output_bytes(&self) -> Vec<(String, Vec<u8>)> {
        files(&self.out())
            .into_iter()
            .map(|f| {
                let bytes = fs::read(self.out().join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    }

    /// Parses an output page.
    pub fn page(&self, relative: &str) -> Html {
        Html::parse_document(&self.read(relative))
    }
}

/// Texts of all elements matching `selector`, whitespace folded.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The values of `attr` of all elements matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Text printed to stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text printed to stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// All files below `dir`, relative, with `/` separators, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    all.sort();
    all
}

/// Whether `element` is a JSON-LD data block: a `<script>` of type
/// `application/ld+json`, with no `src`, whose text is JSON. Browsers do
/// not run it; every other script element would run.
pub fn is_json_ld_block(element: &scraper::ElementRef) -> bool {
    let e = element.value();
    e.name() == "script"
        && e.attr("src").is_none()
        && e.attr("type").map(str::trim) == Some("application/ld+json")
        && serde_json::from_str::<serde_json::Value>(&element.inner_html()).is_ok()
}

/// Whether `element` is the theme's search script on the search page: the
/// one script the portal runs, loaded from the site itself.
pub fn is_search_script(file: &str, element: &scraper::ElementRef) -> bool {
    let e = element.value();
    file == "suche/index.html"
        && e.name() == "script"
        && e.attr("src")
            .is_some_and(|s| s.starts_with("/assets/search.") && s.ends_with(".js"))
        && element.inner_html().is_empty()
}

/// The script elements of a page that a browser would run, as HTML.
pub fn running_scripts(html: &Html) -> Vec<String> {
    let selector = Selector::parse("script").unwrap();
    html.select(&selector)
        .filter(|e| !is_json_ld_block(e))
        .map(|e| e.html())
        .collect()
}
