//! Where a deploy goes: `s3://BUCKET/PREFIX`.

use std::fmt;
use std::str::FromStr;

/// A bucket and the folder in it that holds the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The bucket's name.
    pub bucket: String,
    /// The folder inside the bucket, without slashes at either end; empty
    /// for the bucket's top.
    pub prefix: String,
}

impl Target {
    /// The object key of a file at `path` below the output folder.
    pub fn key(&self, path: &str) -> String {
        if self.prefix.is_empty() {
            path.to_owned()
        } else {
            format!("{}/{path}", self.prefix)
        }
    }

    /// The path below the output folder of the object at `key`, if the key
    /// lies under the prefix.
    pub fn path_of<'k>(&self, key: &'k str) -> Option<&'k str> {
        if self.prefix.is_empty() {
            Some(key)
        } else {
            key.strip_prefix(self.prefix.as_str())?.strip_prefix('/')
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefix.is_empty() {
            write!(f, "s3://{}", self.bucket)
        } else {
            write!(f, "s3://{}/{}", self.bucket, self.prefix)
        }
    }
}

/// Why a `--to` value is not a target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{given}` is not a deploy target: {reason}; write it as s3://BUCKET or s3://BUCKET/FOLDER"
)]
pub struct TargetError {
    given: String,
    reason: &'static str,
}

impl FromStr for Target {
    type Err = TargetError;

    fn from_str(given: &str) -> Result<Self, Self::Err> {
        let fail = |reason| TargetError {
            given: given.to_owned(),
            reason,
        };
        let rest = given
            .strip_prefix("s3://")
            .ok_or_else(|| fail("only S3 and S3-compatible stores are supported"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        // S3's rules for bucket names (3 to 63 lower-case letters, digits,
        // dots and hyphens), so a typo fails here and not as an odd HTTP error.
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            && bucket
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if bucket.is_empty() {
            return Err(fail("the bucket is missing"));
        }
        if !valid_bucket {
            return Err(fail(
                "a bucket name has 3 to 63 lower-case letters, digits, dots and hyphens",
            ));
        }
        let prefix = prefix.trim_matches('/');
        // The folder is part of the site's addresses; plain characters
        // keep it the same in URLs, listings and every S3 implementation.
        if !prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        {
            return Err(fail(
                "the folder may hold only letters a-z, digits, `-`, `_`, `.` and `/`",
            ));
        }
        if prefix
            .split('/')
            .any(|part| part == "." || part == ".." || (part.is_empty() && !prefix.is_empty()))
        {
            return Err(fail("the folder has an empty, `.` or `..` part"));
        }
        Ok(Target {
            bucket: bucket.to_owned(),
            prefix: prefix.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_and_folder() {
        let target: Target = "s3://portal-rlp/live/".parse().unwrap();
        assert_eq!(target.bucket, "portal-rlp");
        assert_eq!(target.prefix, "live");
        assert_eq!(target.key("index.html"), "live/index.html");
        assert_eq!(target.path_of("live/a/index.html"), Some("a/index.html"));
        assert_eq!(target.path_of("lively/index.html"), None);
        assert_eq!(target.to_string(), "s3://portal-rlp/live");

        let top: Target = "s3://portal-rlp".parse().unwrap();
        assert_eq!(top.prefix, "");
        assert_eq!(top.key("index.html"), "index.html");
        assert_eq!(top.to_string(), "s3://portal-rlp");
    }

    #[test]
    fn wrong_targets_say_how_to_write_one() {
        for given in [
            "https://x.example/b",
            "s3://",
            "s3://Portal",
            "s3://ab",
            "s3://b-1/a//c",
            "s3://b-1/../x",
        ] {
            let error = given.parse::<Target>().unwrap_err().to_string();
            assert!(error.contains("s3://BUCKET"), "{given}: {error}");
        }
    }
}
