//! The URL policy: which addresses may enter the portal's output at all.
//!
//! A state portal is trusted by default, so an address that runs script
//! (`javascript:`, `vbscript:`, `data:text/html`, …) must never reach a
//! page, whatever the Content-Security-Policy would do with it: a mirror, a
//! feed reader or a copied snippet does not bring the CSP along. Instead of
//! listing what is dangerous (a list that is never complete), the policy
//! lists what is allowed and refuses everything else.
//!
//! Every stage that lets an address into the output asks here: the checks
//! of Markdown links and images, of `site.yaml` and of every URL field,
//! and the Markdown renderer itself (which drops what the checks would have
//! refused, should it ever be handed such text).
//!
//! Addresses are read the way a browser reads them: leading and trailing
//! spaces and control characters are stripped and tabs and newlines inside
//! are dropped by browsers, so `" java\tscript:"` *is* `javascript:` to
//! them. The policy therefore refuses control characters and surrounding
//! spaces outright, and compares schemes case-insensitively. HTML entities
//! are decoded by the Markdown parser before the policy sees an address.

use std::fmt;

/// Where an address is used, which decides what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A link a reader follows: site paths, `#fragments`, relative paths,
    /// `https:`, `http:`, `mailto:` and `tel:`.
    Link,
    /// An image the browser loads: site paths, relative paths and `https:`
    /// (the privacy guard then refuses other hosts).
    Image,
    /// A field that names a web page elsewhere (`online_url`, `website`):
    /// an absolute `https:` or `http:` address with a host.
    WebPage,
    /// A menu entry of `site.yaml`: a site path or an absolute `https:` or
    /// `http:` address.
    Menu,
}

impl Use {
    fn allowed(self) -> &'static str {
        match self {
            Use::Link => "a site path (/leistungen/), a #fragment, https:, http:, mailto: or tel:",
            Use::Image => "a site path (/bilder/karte.png) or https:",
            Use::WebPage => "a full address starting with https:// (or http://)",
            Use::Menu => "a site path (/leistungen/) or a full address starting with https://",
        }
    }
}

