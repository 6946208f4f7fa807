//! Diagnostics: every problem found in a site, with where it is and how to
//! fix it. Stages collect them instead of stopping at the first one, so an
//! editor sees every problem of the whole site in one run.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a problem is. Errors fail the build; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built correctly.
    Error,
    /// The site builds, but something should be looked at.
    Warning,
}

/// Where a problem is: a file, a 1-based line and column, and how many
/// characters to underline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Path relative to the site root.
    pub file: PathBuf,
    /// 1-based line in the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline (at least 1).
    pub len: usize,
    /// The text of the line, for display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Location {
    /// A location naming only a file (the problem concerns the file as a whole).
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: 1,
            column: 1,
            len: 1,
            source_line: None,
        }
    }
}

/// One problem found in the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is, if it is in a file.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What would be right, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error without location.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    /// A new warning without location.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Sets where the problem is.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem as a warning.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-style human form: headline, `-->` location, the source line
    /// with a caret under the offending text, and a `help:` line.
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{level}: {}", self.message);
        if let Some(loc) = &self.location {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(
                out,
                "{pad}--> {}:{}:{}",
                loc.file.display(),
                loc.line,
                loc.column
            );
            if let Some(text) = &loc.source_line {
                let caret_pad: String = text
                    .chars()
                    .take(loc.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {text}");
                let _ = writeln!(out, "{pad} | {caret_pad}{}", "^".repeat(loc.len));
            }
            if let Some(help) = &self.help {
                let _ = writeln!(out, "{pad} = help: {help}");
            }
        } else if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

impl Diagnostic {
    /// One line for a place with no room for the excerpt (the forms'
    /// notices): `file:line:column: message (help: …)`.
    pub fn to_line(&self) -> String {
        let mut out = match &self.location {
            Some(loc) => format!(
                "{}:{}:{}: {}",
                loc.file.display(),
                loc.line,
                loc.column,
                self.message
            ),
            None => self.message.clone(),
        };
        if let Some(help) = &self.help {
            out.push_str(&format!(" (help: {help})"));
        }
        out
    }

    /// One line of JSON: severity, message, file, line, column, len, help.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A GitHub Actions workflow command, so CI shows the problem on the
    /// pull request at its line.
    pub fn to_github(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        workflow_command(level, self.location.as_ref(), &message)
    }
}

/// A GitHub Actions workflow command (`::error`, `::warning`, `::notice`)
/// at `location`, escaped as the runner expects.
pub fn workflow_command(level: &str, location: Option<&Location>, message: &str) -> String {
    fn data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(text: &str) -> String {
        data(text).replace(':', "%3A").replace(',', "%2C")
    }
    match location {
        Some(loc) => format!(
            "::{level} file={},line={},col={}::{}",
            property(&loc.file.to_string_lossy()),
            loc.line,
            loc.column,
            data(message)
        ),
        None => format!("::{level}::{}", data(message)),
    }
}

/// Sorts diagnostics so the cause comes first and the output is stable:
/// problems without a file, then those of the site's own files (site.yaml,
/// topics.yaml), which every document reads, so that a topic renamed to an
/// invalid slug is reported before the references it leaves unresolved;
/// then by file, line and column.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let site_files = [crate::load::SITE_FILE, crate::load::TOPICS_FILE];
    let rank = |file: &std::path::Path| {
        let name = file.file_name().and_then(|n| n.to_str());
        site_files
            .iter()
            .position(|site_file| name == Some(site_file))
            .unwrap_or(site_files.len())
    };
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (rank(&l.file), l.file.clone(), l.line, l.column))
        };
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    #[test]
    fn github_and_json_forms() {
        let file = SourceFile::new("content/a,b.md", "---\nstauts: online\n---\n".into());
        let d = file
            .error(4..10, "unknown field `stauts`")
            .with_help("did you mean `status`?");
        assert_eq!(
            d.to_github(),
            "::error file=content/a%2Cb.md,line=2,col=1::unknown field `stauts`%0Ahelp: did you mean `status`?"
        );
        assert_eq!(
            d.to_json(),
            r#"{"severity":"error","message":"unknown field `stauts`","file":"content/a,b.md","line":2,"column":1,"len":6,"help":"did you mean `status`?"}"#
        );
    }

    #[test]
    fn human_form_points_at_the_text() {
        let file = SourceFile::new("content/services/x.md", "---\nstauts: online\n---\n".into());
        let d = file
            .error(4..10, "unknown field `stauts`")
            .with_help("did you mean `status`?");
        assert_eq!(
            d.to_human(),
            "error: unknown field `stauts`\n \
             --> content/services/x.md:2:1\n  \
             |\n\
             2 | stauts: online\n  \
             | ^^^^^^\n  \
             = help: did you mean `status`?\n"
        );
    }
}
