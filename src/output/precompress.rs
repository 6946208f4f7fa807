//! `--precompress`: gzip and Brotli siblings (`page.html.gz`,
//! `page.html.br`) of the text files in the staging folder, for web
//! servers that send a precompressed file when the browser accepts it
//! (nginx `gzip_static`, `brotli_static`) instead of compressing on every
//! request.
//!
//! Deterministic: the gzip header carries no time and no file name, and
//! both encoders get fixed settings, so the same page gives the same bytes.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;

/// gzip level and Brotli quality. On a 10,000-page site (20,687 text
/// files) gzip 9 and Brotli 9 took 15 s of a 17.5 s build for 0.04 % and
/// 0.5 % fewer bytes than 6 and 6, which take 5.5 s (see BENCHMARKS.md).
const GZIP_LEVEL: u32 = 6;
const BROTLI_QUALITY: u32 = 6;

/// What precompression wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Precompressed {
    /// Text files looked at.
    pub files: usize,
    /// `.gz` siblings written.
    pub gzip: usize,
    /// `.br` siblings written.
    pub brotli: usize,
}

/// Whether a compressed copy pays: at least a tenth smaller. (Below that,
/// a server's time to pick the file and the client's to unpack it are
/// not worth the bytes saved; tiny files often grow.)
fn pays(compressed: usize, original: usize) -> bool {
    compressed * 10 <= original * 9
}

fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    // GzBuilder writes mtime 0 and no file name unless told otherwise.
    let mut encoder = flate2::GzBuilder::new().write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(GZIP_LEVEL),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, 22);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

/// Writes the siblings of every text file below `dir`, in parallel.
///
/// A pass over the finished staging folder rather than a step of each
/// write: it covers every writer (pages, feeds, data, copied static files,
/// the search index) in one place, and re-reading from the page cache costs
/// little next to compressing.
pub fn precompress(dir: &Path) -> io::Result<Precompressed> {
    let files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.to_str().is_some_and(super::headers::is_text))
        .collect();
    files
        .par_iter()
        .map(|path| {
            let bytes = fs::read(path)?;
            let mut done = Precompressed {
                files: 1,
                ..Precompressed::default()
            };
            let gz = gzip(&bytes)?;
            if pays(gz.len(), bytes.len()) {
                fs::write(sibling(path, "gz"), gz)?;
                done.gzip = 1;
            }
            let br = brotli(&bytes)?;
            if pays(br.len(), bytes.len()) {
                fs::write(sibling(path, "br"), br)?;
                done.brotli = 1;
            }
            Ok(done)
        })
        .try_reduce(Precompressed::default, |a, b| {
            Ok(Precompressed {
                files: a.files + b.files,
                gzip: a.gzip + b.gzip,
                brotli: a.brotli + b.brotli,
            })
        })
}

/// Where the compressed copy of `path` is written: `page.html` →
/// `page.html.gz` for `suffix` "gz".
pub fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn siblings_unpack_to_the_original_and_small_files_get_none() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<p>Wohnsitzanmeldung online.</p>\n".repeat(200);
        fs::write(dir.path().join("index.html"), &page).unwrap();
        fs::write(dir.path().join("robots.txt"), "User-agent: *\n").unwrap();
        fs::write(dir.path().join("bild.png"), page.as_bytes()).unwrap();
        let done = precompress(dir.path()).unwrap();
        assert_eq!(
            done,
            Precompressed {
                files: 2,
                gzip: 1,
                brotli: 1
            }
        );

        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&fs::read(dir.path().join("index.html.gz")).unwrap()[..])
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, page);
        let mut unpacked = String::new();
        brotli::Decompressor::new(
            &fs::read(dir.path().join("index.html.br")).unwrap()[..],
            4096,
        )
        .read_to_string(&mut unpacked)
        .unwrap();
        assert_eq!(unpacked, page);
        assert!(!dir.path().join("robots.txt.gz").exists());
        assert!(!dir.path().join("bild.png.gz").exists());
        // The same input gives the same bytes.
        assert_eq!(
            gzip(page.as_bytes()).unwrap(),
            gzip(page.as_bytes()).unwrap()
        );
    }
}