/// An address the policy allows, by what it points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address<'a> {
    /// A path of this site, starting with one `/`.
    SitePath(&'a str),
    /// A `#fragment` of the same page (without the `#`).
    Fragment(&'a str),
    /// A path relative to the current page.
    Relative(&'a str),
    /// An `http:` or `https:` address.
    Web(&'a str),
    /// A `mailto:` address.
    Mail(&'a str),
    /// A `tel:` number.
    Phone(&'a str),
}

/// Why an address is refused, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.help)
    }
}

/// Schemes that run script or carry a document of their own.
const SCRIPT_SCHEMES: [&str; 5] = ["javascript", "vbscript", "data", "livescript", "mocha"];

/// Whether a browser would run script (or open a document of its own) for
/// `address`, read the way a browser reads it. The output guard asks this
/// of every URL attribute of every page, whatever made the page.
pub fn runs_script(address: &str) -> bool {
    let as_read: String = address.chars().filter(|c| !c.is_control()).collect();
    scheme_of(as_read.trim())
        .is_some_and(|scheme| SCRIPT_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()))
}

/// Checks `address` for use `how`.
pub fn check(address: &str, how: Use) -> Result<Address<'_>, Refusal> {
    let refuse = |message: String| Refusal {
        message,
        help: format!("write {}", how.allowed()),
    };
    let shown = address.escape_debug().to_string();
    if address.is_empty() {
        return Err(refuse("the address is empty".into()));
    }
    // A script address is named as such in any spelling.
    if runs_script(address) {
        return Err(Refusal {
            message: format!("the address `{shown}` could run a script or show a foreign document"),
            help: format!("the portal links only to {}", how.allowed()),
        });
    }
    if let Some(c) = address.chars().find(|c| c.is_control()) {
        return Err(refuse(format!(
            "the address `{shown}` contains the control character U+{:04X}",
            c as u32
        )));
    }
    if address.trim() != address {
        return Err(refuse(format!(
            "the address `{shown}` starts or ends with a space"
        )));
    }
    if address.contains('\\') {
        // Browsers read `\` as `/` in web addresses: `/\host` leaves the site.
        return Err(Refusal {
            message: format!("the address `{shown}` contains a backslash"),
            help: "use `/` to separate the parts of an address".into(),
        });
    }
    let web_only = matches!(how, Use::WebPage);
    if let Some(fragment) = address.strip_prefix('#') {
        return match how {
            Use::Link => Ok(Address::Fragment(fragment)),
            _ => Err(refuse(format!("`{shown}` is only a #fragment"))),
        };
    }
    if address.starts_with("//") {
        return Err(Refusal {
            message: format!("`{shown}` leaves the site without naming a scheme"),
            help: format!("write the full address: `https:{address}`"),
        });
    }
    if address.starts_with('/') {
        return if web_only {
            Err(refuse(format!("`{shown}` is a path of this site")))
        } else {
            Ok(Address::SitePath(address))
        };
    }
    let Some(scheme) = scheme_of(address) else {
        return match how {
            Use::Link | Use::Image => Ok(Address::Relative(address)),
            Use::WebPage => Err(refuse(format!("`{shown}` is not a full web address"))),
            Use::Menu => Err(refuse(format!(
                "`{shown}` is neither a full address nor a site path"
            ))),
        };
    };
    let lower = scheme.to_ascii_lowercase();
    let rest = &address[scheme.len() + 1..];
    match (lower.as_str(), how) {
        ("http" | "https", _) => match url::Url::parse(address) {
            Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => {
                if how == Use::Image && lower == "http" {
                    Err(refuse(format!(
                        "the image `{shown}` would be loaded without encryption"
                    )))
                } else {
                    Ok(Address::Web(address))
                }
            }
            _ => Err(Refusal {
                message: format!("`{shown}` is not a complete web address"),
                help: "write it like https://www.example.de/pfad/".into(),
            }),
        },
        ("mailto", Use::Link) => {
            // Addresses, comma-separated, before any `?subject=…`.
            let to = rest.split('?').next().unwrap_or_default();
            match to.split(',').try_for_each(check_email) {
                Ok(()) => Ok(Address::Mail(rest)),
                Err(r) => Err(Refusal {
                    message: format!("`{shown}` does not name an e-mail address: {}", r.message),
                    help: "write it like mailto:kontakt@beispiel.de".into(),
                }),
            }
        }
        ("tel", Use::Link) => {
            let digits = rest.chars().filter(char::is_ascii_digit).count();
            let allowed = rest
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')' | '/'));
            if allowed && digits >= 3 {
                Ok(Address::Phone(rest))
            } else {
                Err(Refusal {
                    message: format!("`{shown}` is not a telephone number"),
                    help: "write it like tel:+4961311600 (digits, +, -, . or /)".into(),
                })
            }
        }
        _ => Err(refuse(format!(
            "addresses starting with `{lower}:` are not allowed here (`{shown}`)"
        ))),
    }
}

/// The scheme of an absolute address as a browser reads it: a letter, then
/// letters, digits, `+`, `-` or `.`, then `:`. `None` for relative paths.
fn scheme_of(address: &str) -> Option<&str> {
    let end = address.find(':')?;
    let scheme = &address[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Checks an e-mail address as written in a field (without `mailto:`).
pub fn check_email(address: &str) -> Result<(), Refusal> {
    let shown = address.escape_debug();
    let refuse = |message: String| Refusal {
        message,
        help: "write the address alone, like kontakt@beispiel.de (without mailto:)".into(),
    };
    let Some((local, domain)) = address.split_once('@') else {
        return Err(refuse(format!("`{shown}` is not an e-mail address")));
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| !c.is_control() && !c.is_whitespace() && !"<>\"'\\@:,;()[]".contains(c))
    };
    if !plain(local) || !plain(domain) || !domain.contains('.') || domain.starts_with('.') {
        return Err(refuse(format!("`{shown}` is not an e-mail address")));
    }
    Ok(())
}

/// Checks a contact written either as an e-mail address or as a web
/// address, and returns the link to it (`mailto:…` or the address).
pub fn check_contact(contact: &str) -> Result<String, Refusal> {
    let result = if contact.contains('@') && !contact.contains('/') {
        check_email(contact).map(|()| format!("mailto:{contact}"))
    } else {
        check(contact, Use::WebPage).map(|_| contact.to_owned())
    };
    result.map_err(|r| Refusal {
        help: format!(
            "write an e-mail address (barrierefreiheit@beispiel.de) or a web address (https://…); {}",
            r.help
        ),
        ..r
    })
}

/// Checks a telephone number as written in a field; it becomes a `tel:`
/// link, so only digits, spaces, `+`, `-`, `/` and brackets are allowed.
pub fn check_phone(number: &str) -> Result<(), Refusal> {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let allowed = number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '/' | '(' | ')'));
    if allowed && digits >= 3 && number.trim() == number {
        Ok(())
    } else {
        Err(Refusal {
            message: format!("`{}` is not a telephone number", number.escape_debug()),
            help: "write digits with spaces, +, -, / or brackets, like +49 6131 16-0".into(),
        })
    }
}

