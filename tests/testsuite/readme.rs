//! The README's examples print what the README shows: its `portal check`
//! example is made on the example site and compared character for
//! character, and its usage block lists every command `portal --help` has.

use crate::harness::{repo, stderr, stdout, Site};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// The indented code block after `marker` in the README, unindented.
fn block_after(text: &str, marker: &str) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("README lacks {marker:?}"));
    let rest = &text[start..];
    let open = rest.find("```\n").unwrap() + 4;
    let close = rest[open..].find("```").unwrap();
    let block = &rest[open..open + close];
    let indent = block.len() - block.trim_start_matches(' ').len();
    block
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_check_example_prints_what_the_readme_shows() {
    let shown = block_after(&readme(), "then by file and line):");
    // The block names the file and line, and shows the line as mistyped.
    let location = shown
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .unwrap();
    let mut parts = location.split(':');
    let file = parts.next().unwrap();
    let line: usize = parts.next().unwrap().parse().unwrap();
    let typed = shown
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{line} | ")))
        .unwrap();

    let site = Site::example();
    let original = site.read_source(file);
    let mut lines: Vec<&str> = original.lines().collect();
    assert_ne!(lines[line - 1], typed, "the README shows a changed line");
    lines[line - 1] = typed;
    site.write(file, &(lines.join("\n") + "\n"));

    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stderr(&output);
    assert_eq!(
        printed.trim_end(),
        format!("{}\n\n1 error, 0 warnings", shown.trim_end())
    );
}

#[test]
fn the_usage_block_lists_every_command() {
    let usage = block_after(&readme(), "## Using portal");
    let help = assert_cmd::Command::cargo_bin("portal")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = stdout(&help);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 7, "{help}");
    for command in commands {
        assert!(
            usage
                .lines()
                .any(|l| l.starts_with(&format!("portal {command} "))),
            "the README's usage block lacks `portal {command}`:\n{usage}"
        );
    }
}
