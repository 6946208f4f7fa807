//! What a deploy must do: which files to upload, in which order, and which
//! objects to delete. A pure comparison, decided before anything is
//! written, so a refused deploy writes nothing and `--dry-run` shows
//! exactly what a real run would do.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use super::local::LocalFile;
use super::manifest::Manifest;
use crate::output::headers;

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The bucket has no object for it.
    New,
    /// Its bytes differ from what the last deploy sent.
    Changed,
    /// Only its headers (type, caching, encoding) differ.
    Headers,
    /// The last deploy sent it, but the object is gone from the bucket.
    Missing,
    /// The bucket's object is not the one the last deploy sent: replaced by
    /// hand, or sent by a deploy that stopped before recording it.
    Unrecorded,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::New => "new",
            Reason::Changed => "changed",
            Reason::Headers => "headers changed",
            Reason::Missing => "missing from the bucket",
            Reason::Unrecorded => "not as last deployed",
        })
    }
}

/// One file to upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upload {
    /// Index into the local files the plan was made from.
    pub file: usize,
    /// Why.
    pub reason: Reason,
}

/// The uploads in the order that keeps the site consistent while they run:
/// files named by their content first (nothing points to them yet), then
/// other files, then the pages that point to both. Each wave finishes
/// before the next starts.
pub const WAVES: usize = 3;

/// Everything a deploy will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Uploads by wave (see [`WAVES`]), each sorted by path.
    pub waves: [Vec<Upload>; WAVES],
    /// Paths below the prefix whose objects are deleted, after every
    /// upload; sorted.
    pub deletes: Vec<String>,
    /// Files already in the bucket as they are on disk.
    pub unchanged: usize,
}

impl Plan {
    /// All uploads, wave by wave.
    pub fn uploads(&self) -> impl Iterator<Item = &Upload> {
        self.waves.iter().flatten()
    }

    /// Whether the deploy has nothing to do.
    pub fn is_empty(&self) -> bool {
        self.waves.iter().all(Vec::is_empty) && self.deletes.is_empty()
    }
}

/// A deploy would delete more objects than allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyDeletes {
    /// The paths it would delete.
    pub deletes: Vec<String>,
    /// The limit.
    pub max: usize,
}

/// The wave a file is uploaded in.
fn wave(file: &LocalFile) -> usize {
    if headers::is_content_addressed(&file.path) {
        0
    } else if file.sent.content_type.starts_with("text/html") {
        2
    } else {
        1
    }
}