/// The `tel:` address of a telephone number that passed [`check_phone`].
pub fn tel_href(number: &str) -> String {
    let compact: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{compact}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_addresses() {
        assert_eq!(
            check("/leistungen/", Use::Link),
            Ok(Address::SitePath("/leistungen/"))
        );
        assert_eq!(check("#oben", Use::Link), Ok(Address::Fragment("oben")));
        assert_eq!(
            check("bild.png", Use::Image),
            Ok(Address::Relative("bild.png"))
        );
        assert_eq!(
            check("HTTPS://example.org/", Use::Link),
            Ok(Address::Web("HTTPS://example.org/"))
        );
        assert_eq!(
            check("mailto:a@b.de", Use::Link),
            Ok(Address::Mail("a@b.de"))
        );
        assert_eq!(
            check("tel:+496131", Use::Link),
            Ok(Address::Phone("+496131"))
        );
        assert!(check("https://example.org/x.png", Use::Image).is_ok());
        assert!(check("https://example.org/", Use::WebPage).is_ok());
        assert!(check("/themen/", Use::Menu).is_ok());
        // A colon after a slash is part of a path, not a scheme.
        assert!(check("a/b:c", Use::Link).is_ok());
    }

    #[test]
    fn script_addresses_are_refused_in_every_spelling() {
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "javascript:alert(1) ",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript\u{0}:alert(1)",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD4=",
            "Data:image/svg+xml,<svg onload=alert(1)>",
            "livescript:x",
            "//evil.example/",
            "/\\evil.example/",
            "\\\\evil.example",
            "javascript://%0Aalert(1)",
            "https:\\\\evil.example",
        ] {
            for how in [Use::Link, Use::Image, Use::WebPage, Use::Menu] {
                assert!(
                    check(hostile, how).is_err(),
                    "{hostile:?} passed as {how:?}"
                );
            }
        }
    }

    #[test]
    fn uses_narrow_what_is_allowed() {
        assert!(check("mailto:a@b.de", Use::Image).is_err());
        assert!(check("http://example.org/x.png", Use::Image).is_err());
        assert!(check("/leistungen/", Use::WebPage).is_err());
        assert!(check("www.example.org", Use::WebPage).is_err());
        assert!(check("ftp://example.org/", Use::Link).is_err());
        assert!(check("https://", Use::Link).is_err());
        assert!(check("#x", Use::Menu).is_err());
        assert!(check("tel:abc", Use::Link).is_err());
        assert!(check("mailto:", Use::Link).is_err());
        assert!(check("mailto:niemand", Use::Link).is_err());
        assert!(check("mailto:a@b.de,c@d.de?subject=Hallo", Use::Link).is_ok());
        assert!(check("tel:+49-6131-16-0", Use::Link).is_ok());
        assert!(check("kontakt/", Use::Menu).is_err());
        assert!(check("", Use::Link).is_err());
    }

    #[test]
    fn refusals_explain() {
        let r = check("javascript:alert(1)", Use::Link).unwrap_err();
        assert!(r.message.contains("could run a script"), "{r}");
        assert!(r.help.contains("https:"), "{r}");
        let r = check("java\tscript:x", Use::Link).unwrap_err();
        assert!(r.message.contains("could run a script"), "{r}");
        let r = check("/a\tb/", Use::Link).unwrap_err();
        assert!(r.message.contains("U+0009"), "{r}");
    }

    #[test]
    fn emails_and_phones() {
        assert!(check_email("kontakt@digital.rlp.example").is_ok());
        for bad in [
            "kontakt",
            "a@b",
            "javascript:x@y.de",
            "a b@c.de",
            "<a@b.de>",
            "@b.de",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert!(check_phone("+49 6131 16-0").is_ok());
        assert!(check_phone("(06131) 16/0").is_ok());
        assert!(check_phone("javascript:alert(1)").is_err());
        assert!(check_phone("12").is_err());
        assert_eq!(tel_href("+49 6131 16-0"), "tel:+496131160");
        assert_eq!(check_contact("a@b.de").unwrap(), "mailto:a@b.de");
        assert_eq!(check_contact("https://b.de/x").unwrap(), "https://b.de/x");
        assert!(check_contact("javascript://%0Aalert(1)").is_err());
    }
}
