//! The search index `portal` writes (`suchindex/`): the same bytes from
//! build to build, what the browser reads of it, and the browser's stemmer
//! (in the theme's `search.js`) against the one the index was made with.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{repo, Site};

/// Words worth stemming: every word of the example content, and forms that
/// exercise each rule of the German stemmer.
fn words() -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            words.extend(portal::search::words(&text));
        }
    }
    words.extend(
        [
            "bauanträge",
            "größe",
            "häuser",
            "geheimnisse",
            "kenntnisse",
            "aufeinander",
            "bauen",
            "schlüssel",
            "beständig",
            "lesest",
            "festest",
            "erst",
            "ernst",
            "freundlichkeit",
            "herrlichkeit",
            "ehrlichkeiten",
            "beweglichkeit",
            "heiterkeit",
            "wirklichkeit",
            "lebendig",
            "ständig",
            "ewig",
            "ewigkeit",
            "hoffnungen",
            "trauernd",
            "bayern",
            "feuer",
            "mauer",
            "treue",
            "aus",
            "ab",
            "a",
            "kreuz",
            "ungern",
            "ernteend",
            "abendlich",
            "theisch",
            "logik",
            "kritik",
            "fabrikanten",
            "häufig",
            "blumenstrauss",
            "straße",
            "sagst",
            "wagst",
            "lebst",
            "gibts",
            "haus",
            "hauses",
            "häusern",
        ]
        .map(String::from),
    );
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_browser_stems_every_word_as_the_index_does() {
    let words = words();
    assert!(words.len() > 1000, "{} words", words.len());
    let script = repo().join("themes/default/static/assets/search.js");
    let program = format!(
        "import {{ stem }} from {url:?};\n\
         let input = '';\n\
         process.stdin.setEncoding('utf8');\n\
         for await (const chunk of process.stdin) input += chunk;\n\
         const out = input.split('\\n').filter(Boolean).map((w) => stem(w));\n\
         process.stdout.write(out.join('\\n'));",
        url = format!("file://{}", script.display())
    );
    let mut node = Command::new("node")
        .args(["--input-type=module", "-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (it is on every machine of this project; see README)");
    node.stdin
        .take()
        .unwrap()
        .write_all(words.join("\n").as_bytes())
        .unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let browser: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .split('\n')
        .map(String::from)
        .collect();
    assert_eq!(browser.len(), words.len());
    let differing: Vec<String> = words
        .iter()
        .zip(&browser)
        .filter(|(w, b)| portal::search::stem(w) != **b)
        .map(|(w, b)| format!("{w}: index {} browser {b}", portal::search::stem(w)))
        .collect();
    assert!(
        differing.is_empty(),
        "{} of {} differ:\n{}",
        differing.len(),
        words.len(),
        differing.join("\n")
    );
}

fn index_files(site: &Site) -> Vec<(String, Vec<u8>)> {
    site.output_bytes()
        .into_iter()
        .filter(|(path, _)| path.starts_with("suchindex/"))
        .collect()
}

#[test]
fn two_builds_write_the_same_index_bytes_on_one_thread_or_several() {
    let site = Site::example();
    let output = site.run(&["build"]);
    assert!(output.status.success());
    let first = index_files(&site);
    assert!(first.len() > 50, "{} files", first.len());
    let again = Command::new(assert_cmd::cargo::cargo_bin("portal"))
        .current_dir(site.root())
        .env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(first, index_files(&site));
}

#[test]
fn the_manifest_names_every_shard_and_each_type_s_pages() {
    let site = Site::example();
    assert!(site.run(&["build"]).status.success());
    let manifest: Value = serde_json::from_str(&site.read("suchindex/index.json")).unwrap();
    assert_eq!(manifest["version"], 1);
    let pages = manifest["pages"].as_u64().unwrap();
    // Types are ranges of page numbers that together cover every page.
    let kinds = manifest["kinds"].as_array().unwrap();
    let labels: Vec<&str> = kinds.iter().map(|k| k[0].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        ["Leistung", "Meldung", "Gremium", "Person", "Seite"]
    );
    let mut next = 0;
    for k in kinds {
        assert_eq!(k[1].as_u64().unwrap(), next);
        next = k[2].as_u64().unwrap();
    }
    assert_eq!(next, pages);
    // Every shard exists, starts after the one before, and holds sorted
    // stems; every page has its fragment.
    let shards = manifest["shards"].as_array().unwrap();
    let mut last = String::new();
    for (i, shard) in shards.iter().enumerate() {
        let separator = shard[0].as_str().unwrap();
        if i > 0 {
            assert!(separator > last.as_str(), "{separator} after {last}");
        }
        let entries: Value =
            serde_json::from_str(&site.read(&format!("suchindex/{}", shard[1].as_str().unwrap())))
                .unwrap();
        for entry in entries.as_array().unwrap() {
            let stem = entry[0].as_str().unwrap().to_owned();
            assert!(stem.as_str() >= separator && stem > last || (i == 0 && last.is_empty()));
            last = stem;
        }
    }
    for n in 0..pages {
        let fragment: Value =
            serde_json::from_str(&site.read(&format!("suchindex/f/{}/{n}.json", n / 1000)))
                .unwrap();
        assert!(fragment["url"].as_str().unwrap().starts_with('/'));
    }
    // The Wohngeld service is found by its title word, and most strongly.
    let wohngeld = portal::search::stem("wohngeld");
    let shard = shards
        .iter()
        .rev()
        .find(|s| s[0].as_str().unwrap() <= wohngeld.as_str())
        .unwrap();
    let entries: Value =
        serde_json::from_str(&site.read(&format!("suchindex/{}", shard[1].as_str().unwrap())))
            .unwrap();
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[0] == wohngeld.as_str())
        .expect("wohngeld is indexed");
    let flat: Vec<u64> = entry[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut page, mut best) = (0, (0, 0));
    for pair in flat.chunks(2) {
        page += pair[0];
        if pair[1] > best.1 {
            best = (page, pair[1]);
        }
    }
    let fragment: Value =
        serde_json::from_str(&site.read(&format!("suchindex/f/0/{}.json", best.0))).unwrap();
    assert_eq!(fragment["title"], "Wohngeld beantragen");
    assert_eq!(fragment["kind"], "Leistung");
}

