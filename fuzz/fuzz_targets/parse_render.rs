//! Fuzzes the parse-and-render path: split front matter, parse the YAML,
//! check it against the schema, read the outline and render the Markdown.
//! The first byte picks the content type; the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal::model::ContentKind;

const TYPES: [ContentKind; 5] = ContentKind::IN_FOLDERS;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = TYPES[first as usize % TYPES.len()];
    portal::load::check_document_text(kind, std::path::Path::new("content/x.md"), text.to_owned());
});
