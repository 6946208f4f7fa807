//! Highlighting fenced code into CSS classes (`hl-…`), never inline styles,
//! so the theme's stylesheet decides the colours (and their contrast) and
//! the Content-Security-Policy can forbid inline styles.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Loading the syntax definitions costs tens of milliseconds: do it once.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The class prefix of highlighted tokens.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights `code` written in `language` (a fence info string such as
/// `rust` or `yaml`); unknown languages are shown as plain, escaped text.
pub fn highlight(code: &str, language: &str) -> String {
    let token = language.split_whitespace().next().unwrap_or("");
    let syntax = SYNTAXES
        .find_syntax_by_token(token)
        .unwrap_or_else(|| SYNTAXES.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return highlight(code, "");
        }
    }
    let class = crate::text::slugify(token);
    let class = if class.is_empty() {
        "text".into()
    } else {
        class
    };
    format!(
        "<pre class=\"code\"><code class=\"language-{class}\">{}</code></pre>\n",
        generator.finalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_not_styles() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = highlight("<script>x</script>\n", "nonsense \"><b>");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("language-nonsense"));
    }
}
