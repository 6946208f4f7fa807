//! The store's side of a deploy: every request `portal deploy` makes, on
//! an S3-compatible bucket through `object_store`.

use std::collections::BTreeMap;
use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::local::LocalFile;
use super::manifest::{Manifest, MANIFEST_NAME};
use super::{DeployError, Target};

/// A bucket and the folder in it that holds the site.
#[derive(Debug)]
pub struct Bucket {
    store: AmazonS3,
    target: Target,
    /// The endpoint given, for messages (`None`: AWS itself).
    endpoint: Option<String>,
}

/// What the bucket holds: ETag by path below the prefix (the manifest
/// aside).
pub type Listing = BTreeMap<String, Option<String>>;

/// What the bucket says of the last deploy.
#[derive(Debug)]
pub enum LastDeploy {
    /// No manifest: a first deploy (or the bucket was emptied).
    None,
    /// A manifest this version of portal cannot read.
    Unreadable,
    /// The manifest.
    Recorded(Manifest),
}

impl Bucket {
    /// A client for `target`, with credentials and region from the
    /// standard AWS environment variables.
    pub fn connect(target: &Target, endpoint: Option<&str>) -> Result<Self, DeployError> {
        // A few quick retries: a store that is down should fail the CI job
        // in seconds, and the next run picks up where this one stopped.
        let retry = RetryConfig {
            max_retries: 4,
            retry_timeout: Duration::from_secs(30),
            ..RetryConfig::default()
        };
        let client = ClientOptions::new()
            .with_connect_timeout(Duration::from_secs(5))
            .with_timeout(Duration::from_secs(120));
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&target.bucket)
            .with_retry(retry)
            .with_client_options(client);
        if let Some(endpoint) = endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder.build().map_err(|source| DeployError::Connect {
            target: target.clone(),
            source,
        })?;
        Ok(Bucket {
            store,
            target: target.clone(),
            endpoint: endpoint
                .map(str::to_owned)
                .or_else(|| std::env::var("AWS_ENDPOINT").ok())
                .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok()),
        })
    }

    fn failed(
        &self,
        action: &'static str,
        path: &str,
    ) -> impl FnOnce(object_store::Error) -> DeployError {
        let target = self.target.clone();
        let path = path.to_owned();
        let at = self.endpoint.clone().unwrap_or_else(|| "AWS S3".to_owned());
        move |source| explain(source, action, target, path, at)
    }

    fn key(&self, path: &str) -> Result<Key, DeployError> {
        Key::parse(self.target.key(path)).map_err(|_| DeployError::FileName { path: path.into() })
    }

    /// Every object below the prefix but the manifest.
    pub async fn list(&self) -> Result<Listing, DeployError> {
        let prefix =
            (!self.target.prefix.is_empty()).then(|| Key::from(self.target.prefix.as_str()));
        let objects: Vec<_> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .map_err(self.failed("listing", ""))?;
        Ok(objects
            .into_iter()
            .filter_map(|object| {
                let path = self.target.path_of(object.location.as_ref())?;
                (path != MANIFEST_NAME).then(|| (path.to_owned(), object.e_tag.map(etag)))
            })
            .collect())
    }

    /// The manifest of the last deploy.
    pub async fn manifest(&self) -> Result<LastDeploy, DeployError> {
        match self.store.get(&self.key(MANIFEST_NAME)?).await {
            Ok(found) => {
                let bytes = found
                    .bytes()
                    .await
                    .map_err(self.failed("reading", MANIFEST_NAME))?;
                Ok(Manifest::parse(&bytes).map_or(LastDeploy::Unreadable, LastDeploy::Recorded))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(LastDeploy::None),
            Err(source) => Err(self.failed("reading", MANIFEST_NAME)(source)),
        }
    }

    /// Sends one file with its headers; returns the ETag the store gave it.
    pub async fn put(&self, file: &LocalFile) -> Result<Option<String>, DeployError> {
        let bytes = tokio::fs::read(&file.source)
            .await
            .map_err(|source| DeployError::Read {
                path: file.source.clone(),
                source,
            })?;
        let headers = [
            (Attribute::ContentType, Some(&file.sent.content_type)),
            (Attribute::CacheControl, Some(&file.sent.cache_control)),
            (
                Attribute::ContentEncoding,
                file.sent.content_encoding.as_ref(),
            ),
        ];
        self.send(&file.path, bytes, headers).await
    }

    /// Writes the manifest (never cached: it changes with every deploy).
    pub async fn write_manifest(&self, manifest: &Manifest) -> Result<(), DeployError> {
        let json = "application/json; charset=utf-8".to_owned();
        let no_store = "no-store".to_owned();
        let headers = [
            (Attribute::ContentType, Some(&json)),
            (Attribute::CacheControl, Some(&no_store)),
            (Attribute::ContentEncoding, None),
        ];
        self.send(MANIFEST_NAME, manifest.to_bytes(), headers)
            .await
            .map(drop)
    }

    async fn send(
        &self,
        path: &str,
        bytes: Vec<u8>,
        headers: [(Attribute, Option<&String>); 3],
    ) -> Result<Option<String>, DeployError> {
        let mut attributes = Attributes::new();
        for (name, value) in headers {
            if let Some(value) = value {
                attributes.insert(name, value.clone().into());
            }
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&self.key(path)?, PutPayload::from(bytes), options)
            .await
            .map(|done| done.e_tag.map(etag))
            .map_err(self.failed("uploading", path))
    }

    /// Deletes the objects at `paths` (in batches of up to 1,000 keys, as
    /// S3's DeleteObjects takes them).
    pub async fn delete(&self, paths: &[String]) -> Result<(), DeployError> {
        let keys = paths
            .iter()
            .map(|path| self.key(path))
            .collect::<Result<Vec<_>, _>>()?;
        self.store
            .delete_stream(stream::iter(keys.into_iter().map(Ok)).boxed())
            .try_collect::<Vec<_>>()
            .await
            .map(drop)
            .map_err(self.failed("deleting", ""))
    }
}

