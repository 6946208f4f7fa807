//! The manifest: what the last deploy sent to each key.
//!
//! A bucket listing gives keys, sizes and ETags but no headers, and an
//! ETag is an MD5 of the bytes only for single-part uploads, so it cannot
//! tell whether a file changed. The manifest object, written by every
//! deploy beside the site, records for each file the SHA-256 of the bytes
//! sent and the headers sent with them, and the ETag the store answered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The object key of the manifest, below the target's prefix.
pub const MANIFEST_NAME: &str = ".portal-deploy.json";

const VERSION: u32 = 1;

/// What was sent for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// SHA-256 of the object's bytes (the compressed bytes when
    /// `content_encoding` is set), lower-case hex.
    pub sha256: String,
    /// The object's size in bytes.
    pub size: u64,
    /// The `Content-Type` sent.
    pub content_type: String,
    /// The `Cache-Control` sent.
    pub cache_control: String,
    /// The `Content-Encoding` sent, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<String>,
    /// The ETag the store gave the object, to notice when it was replaced
    /// or removed by someone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

impl Sent {
    /// Whether the headers are the same.
    pub fn headers_equal(&self, other: &Sent) -> bool {
        self.content_type == other.content_type
            && self.cache_control == other.cache_control
            && self.content_encoding == other.content_encoding
    }
}

/// Every file of the deployed site by its path below the prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    version: u32,
    /// What was sent, by path below the prefix; sorted, so the same site
    /// gives the same manifest.
    pub files: BTreeMap<String, Sent>,
}

impl Manifest {
    /// An empty manifest, as for a bucket never deployed to.
    pub fn new() -> Self {
        Manifest {
            version: VERSION,
            files: BTreeMap::new(),
        }
    }

    /// Reads a manifest; `None` when it is not one this version wrote
    /// (then every file is sent again, which is always correct).
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let manifest: Manifest = serde_json::from_slice(bytes).ok()?;
        (manifest.version == VERSION).then_some(manifest)
    }

    /// The manifest as stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest is plain data");
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_foreign_data() {
        let mut manifest = Manifest::new();
        manifest.files.insert(
            "index.html".into(),
            Sent {
                sha256: "ab".into(),
                size: 2,
                content_type: "text/html; charset=utf-8".into(),
                cache_control: "no-cache".into(),
                content_encoding: Some("gzip".into()),
                etag: Some("\"x\"".into()),
            },
        );
        assert_eq!(Manifest::parse(&manifest.to_bytes()), Some(manifest));
        assert_eq!(Manifest::parse(b"{\"version\":99,\"files\":{}}"), None);
        assert_eq!(Manifest::parse(b"<html>"), None);
    }
}
