//! The site on disk: every file of the output folder with the bytes and
//! headers it is to be stored with.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::manifest::Sent;
use super::DeployError;
use crate::output::{compressed_sibling, headers};

/// One file to be stored.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Its path below the output folder, with `/`.
    pub path: String,
    /// The file whose bytes are sent: the file itself, or its `.gz`
    /// sibling written by `portal build --precompress`.
    pub source: PathBuf,
    /// The bytes' hash and the headers to send.
    pub sent: Sent,
}

/// Reads the output folder `out`: every file, hashed in parallel.
///
/// A text file with a `.gz` sibling is sent as the sibling's bytes with
/// `Content-Encoding: gzip` (an object store cannot pick an encoding per
/// request; every browser accepts gzip). The `.gz` and `.br` siblings are
/// not objects of their own.
pub fn scan(out: &Path) -> Result<Vec<LocalFile>, DeployError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DeployError::Read { path, source }
    };
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| DeployError::Read {
            path: e.path().unwrap_or(out).to_path_buf(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(out)
            .expect("below the folder walked");
        let Some(path) = relative.to_str() else {
            return Err(DeployError::FileName {
                path: entry.path().to_path_buf(),
            });
        };
        paths.push(path.replace(std::path::MAIN_SEPARATOR, "/"));
    }
    let present: std::collections::HashSet<&str> = paths.iter().map(String::as_str).collect();
    let is_sibling = |path: &str| {
        [".gz", ".br"].iter().any(|suffix| {
            path.strip_suffix(suffix)
                .is_some_and(|original| headers::is_text(original) && present.contains(original))
        })
    };
    paths
        .par_iter()
        .filter(|path| !is_sibling(path))
        .map(|path| {
            let file = out.join(path);
            let compressed =
                headers::is_text(path) && present.contains(format!("{path}.gz").as_str());
            let source = if compressed {
                compressed_sibling(&file, "gz")
            } else {
                file
            };
            let bytes = fs::read(&source).map_err(io(&source))?;
            Ok(LocalFile {
                path: path.clone(),
                sent: Sent {
                    sha256: hex(&Sha256::digest(&bytes)),
                    size: bytes.len() as u64,
                    content_type: headers::content_type(path),
                    cache_control: headers::cache_control(path).to_owned(),
                    content_encoding: compressed.then(|| "gzip".to_owned()),
                    etag: None,
                },
                source,
            })
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_siblings_are_sent_in_place_of_their_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "<p>Hallo</p>").unwrap();
        fs::write(out.join("a/index.html.gz"), "gz bytes").unwrap();
        fs::write(out.join("a/index.html.br"), "br bytes").unwrap();
        fs::write(out.join("robots.txt"), "User-agent: *\n").unwrap();
        // A download that merely ends in .gz is a file of its own.
        fs::write(out.join("daten.tar.gz"), "archive").unwrap();

        let files = scan(out).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a/index.html", "daten.tar.gz", "robots.txt"]);
        let page = &files[0];
        assert_eq!(page.source, out.join("a/index.html.gz"));
        assert_eq!(page.sent.size, 8);
        assert_eq!(page.sent.content_encoding.as_deref(), Some("gzip"));
        assert_eq!(page.sent.content_type, "text/html; charset=utf-8");
        assert_eq!(files[2].sent.content_encoding, None);
        assert_eq!(
            files[2].sent.sha256,
            hex(&Sha256::digest(b"User-agent: *\n")),
        );
    }
}
