//! Stage 4, write: pages go into a staging folder beside the output folder,
//! which replaces the output only when the whole build succeeded.
//!
//! A failed build, or one killed halfway, therefore leaves the previously
//! published site byte for byte as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub mod headers;
mod precompress;

pub use precompress::{sibling as compressed_sibling, Precompressed};

/// A folder being filled by a build, swapped in by [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn create(target: &Path) -> io::Result<Self> {
        let target = if target.is_absolute() {
            target.to_path_buf()
        } else {
            std::env::current_dir()?.join(target)
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        remove_abandoned(&target);
        let dir = sibling(&target, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target,
            committed: false,
        })
    }

    /// Writes a file at `relative` (`/`-separated) inside the staging folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }

    /// Creates the file at `relative` inside the staging folder, for
    /// writing a large file piece by piece.
    pub fn create_file(&self, relative: &str) -> io::Result<fs::File> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::File::create(path)
    }

    /// A path inside the staging folder for temporary files of `name`; the
    /// caller removes it before the commit (a killed build's staging
    /// folder, scratch and all, is removed by the next build).
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.dir.join(format!(".{name}"))
    }

    /// Copies a file into the staging folder.
    pub fn copy(&self, relative: &str, source: &Path) -> io::Result<()> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(source, path).map(|_| ())
    }

    /// Writes `.gz` and `.br` siblings of the text files staged so far.
    pub fn precompress(&self) -> io::Result<Precompressed> {
        precompress::precompress(&self.dir)
    }

    /// Replaces the output folder with the staging folder.
    ///
    /// On Linux the two folders swap places in one atomic rename, so there
    /// is no moment without a complete site; elsewhere two renames leave a
    /// short window in which the output folder is missing.
    pub fn commit(mut self) -> io::Result<()> {
        if !self.target.exists() {
            fs::rename(&self.dir, &self.target)?;
            self.committed = true;
            return Ok(());
        }
        let old = swap_in(&self.dir, &self.target)?;
        self.committed = true;
        fs::remove_dir_all(old)
    }
}

/// Removes staging folders of builds that were killed: their process no
/// longer runs. (Where that cannot be told, they are left alone.)
fn remove_abandoned(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.staging-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let running = Path::new("/proc").join(pid).exists();
        if cfg!(target_os = "linux") && !running {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts `staged` in place of `target`; returns where the old output now is.
#[cfg(target_os = "linux")]
fn swap_in(staged: &Path, target: &Path) -> io::Result<PathBuf> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE)?;
    Ok(staged.to_path_buf())
}

#[cfg(not(target_os = "linux"))]
fn swap_in(staged: &Path, target: &Path) -> io::Result<PathBuf> {
    let old = sibling(target, "old");
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(staged, target) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    Ok(old)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