/// Runs `search.js`'s index reader under Node over the files of `dir`:
/// each line of `queries` is `type<TAB>query`; prints per query the titles
/// found (the first ten) and whether the count is complete.
fn node_search(dir: &std::path::Path, queries: &[(&str, &str)]) -> Vec<String> {
    let script = repo().join("themes/default/static/assets/search.js");
    let program = format!(
        "import {{ Index }} from {url:?};\n\
         import fs from 'node:fs';\n\
         const dir = {dir:?};\n\
         const read = async (path) => JSON.parse(fs.readFileSync(dir + path, 'utf8'));\n\
         const index = await new Index('/suchindex/', read).open();\n\
         const queries = JSON.parse(process.argv[1]);\n\
         for (const [kind, query] of queries) {{\n\
           const found = await index.search(query, kind);\n\
           const titles = [];\n\
           for (const n of found.pages.slice(0, 10)) {{\n\
             const f = await index.fragment(n);\n\
             titles.push(`${{f.kind}}: ${{f.title}}`);\n\
           }}\n\
           console.log(JSON.stringify({{ count: found.atLeast, complete: found.complete, titles }}));\n\
         }}",
        url = format!("file://{}", script.display()),
        dir = dir.display().to_string(),
    );
    let queries = serde_json::to_string(queries).unwrap();
    let output = Command::new("node")
        .args(["--input-type=module", "-e", &program, &queries])
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn the_index_answers_queries_as_the_search_page_reads_it() {
    let site = Site::example();
    assert!(site.run(&["build"]).status.success());
    let answers = node_search(
        &site.out(),
        &[
            ("", "Wohngeld"),
            ("", "xyzzy"),
            ("", "  …  "),
            ("Meldung", "digital"),
            ("", "Bauanträge digital"),
        ],
    );
    let parse = |line: &String| -> Value { serde_json::from_str(line).unwrap() };
    let wohngeld = parse(&answers[0]);
    assert_eq!(
        wohngeld["titles"][0], "Leistung: Wohngeld beantragen",
        "{wohngeld}"
    );
    assert_eq!(wohngeld["complete"], true);
    assert_eq!(parse(&answers[1])["count"], 0);
    assert_eq!(parse(&answers[2])["count"], 0);
    let news = parse(&answers[3]);
    let titles = news["titles"].as_array().unwrap();
    assert!(!titles.is_empty());
    assert!(
        titles
            .iter()
            .all(|t| t.as_str().unwrap().starts_with("Meldung: ")),
        "{news}"
    );
    // Every word must be found: the digital Bauantrag, not every digital page.
    let both = parse(&answers[4]);
    assert_eq!(both["titles"][0], "Leistung: Bauantrag stellen", "{both}");
    assert!(both["count"].as_u64().unwrap() < parse(&answers[3])["count"].as_u64().unwrap() + 30);
}

#[test]
fn a_site_with_nothing_to_find_has_an_index_that_finds_nothing() {
    let site = Site::fixture("small");
    // Only the home page, its text and the site's settings remain.
    for folder in ["services", "news", "governance", "pages"] {
        let _ = std::fs::remove_dir_all(site.root().join("content").join(folder));
    }
    site.edit("content/site.yaml", "  body: ministerium\n", "");
    let output = site.run(&["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers = node_search(&site.out(), &[("", "Willkommen")]);
    assert_eq!(answers, [r#"{"count":0,"complete":true,"titles":[]}"#]);
}
