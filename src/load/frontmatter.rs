//! Splitting a Markdown file into its YAML front matter and its body.

use std::ops::Range;

/// A file split at its front-matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML between the fences.
    pub yaml: Range<usize>,
    /// Byte offset where the Markdown body begins.
    pub body_start: usize,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The file does not start with `---`.
    #[error("the file has no front matter: it must start with a line `---`")]
    Missing,
    /// The opening fence is never closed.
    #[error("the front matter is not closed: add a line `---` after the last field")]
    Unclosed,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Finds the front matter: a first line `---`, YAML, and a closing line `---`.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::Missing)?;
    if !is_fence(first) {
        return Err(SplitError::Missing);
    }
    let yaml_start = start + first.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line) {
            return Ok(Split {
                yaml: yaml_start..offset,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_fences() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.clone()], "title: A\n");
        assert_eq!(&text[s.body_start..], "# Body\n");
    }

    #[test]
    fn windows_line_ends_and_bom() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml], "title: A\r\n");
        assert_eq!(&text[s.body_start..], "Body");
    }

    #[test]
    fn errors() {
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
        assert_eq!(split(""), Err(SplitError::Missing));
    }
}
