//! Source files and the mapping from byte offsets to lines and columns.
//!
//! Every diagnostic points at a line of the *whole* file, so offsets found
//! inside the front matter or the body are always translated through the
//! file they came from.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};

/// One file read from the site, kept whole for diagnostics and rendering.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as shown to editors.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps a file's text; `path` is what diagnostics will print.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The display path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, column + 1)
    }

    /// Byte offset of the start of a 1-based line (clamped to the file).
    pub fn line_offset(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_offset(line);
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// A location covering `range` (bytes), for a diagnostic.
    pub fn location(&self, range: Range<usize>) -> Location {
        let (line, column) = self.position(range.start);
        let line_text = self.line_text(line);
        let start_in_line = range.start.saturating_sub(self.line_offset(line));
        let visible_end = range.end.min(self.line_offset(line) + line_text.len());
        let len = self
            .text
            .get(range.start..visible_end.max(range.start))
            .map(|s| s.chars().count())
            .unwrap_or(0);
        let _ = start_in_line;
        Location {
            file: self.path.clone(),
            line,
            column,
            len: len.max(1),
            source_line: Some(line_text.to_owned()),
        }
    }

    /// An error diagnostic at `range`.
    pub fn error(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.location(range))
    }

    /// A warning diagnostic at `range`.
    pub fn warning(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message).at(self.location(range))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let f = SourceFile::new("a.md", "---\ntitle: Ü x\n---\n".into());
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(4), (2, 1));
        let x = f.text.find('x').unwrap();
        assert_eq!(f.position(x), (2, 10));
        assert_eq!(f.line_text(2), "title: Ü x");
        let loc = f.location(x..x + 1);
        assert_eq!((loc.line, loc.column, loc.len), (2, 10, 1));
    }
}