/// An ETag as compared between an upload's answer and a listing: without
/// quotes or weak marker, which some S3-compatible stores give in one
/// place and not the other (every file would look replaced by hand).
fn etag(raw: String) -> String {
    let bare = raw.strip_prefix("W/").unwrap_or(&raw).trim_matches('"');
    if bare.len() == raw.len() {
        raw
    } else {
        bare.to_owned()
    }
}

/// Store errors an editor or CI can act on, told as such: a missing bucket,
/// a store that cannot be reached, refused credentials. object_store keeps
/// the store's answer (S3's XML error code) and the network's reason only
/// in the text of its error chain, so that is where they are looked for;
/// anything else is reported with the whole chain.
fn explain(
    source: object_store::Error,
    action: &'static str,
    target: Target,
    path: String,
    at: String,
) -> DeployError {
    let mut chain = vec![source.to_string()];
    let mut next = std::error::Error::source(&source);
    while let Some(cause) = next {
        chain.push(cause.to_string());
        next = cause.source();
    }
    let text = chain.join(": ");
    if text.contains("NoSuchBucket") {
        return DeployError::NoBucket { target, at };
    }
    let refused = [
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "AccessDenied",
        "InvalidToken",
        "ExpiredToken",
    ]
    .into_iter()
    .find(|code| text.contains(code));
    let denied = matches!(
        source,
        object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. }
    );
    if refused.is_some() || denied {
        let code = refused.unwrap_or("HTTP 403").to_owned();
        return DeployError::Refused {
            at,
            code,
            action,
            target,
        };
    }
    let unreachable = [
        "error sending request",
        "Connection refused",
        "dns error",
        "tcp connect error",
        "operation timed out",
    ]
    .iter()
    .any(|sign| text.contains(sign));
    if unreachable {
        // The innermost cause is the network's own words.
        let reason = chain.last().cloned().unwrap_or_default();
        let reason = reason
            .split(" (os error")
            .next()
            .unwrap_or(&reason)
            .trim()
            .to_owned();
        return DeployError::Unreachable { at, reason };
    }
    DeployError::Store {
        action,
        target,
        path,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_compare_without_quotes() {
        assert_eq!(etag("\"abc\"".into()), "abc");
        assert_eq!(etag("abc".into()), "abc");
        assert_eq!(etag("W/\"abc-2\"".into()), "abc-2");
    }
}
