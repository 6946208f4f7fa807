//! The example site: two builds of the same content give the same bytes,
//! whatever the number of threads, the order the files were created in
//! (and so the order a file system lists them), their modification times,
//! or the day of the build when `SOURCE_DATE_EPOCH` is set.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

use crate::harness::{files, repo, Site};

/// Copies `content/` file by file in reverse order, each file's
/// modification time set from `stamp(i)`.
fn copy_reversed(to: &Path, stamp: impl Fn(usize) -> SystemTime) {
    let from = repo().join("content");
    let mut all = files(&from);
    all.reverse();
    for (i, file) in all.iter().enumerate() {
        let target = to.join("content").join(file);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(from.join(file), &target).unwrap();
        let handle = fs::File::options().write(true).open(&target).unwrap();
        handle.set_modified(stamp(i)).unwrap();
    }
}

fn build(root: &Path, threads: &str, epoch: &str) {
    let output = Command::cargo_bin("portal")
        .unwrap()
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("RAYON_NUM_THREADS", threads)
        .args(["build"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn builds_are_byte_identical_across_threads_file_order_and_mtimes() {
    let epoch = "1793491200"; // 2026-11-01
    let first = Site::example();
    build(first.root(), "1", epoch);

    let second = tempfile::tempdir().unwrap();
    let origin = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    copy_reversed(second.path(), |i| {
        origin + Duration::from_secs((i as u64 * 7_919) % 86_400 * 365)
    });
    build(second.path(), "3", epoch);

    let a = first.output_bytes();
    let b: Vec<(String, Vec<u8>)> = files(&second.path().join("public"))
        .into_iter()
        .map(|f| {
            let bytes = fs::read(second.path().join("public").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "different files");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between the two builds");
    }
}

#[test]
fn the_build_day_comes_from_source_date_epoch_not_the_clock() {
    let site = Site::example();
    // 2025-03-04: a day the example content never names.
    build(site.root(), "2", "1741046400");
    let today = chrono::Utc::now().date_naive().to_string();
    for (name, bytes) in site.output_bytes() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&today),
            "{name} contains today's date {today} although SOURCE_DATE_EPOCH is set"
        );
    }
}
