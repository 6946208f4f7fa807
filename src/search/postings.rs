//! Postings: which pages a stem occurs on and how strongly, gathered from
//! all threads into one sorted stream.
//!
//! A posting is one `u64`, `stem << 36 | page << 8 | impact`, so sorting the
//! numbers sorts by stem, then page; each page adds each of its stems once,
//! so the sorted stream is the same however the pages were spread over
//! threads. Postings are kept in a buffer; when it holds `run_limit` of them,
//! it is sorted and spilled to a run file, and at the end the runs and the
//! rest are merged. Memory is therefore bounded by the run limit, not by
//! the size of the site.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;

/// The largest page number a posting can hold (2^28 - 1).
pub const MAX_PAGE: u32 = (1 << 28) - 1;
/// The largest stem number a posting can hold.
pub const MAX_STEM: u32 = (1 << 28) - 1;

/// One posting packed into a number that sorts by stem, then page.
pub fn pack(stem: u32, page: u32, impact: u8) -> u64 {
    debug_assert!(stem <= MAX_STEM && page <= MAX_PAGE);
    (u64::from(stem) << 36) | (u64::from(page) << 8) | u64::from(impact)
}

/// The stem, page and impact of a packed posting.
pub fn unpack(posting: u64) -> (u32, u32, u8) {
    (
        (posting >> 36) as u32,
        ((posting >> 8) & u64::from(MAX_PAGE)) as u32,
        posting as u8,
    )
}

/// Postings gathered from any number of threads.
pub struct Collector {
    buffer: Mutex<Vec<u64>>,
    runs: Mutex<Vec<PathBuf>>,
    run_limit: usize,
    dir: PathBuf,
}

impl Collector {
    /// A collector that spills runs of `run_limit` postings into `dir`
    /// (created when the first run is spilled, removed when dropped).
    pub fn new(dir: PathBuf, run_limit: usize) -> Collector {
        Collector {
            buffer: Mutex::new(Vec::new()),
            runs: Mutex::new(Vec::new()),
            run_limit: run_limit.max(1),
            dir,
        }
    }

    /// Adds the postings of some pages.
    pub fn add(&self, postings: &[u64]) -> io::Result<()> {
        let full = {
            let mut buffer = self.buffer.lock().unwrap_or_else(|e| e.into_inner());
            buffer.extend_from_slice(postings);
            if buffer.len() < self.run_limit {
                return Ok(());
            }
            std::mem::take(&mut *buffer)
        };
        self.spill(full)
    }

    fn spill(&self, mut run: Vec<u64>) -> io::Result<()> {
        run.sort_unstable();
        fs::create_dir_all(&self.dir)?;
        let path = {
            let mut runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
            let path = self.dir.join(format!("run-{}", runs.len()));
            runs.push(path.clone());
            path
        };
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        for posting in run {
            out.write_all(&posting.to_le_bytes())?;
        }
        out.flush()
    }

    /// How many runs were spilled to disk.
    pub fn spilled(&self) -> usize {
        self.runs.lock().map(|r| r.len()).unwrap_or(0)
    }

    /// All postings, sorted.
    pub fn into_sorted(self) -> io::Result<Sorted> {
        let mut rest = std::mem::take(&mut *self.buffer.lock().unwrap_or_else(|e| e.into_inner()));
        rest.par_sort_unstable();
        let runs = std::mem::take(&mut *self.runs.lock().unwrap_or_else(|e| e.into_inner()));
        let mut sources = Vec::with_capacity(runs.len() + 1);
        for path in &runs {
            sources.push(Source::Run(BufReader::with_capacity(
                1 << 16,
                File::open(path)?,
            )));
        }
        sources.push(Source::Memory(rest.into_iter()));
        let mut heap = BinaryHeap::new();
        for (i, source) in sources.iter_mut().enumerate() {
            if let Some(first) = source.next()? {
                heap.push(Reverse((first, i)));
            }
        }
        Ok(Sorted {
            sources,
            heap,
            _dir: RunDir(if runs.is_empty() {
                None
            } else {
                Some(self.dir.clone())
            }),
        })
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let runs = self.runs.get_mut().map(|r| !r.is_empty()).unwrap_or(true);
        if runs {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the runs once the merge is done with them.
struct RunDir(Option<PathBuf>);

impl Drop for RunDir {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

enum Source {
    Run(BufReader<File>),
    Memory(std::vec::IntoIter<u64>),
}

impl Source {
    fn next(&mut self) -> io::Result<Option<u64>> {
        match self {
            Source::Memory(it) => Ok(it.next()),
            Source::Run(reader) => {
                let mut bytes = [0; 8];
                match reader.read_exact(&mut bytes) {
                    Ok(()) => Ok(Some(u64::from_le_bytes(bytes))),
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }
}

/// The merged, sorted postings of a [`Collector`].
pub struct Sorted {
    sources: Vec<Source>,
    heap: BinaryHeap<Reverse<(u64, usize)>>,
    _dir: RunDir,
}

impl Sorted {
    /// The next posting in order.
    pub fn next_posting(&mut self) -> io::Result<Option<u64>> {
        let Some(Reverse((posting, i))) = self.heap.pop() else {
            return Ok(None);
        };
        if let Some(next) = self.sources[i].next()? {
            self.heap.push(Reverse((next, i)));
        }
        Ok(Some(posting))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_postings_sort_by_stem_then_page() {
        let mut p = [pack(2, 1, 200), pack(1, 5, 1), pack(1, 3, 255)];
        p.sort_unstable();
        assert_eq!(p.map(unpack), [(1, 3, 255), (1, 5, 1), (2, 1, 200)]);
        assert_eq!(unpack(pack(MAX_STEM, MAX_PAGE, 7)), (MAX_STEM, MAX_PAGE, 7));
    }

    #[test]
    fn spilled_runs_merge_into_the_same_stream_and_are_removed() {
        let dir = std::env::temp_dir().join(format!("portal-runs-{}", std::process::id()));
        let collector = Collector::new(dir.clone(), 3);
        let all: Vec<u64> = (0..20u32).rev().map(|i| pack(i % 4, i, 1)).collect();
        for chunk in all.chunks(2) {
            collector.add(chunk).unwrap();
        }
        assert!(collector.spilled() > 2);
        let mut sorted = collector.into_sorted().unwrap();
        let mut got = Vec::new();
        while let Some(p) = sorted.next_posting().unwrap() {
            got.push(p);
        }
        drop(sorted);
        let mut expected = all;
        expected.sort_unstable();
        assert_eq!(got, expected);
        assert!(!dir.exists());
    }
}
