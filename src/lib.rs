//! `portal` compiles a state's digital-strategy portal from Markdown and
//! YAML into a static, accessible citizen site.
//!
//! The build is a one-way pipeline, one module per stage:
//!
//! 1. [`load`]: find the files, split and parse front matter (in parallel);
//! 2. [`resolve`]: a typed [`resolve::Site`] with references checked, trees
//!    and indexes built, every problem collected;
//! 3. [`render`]: Markdown and templates into pages (in parallel), each page
//!    written as soon as it is rendered;
//! 4. [`output`]: pages go to a staging folder that replaces the previous
//!    output only when the whole build succeeded.
//!
//! [`pipeline`] runs the stages as named, timed phases; [`incremental`]
//! runs them again after an edit, rendering only the pages it touched.

// Diagnostics are returned by value on the cold error path; boxing them
// everywhere would buy nothing measurable and cost readability.
#![allow(clippy::result_large_err)]

#[macro_use]
mod console;

pub mod admin;
pub mod date;
pub mod deploy;
pub mod diagnostic;
pub mod hashing;
pub mod i18n;
pub mod incremental;
pub mod load;
pub mod locate;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod source;
pub mod text;
pub mod theme;
pub mod typography;
pub mod urls;
pub mod yaml;
