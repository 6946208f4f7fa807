//! `portal deploy` without a bucket: what a user gets wrong before any
//! request is sent. Deploys against a real S3-compatible server are in
//! tests/deploy/test_deploy.py (moto on loopback, run by scripts/test.sh).

use assert_cmd::Command;

use crate::harness::{stderr, Site};

/// Runs `portal deploy ARGS` in the site's root with only the AWS
/// variables given.
fn deploy(site: &Site, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = Command::cargo_bin("portal").unwrap();
    command.current_dir(site.root()).arg("deploy").args(args);
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("AWS_")) {
        command.env_remove(name);
    }
    command.envs(env.iter().copied()).output().unwrap()
}

const KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "test"),
    ("AWS_SECRET_ACCESS_KEY", "test"),
];

#[test]
fn a_target_that_is_not_s3_is_a_usage_error() {
    let site = Site::fixture("small");
    let output = deploy(&site, &KEYS, &["--to", "https://cdn.example/portal"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("write it as s3://BUCKET"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unbuilt_site_asks_for_a_build() {
    let site = Site::fixture("small");
    let output = deploy(&site, &KEYS, &["--to", "s3://portal-test"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("run `portal build` first"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn missing_credentials_are_named_before_any_request() {
    let site = Site::fixture("small");
    site.build(&["--no-search"]);
    let output = deploy(&site, &[], &["--to", "s3://portal-test"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("AWS_ACCESS_KEY_ID"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreachable_store_fails_with_the_request_that_failed() {
    let site = Site::fixture("small");
    site.build(&["--no-search"]);
    // Port 1 on loopback: nothing listens there, the connection is refused.
    let output = deploy(
        &site,
        &KEYS,
        &[
            "--to",
            "s3://portal-test/live",
            "--endpoint",
            "http://127.0.0.1:1",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("cannot reach the store at http://127.0.0.1:1 (")
            && message.contains("Connection refused")
            && message.contains("check --endpoint"),
        "{message}"
    );
    assert!(!message.contains("error sending request"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn problems_come_as_json_or_as_github_annotations_when_asked() {
    let site = Site::fixture("small");
    let json = deploy(
        &site,
        &KEYS,
        &["--to", "s3://portal-test", "--format", "json"],
    );
    assert_eq!(json.status.code(), Some(1));
    let problem: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("run `portal build` first"),
        "{problem}"
    );

    let github = deploy(
        &site,
        &KEYS,
        &["--to", "s3://portal-test", "--format", "github"],
    );
    assert_eq!(github.status.code(), Some(1));
    let annotation = String::from_utf8_lossy(&github.stdout);
    assert!(
        annotation.starts_with("::error::there is no built site"),
        "{annotation}"
    );
}

#[test]
fn settings_the_s3_client_cannot_use_are_named_not_panicked_on() {
    let site = Site::fixture("small");
    site.build(&["--no-search"]);
    let output = deploy(
        &site,
        &KEYS,
        &["--to", "s3://portal-test", "--endpoint", "s3.example.de"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("write it as https://HOST"),
        "{}",
        stderr(&output)
    );

    let mut env = KEYS.to_vec();
    env.push(("AWS_REGION", "eu central"));
    let output = deploy(
        &site,
        &env,
        &[
            "--to",
            "s3://portal-test",
            "--endpoint",
            "http://127.0.0.1:1",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("AWS_REGION in the environment"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
}
