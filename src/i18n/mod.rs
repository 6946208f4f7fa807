//! The portal in several languages: which language codes a site may use,
//! and the theme's texts per language.
//!
//! Every text a theme shows that does not come from the content (the
//! navigation's labels, "Online beantragen", status names, the search's
//! hints) lives in one string file per language, `strings/<code>.yaml` in
//! the theme. Templates ask for a text by key, `{{ t(key="service.apply") }}`,
//! so one set of templates serves every language, and a state can reword
//! a single text by overriding one key.
//!
//! Checked before anything is rendered: every key exists in every language
//! the site is configured for, every value is text (or, for counted texts,
//! one text per plural form), and every key a template asks for exists.
//! Each problem names the file and line.

pub mod lang;
pub mod strings;

pub use strings::{StringTable, Strings};