/// Compares the files on disk with the manifest of the last deploy and
/// with the bucket's listing (`bucket`: path below the prefix → ETag).
pub fn plan(
    local: &[LocalFile],
    manifest: &Manifest,
    bucket: &BTreeMap<String, Option<String>>,
    max_deletes: usize,
) -> Result<Plan, TooManyDeletes> {
    let mut plan = Plan::default();
    for (index, file) in local.iter().enumerate() {
        let previous = manifest.files.get(&file.path);
        let reason = match (previous, bucket.get(&file.path)) {
            (None, None) => Some(Reason::New),
            (Some(_), None) => Some(Reason::Missing),
            (None, Some(_)) => Some(Reason::Unrecorded),
            (Some(previous), Some(etag)) => {
                if previous.sha256 != file.sent.sha256 || previous.size != file.sent.size {
                    Some(Reason::Changed)
                } else if !previous.headers_equal(&file.sent) {
                    Some(Reason::Headers)
                } else if previous.etag.is_some() && etag.is_some() && previous.etag != *etag {
                    Some(Reason::Unrecorded)
                } else {
                    None
                }
            }
        };
        match reason {
            Some(reason) => plan.waves[wave(file)].push(Upload {
                file: index,
                reason,
            }),
            None => plan.unchanged += 1,
        }
    }
    for wave in &mut plan.waves {
        wave.sort_by(|a, b| local[a.file].path.cmp(&local[b.file].path));
    }
    let on_disk: HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    plan.deletes = bucket
        .keys()
        .filter(|path| !on_disk.contains(path.as_str()))
        .cloned()
        .collect();
    if plan.deletes.len() > max_deletes {
        return Err(TooManyDeletes {
            deletes: plan.deletes,
            max: max_deletes,
        });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::manifest::Sent;

    fn file(path: &str, sha: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            source: path.into(),
            sent: Sent {
                sha256: sha.into(),
                size: 1,
                content_type: headers::content_type(path),
                cache_control: headers::cache_control(path).into(),
                content_encoding: None,
                etag: None,
            },
        }
    }

    fn deployed(files: &[LocalFile]) -> (Manifest, BTreeMap<String, Option<String>>) {
        let mut manifest = Manifest::new();
        let mut bucket = BTreeMap::new();
        for f in files {
            let etag = Some(format!("\"{}\"", f.sent.sha256));
            manifest.files.insert(
                f.path.clone(),
                Sent {
                    etag: etag.clone(),
                    ..f.sent.clone()
                },
            );
            bucket.insert(f.path.clone(), etag);
        }
        (manifest, bucket)
    }

    fn reasons(local: &[LocalFile], plan: &Plan) -> Vec<(String, Reason)> {
        plan.uploads()
            .map(|u| (local[u.file].path.clone(), u.reason))
            .collect()
    }

    #[test]
    fn first_deploy_uploads_everything_in_waves() {
        let local = [
            file("index.html", "1"),
            file("assets/portal.0123456789.css", "2"),
            file("sitemap.xml", "3"),
            file("suchindex/w/0123456789abcdef.json", "4"),
        ];
        let plan = plan(&local, &Manifest::new(), &BTreeMap::new(), 0).unwrap();
        let order: Vec<&str> = plan
            .uploads()
            .map(|u| local[u.file].path.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "assets/portal.0123456789.css",
                "suchindex/w/0123456789abcdef.json",
                "sitemap.xml",
                "index.html"
            ]
        );
        assert!(plan.uploads().all(|u| u.reason == Reason::New));
        assert_eq!(plan.unchanged, 0);
    }

    #[test]
    fn only_what_differs_is_uploaded_and_what_is_gone_deleted() {
        let before = [
            file("index.html", "1"),
            file("a/index.html", "2"),
            file("b/index.html", "3"),
            file("c/index.html", "4"),
            file("old/index.html", "5"),
        ];
        let (manifest, mut bucket) = deployed(&before);
        // Someone replaced b/ by hand and removed c/; a stray object exists.
        bucket.insert("b/index.html".into(), Some("\"other\"".into()));
        bucket.remove("c/index.html");
        bucket.insert("stray.txt".into(), None);

        let mut now = vec![
            file("index.html", "1"),
            file("a/index.html", "2-new"),
            file("b/index.html", "3"),
            file("c/index.html", "4"),
            file("d/index.html", "6"),
        ];
        now[0].sent.cache_control = "private".into();
        let plan = plan(&now, &manifest, &bucket, 256).unwrap();
        assert_eq!(
            reasons(&now, &plan),
            [
                ("a/index.html".to_owned(), Reason::Changed),
                ("b/index.html".to_owned(), Reason::Unrecorded),
                ("c/index.html".to_owned(), Reason::Missing),
                ("d/index.html".to_owned(), Reason::New),
                ("index.html".to_owned(), Reason::Headers),
            ]
        );
        assert_eq!(plan.deletes, ["old/index.html", "stray.txt"]);
        assert_eq!(plan.unchanged, 0);
    }

    #[test]
    fn an_unchanged_site_has_nothing_to_do() {
        let local = [file("index.html", "1"), file("a.css", "2")];
        let (manifest, bucket) = deployed(&local);
        let plan = plan(&local, &manifest, &bucket, 0).unwrap();
        assert!(plan.is_empty());
        assert_eq!(plan.unchanged, 2);
    }

    #[test]
    fn too_many_deletes_are_refused_whole() {
        let before = [
            file("a.html", "1"),
            file("b.html", "2"),
            file("c.html", "3"),
        ];
        let (manifest, bucket) = deployed(&before);
        let refused = plan(&before[..1], &manifest, &bucket, 1).unwrap_err();
        assert_eq!(refused.deletes, ["b.html", "c.html"]);
        assert_eq!(refused.max, 1);
        assert!(plan(&before[..1], &manifest, &bucket, 2).is_ok());
    }
}
