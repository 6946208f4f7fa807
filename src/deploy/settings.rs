//! The settings from the environment that say at which service and as
//! whom a deploy runs (endpoint, region, credentials), checked before the
//! S3 client sees them: it panics on a value it cannot put into a request,
//! and without credentials it would wait for a cloud VM's metadata service.

use super::DeployError;

/// Checks an S3 endpoint address: `http://` or `https://`, a host, and
/// only characters a request line can carry. Returns why not.
pub fn check_endpoint(given: &str) -> Result<(), String> {
    let example = "write it as https://HOST[:PORT], e.g. https://s3.example.de";
    if given
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return Err(format!(
            "`{given}` has a space or a character outside ASCII; {example}"
        ));
    }
    let url =
        url::Url::parse(given).map_err(|_| format!("`{given}` is not an address; {example}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`{given}` is not an http:// or https:// address; {example}"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) || url.query().is_some() || url.fragment().is_some()
    {
        return Err(format!(
            "`{given}` needs a host and no ?query or #fragment; {example}"
        ));
    }
    Ok(())
}

/// Checks a region name (`eu-central-1`, `de-fra`, `RegionOne`): letters,
/// digits, `-` and `_`. Returns why not.
pub fn check_region(given: &str) -> Result<(), String> {
    let valid = !given.is_empty()
        && given
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{given}` is not a region name; write it like eu-central-1 (letters, digits, - and _)"
        ))
    }
}

/// Checks a credential that travels in a request header
/// (`AWS_ACCESS_KEY_ID`, `AWS_SESSION_TOKEN`): visible ASCII, no spaces.
fn check_token(given: &str) -> Result<(), String> {
    if !given.is_empty() && given.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err("it is empty (unset it when there is none) or has a space, a line break or a character outside ASCII; copy it again from where it was issued".to_owned())
    }
}

/// Checks that the environment names credentials and that its values are
/// usable (the `--endpoint` flag is checked when the command line is read,
/// and wins over the variables).
pub fn check(
    value: impl Fn(&str) -> Option<String>,
    endpoint_given: bool,
) -> Result<(), DeployError> {
    if !credentials_in(|name| value(name).is_some()) {
        return Err(DeployError::NoCredentials);
    }
    type Check = fn(&str) -> Result<(), String>;
    let mut checks: Vec<(&'static str, Check)> = vec![
        ("AWS_ACCESS_KEY_ID", check_token),
        ("AWS_SESSION_TOKEN", check_token),
        ("AWS_REGION", check_region),
        ("AWS_DEFAULT_REGION", check_region),
    ];
    if !endpoint_given {
        checks.push(("AWS_ENDPOINT", check_endpoint));
        checks.push(("AWS_ENDPOINT_URL", check_endpoint));
    }
    for (name, check) in checks {
        if let Some(given) = value(name) {
            check(&given).map_err(|reason| DeployError::Setting { name, reason })?;
        }
    }
    Ok(())
}

/// Whether the environment names credentials: keys, or a web identity or
/// container role. (Without this check the client would wait for an
/// instance-metadata service that, outside a cloud VM, is not there.)
fn credentials_in(is_set: impl Fn(&str) -> bool) -> bool {
    (is_set("AWS_ACCESS_KEY_ID") && is_set("AWS_SECRET_ACCESS_KEY"))
        || (is_set("AWS_WEB_IDENTITY_TOKEN_FILE") && is_set("AWS_ROLE_ARN"))
        || is_set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        || is_set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_and_regions_the_client_can_use() {
        assert!(check_endpoint("https://s3.example.de").is_ok());
        assert!(check_endpoint("http://127.0.0.1:9000").is_ok());
        assert!(check_endpoint("https://obs.example/s3").is_ok());
        for wrong in [
            "s3.example.de",
            "ftp://s3.example.de",
            "http://127.0.0.1:1/a b",
            "https://s3.exämple.de",
            "https://",
            "https://s3.example.de/?x=1",
        ] {
            let why = check_endpoint(wrong).unwrap_err();
            assert!(why.contains("https://HOST"), "{wrong}: {why}");
        }
        assert!(check_region("eu-central-1").is_ok());
        assert!(check_region("RegionOne").is_ok());
        assert!(check_region("eu central").is_err());
        assert!(check_region("").is_err());
    }

    const KEY: (&str, &str) = ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
    const SECRET: (&str, &str) = ("AWS_SECRET_ACCESS_KEY", "secret");

    #[test]
    fn settings_the_client_would_choke_on_are_named() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let error = check(
            env(&[("AWS_ENDPOINT", "s3.example.de"), KEY, SECRET]),
            false,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("AWS_ENDPOINT in the environment: `s3.example.de`"),
            "{error}"
        );
        assert!(check(env(&[("AWS_ENDPOINT", "s3.example.de"), KEY, SECRET]), true).is_ok());
        let error = check(env(&[("AWS_REGION", "eu central"), KEY, SECRET]), true).unwrap_err();
        assert!(error.to_string().contains("AWS_REGION"), "{error}");
        assert!(check(env(&[("AWS_REGION", "eu-central-1"), KEY, SECRET]), false).is_ok());
        let error = check(env(&[("AWS_SESSION_TOKEN", "a\nb"), KEY, SECRET]), false).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("AWS_SESSION_TOKEN in the environment"),
            "{error}"
        );
        assert!(
            !error.to_string().contains("a\nb"),
            "a secret is never echoed: {error}"
        );
        assert!(matches!(
            check(env(&[KEY]), false),
            Err(DeployError::NoCredentials)
        ));
    }

    #[test]
    fn credentials_come_from_keys_or_a_role() {
        let only = |names: &'static [&'static str]| move |name: &str| names.contains(&name);
        assert!(credentials_in(only(&[
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY"
        ])));
        assert!(credentials_in(only(&[
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN"
        ])));
        assert!(credentials_in(only(&[
            "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        ])));
        assert!(!credentials_in(only(&["AWS_ACCESS_KEY_ID"])));
        assert!(!credentials_in(only(&[])));
    }
}
