//! A new user's first hour: `portal init`, `portal new`, drafts in the
//! preview, and output into a pipe that closes early.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::harness::{stderr, stdout, Site};

fn portal() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("portal").unwrap();
    command.env("SOURCE_DATE_EPOCH", "1793491200");
    command
}

#[test]
fn init_makes_a_site_that_builds_and_passes_check_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("neu");
    let output = portal().arg("init").arg(&site).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Next: portal serve --root"),
        "{}",
        stdout(&output)
    );
    // No theme folder: the built-in theme is enough.
    assert!(!site.join("themes").exists());

    let check = portal()
        .arg("check")
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&check)
    );

    let build = portal()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!stderr(&build).contains("warning"), "{}", stderr(&build));
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("Willkommen im Digitalportal"));
    // Dated the day it was made (SOURCE_DATE_EPOCH), stand-ins marked.
    let news =
        std::fs::read_to_string(site.join("public/aktuelles/2026/portal-gestartet/index.html"))
            .unwrap();
    assert!(
        news.contains("datetime=\"2026-11-01\""),
        "the day of SOURCE_DATE_EPOCH"
    );
    assert!(news.contains("notice--example"));

    // A second init into the same folder changes nothing.
    let again = portal().arg("init").arg(&site).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already has a content/ folder; nothing was written"));
}

#[test]
fn drafts_are_marked_where_they_are_shown_and_links_to_them_check_with_drafts() {
    let site = Site::fixture("small");
    let draft = site.read_source("content/news/entwurf.md");
    assert!(draft.contains("draft: true"), "the fixture has a draft");
    let year = draft
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap()[..4]
        .to_owned();
    let link = format!("/aktuelles/{year}/entwurf/");
    let n2 = site.read_source("content/news/n2.md");
    site.write(
        "content/news/n2.md",
        &format!("{n2}\nSiehe [den Entwurf]({link}).\n"),
    );
    // Without --drafts a link to a draft is broken; with it, it is not.
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains(&format!("the link target `{link}` does not exist")));
    let check = site.run(&["check", "--drafts"]);
    assert!(check.status.success(), "{}", stderr(&check));

    site.build(&["--drafts"]);
    let page = site.read(&format!("aktuelles/{year}/entwurf/index.html"));
    assert!(
        page.contains("<span class=\"draft-mark\">Entwurf</span></h1>"),
        "{page}"
    );
    let list = site.read("aktuelles/index.html");
    assert!(
        list.contains("Entwurf</span>"),
        "the news list marks the draft"
    );
    site.write("content/news/n2.md", &n2);
    site.build(&[]);
    assert!(!site.read("aktuelles/index.html").contains("draft-mark"));
}

#[test]
fn a_new_article_is_a_draft_that_does_not_stop_the_site() {
    let site = Site::fixture("small");
    assert!(site.run(&["new", "news", "in-arbeit"]).status.success());
    // Its placeholders are reminders while it is a draft: the site builds.
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let err = stderr(&check);
    assert!(
        err.contains("warning: the placeholder `TODO` is still here"),
        "{err}"
    );
    assert!(
        err.contains("replace it before you remove `draft: true`"),
        "{err}"
    );
    assert!(err.contains("0 errors, 3 warnings"), "{err}");
    site.build(&[]);
    // Once it is no draft, they are errors.
    site.edit("content/news/in-arbeit.md", "draft: true", "draft: false");
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("3 errors"), "{}", stderr(&check));
}

/// `portal ARGS` in the site's folder with both outputs piped.
fn spawn(site: &Site, args: &[&str]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("portal"))
        .args(args)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn output_into_a_closed_pipe_ends_cleanly_with_the_build_s_exit_code() {
    let site = Site::fixture("small");
    let mut child = spawn(&site, &["build", "--timings"]);
    // The reader goes away before anything is written (`| head -0`).
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(site.out().join("index.html").is_file());

    // A failing check keeps exit code 1 with both outputs closed.
    site.edit(
        "content/services/a-online.md",
        "status: online",
        "stauts: online",
    );
    let mut child = spawn(&site, &["check", "--format", "json"]);
    drop(child.stdout.take());
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}
