//! XZuFi (the XÖV standard of the Portalverbund): `leistung` messages of
//! versions 2.1 and 2.2, with or without namespace prefixes.
//!
//! The file is parsed into a DOM with byte positions (roxmltree), which
//! refuses any DOCTYPE: a DTD is never read, so no entity is ever expanded
//! (no "billion laughs") and no external entity is ever fetched. Elements
//! are matched by their local names in the XZuFi namespace or in none,
//! since XÖV messages qualify the root and leave the children unqualified.

use std::ops::Range;

use rayon::prelude::*;
use roxmltree::{Node, ParsingOptions};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// The XZuFi namespaces read.
pub const NAMESPACES: [&str; 2] = [
    "http://xoev.de/schemata/xzufi/2_1_0",
    "http://xoev.de/schemata/xzufi/2_2_0",
];

/// What a LeiKa text module holds, and where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The LeiKa key (also in `idSekundaer` or `referenzLeiKa`).
    Key,
    /// A front-matter field, as plain text.
    Text(&'static str),
    /// A front-matter field holding a list (the HTML's list items).
    List(&'static str),
    /// The page's text (Markdown converted from the HTML).
    Body,
    /// A section of the page's text under this heading.
    Section(&'static str),
    /// The day the catalogue last changed the service ("Stand").
    Stand,
    /// The service's page on the catalogue's own portal.
    SourceLink,
    /// The responsible authority, mapped to a body by the source's
    /// `authorities:` in site.yaml.
    Authority,
}

/// One entry of the text-module code list.
#[derive(Debug, Clone, Copy)]
pub struct TextModule {
    /// The code (`leikaTextmodul/code`).
    pub code: &'static str,
    /// Its name in the code list.
    pub name: &'static str,
    /// Where its content goes.
    pub use_: Use,
}

/// The LeiKa text-module codes read, in one table: code lists change
/// between versions, and docs/data-sources.md prints this table.
pub const TEXT_MODULES: &[TextModule] = &[
    TextModule {
        code: "01",
        name: "Leistungsschlüssel",
        use_: Use::Key,
    },
    TextModule {
        code: "03",
        name: "Leistungsbezeichnung",
        use_: Use::Text("title"),
    },
    TextModule {
        code: "05",
        name: "Kurztext",
        use_: Use::Text("summary"),
    },
    TextModule {
        code: "06",
        name: "Volltext",
        use_: Use::Body,
    },
    TextModule {
        code: "07",
        name: "Rechtsgrundlage(n)",
        use_: Use::List("legal_basis"),
    },
    TextModule {
        code: "08",
        name: "Erforderliche Unterlagen",
        use_: Use::List("documents"),
    },
    TextModule {
        code: "09",
        name: "Voraussetzungen",
        use_: Use::Text("eligibility"),
    },
    TextModule {
        code: "10",
        name: "Kosten",
        use_: Use::Text("costs"),
    },
    TextModule {
        code: "12",
        name: "Bearbeitungsdauer",
        use_: Use::Text("processing_time"),
    },
    TextModule {
        code: "13",
        name: "Fristen",
        use_: Use::Section("Fristen"),
    },
    TextModule {
        code: "14",
        name: "Formulare",
        use_: Use::Section("Formulare"),
    },
    TextModule {
        code: "17",
        name: "Stand",
        use_: Use::Stand,
    },
    TextModule {
        code: "18",
        name: "Ursprungsportal",
        use_: Use::SourceLink,
    },
    TextModule {
        code: "19",
        name: "Fachlich freigegeben durch",
        use_: Use::Authority,
    },
];

/// XZuFi 2.2's own modules, which carry what 2.1 put in text modules.
const MODULES_2_2: &[(&str, Use)] = &[
    ("modulKosten", Use::Text("costs")),
    ("modulFrist", Use::Section("Fristen")),
    ("modulBearbeitungsdauer", Use::Text("processing_time")),
];

/// One text of a record: what it is for, its content (HTML as the
/// catalogue has it, unescaped), and where the content element is.
#[derive(Debug, Clone)]
pub struct Text {
    /// Where it goes.
    pub use_: Use,
    /// The content.
    pub content: String,
    /// The content element in the file.
    pub at: Range<usize>,
}

/// One `leistung` as read from the file, before it is checked.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// The record's element.
    pub span: Range<usize>,
    /// The key as written, and where.
    pub key: Option<(String, Range<usize>)>,
    /// The texts, in the order of the file.
    pub texts: Vec<Text>,
}

/// Reads the records of an XZuFi file and gives each to `convert`, in
/// parallel, as it is read. A streaming pass (quick-xml) checks the whole
/// file and finds the records; each is then parsed alone (roxmltree) under
/// the root's namespace declarations, so neither a DOM of the whole file
/// nor the raw texts of all records are ever held at once. Problems of the
/// file as a whole (malformed, a DTD, the wrong root) end the reading with
/// one diagnostic; problems of one record are reported and the record is
/// still read when it can be.
pub fn read<T: Send>(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    convert: impl Fn(RawRecord, &mut Vec<Diagnostic>) -> T + Sync,
) -> Vec<T> {
    let outline = match outline(file) {
        Ok(outline) => outline,
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            return Vec::new();
        }
    };
    let converted: Vec<(Option<T>, Vec<Diagnostic>)> = outline
        .records
        .par_iter()
        .map(|span| {
            let mut found = Vec::new();
            let record = parse_record(file, &outline.declarations, span.clone(), &mut found)
                .map(|raw| convert(raw, &mut found));
            (record, found)
        })
        .collect();
    let mut records = Vec::with_capacity(converted.len());
    for (record, found) in converted {
        diagnostics.extend(found);
        records.extend(record);
    }
    records
}

/// What the streaming pass finds: the root's namespace declarations (to
/// parse each record alone) and where each record is.
struct Outline {
    declarations: String,
    records: Vec<Range<usize>>,
}

/// The byte offset of a 1-based row and column (in characters) of `text`.
fn offset_at(text: &str, row: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line = text[line_start..].split('\n').next().unwrap_or_default();
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// One pass over the file without building it: well-formed, no DOCTYPE,
/// a root in the XZuFi namespace (or none), and the outermost records.
fn outline(file: &SourceFile) -> Result<Outline, Box<Diagnostic>> {
    use quick_xml::events::Event;
    let text = &file.text;
    let malformed = |at: usize, message: String| {
        Box::new(
            file.error(at..at + 1, format!("the XML is malformed: {message}"))
                .with_help("the export is cut off or damaged: export it again, or check the element named here"),
        )
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut root: Option<(String, Range<usize>)> = None;
    let mut declarations = String::new();
    let mut open_record: Option<(usize, usize)> = None;
    let mut records = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(malformed(reader.error_position() as usize, e.to_string())),
        };
        let after = reader.buffer_position() as usize;
        // The event starts at its `<`, after any white space before it.
        let start = before + text[before..after].len() - text[before..after].trim_start().len();
        match event {
            Event::DocType(_) => {
                return Err(Box::new(
                    file.error(
                        start..start + "<!DOCTYPE".len(),
                        "the file has a DOCTYPE: portal never reads a DTD or entities in a data file",
                    )
                    .with_help("export without a DOCTYPE (XZuFi needs none); a DTD can make a parser expand entities without end or fetch other files, so it is refused"),
                ));
            }
            Event::Start(ref element) | Event::Empty(ref element) => {
                let empty = matches!(event, Event::Empty(_));
                let name: String = {
                    let qname = element.name();
                    let name: &str = qname.as_ref();
                    name.to_owned()
                };
                let local: String = {
                    let local_name = element.local_name();
                    let local: &str = local_name.as_ref();
                    local.to_owned()
                };
                if root.is_none() {
                    let prefix = element.name().prefix().map(|p| {
                        let p: &str = p.as_ref();
                        p.to_owned()
                    });
                    let mut namespace = None;
                    for attribute in element.attributes().flatten() {
                        let key: String = {
                            let key: &str = attribute.key.as_ref();
                            key.to_owned()
                        };
                        let value = attribute.value.to_string();
                        if key == "xmlns" || key.starts_with("xmlns:") {
                            declarations.push_str(&format!(" {key}=\"{value}\""));
                            let declared = key.strip_prefix("xmlns:");
                            if declared == prefix.as_deref() || (key == "xmlns" && prefix.is_none())
                            {
                                namespace = Some(value);
                            }
                        }
                    }
                    let head = start
                        ..after.min(start + text[start..after].find('\n').unwrap_or(after - start));
                    if let Some(ns) = namespace.filter(|ns| !NAMESPACES.contains(&ns.as_str())) {
                        return Err(Box::new(
                            file.error(
                                head,
                                format!("the root element `{name}` is in the namespace `{ns}`, not XZuFi 2.1 or 2.2"),
                            )
                            .with_help(format!(
                                "an XZuFi export declares `{}` or `{}`; check that this is the catalogue's export of services",
                                NAMESPACES[0], NAMESPACES[1]
                            )),
                        ));
                    }
                    root = Some((name, head));
                }
                let is_record = local == "leistung" || local == "ergebnisLeistung";
                if open_record.is_none() && is_record {
                    if empty {
                        records.push(start..after);
                    } else {
                        open_record = Some((start, depth + 1));
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if let Some((record_start, record_depth)) = open_record {
                    if record_depth == depth {
                        records.push(record_start..after);
                        open_record = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let Some((root_name, root_head)) = root else {
        return Err(malformed(0, "the file holds no element".into()));
    };
    if depth > 0 {
        return Err(malformed(
            text.len().saturating_sub(1),
            format!("the file ends before `</{root_name}>`"),
        ));
    }
    if records.is_empty() {
        return Err(Box::new(
            file.error(
                root_head,
                format!(
                    "the root element `{root_name}` holds no `leistung` (or `ergebnisLeistung`): this is not an XZuFi export of services"
                ),
            )
            .with_help("export the services (leistungsbericht) of the catalogue as XZuFi 2.1 or 2.2"),
        ));
    }
    Ok(Outline {
        declarations,
        records,
    })
}

/// Parses one record alone, wrapped in an element that carries the root's
/// namespace declarations; every range is translated back into the file.
fn parse_record(
    file: &SourceFile,
    declarations: &str,
    span: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RawRecord> {
    let prefix = format!("<r{declarations}>");
    let wrapped = format!("{prefix}{}</r>", &file.text[span.clone()]);
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let shift = |r: Range<usize>| {
        let start = (r.start.max(prefix.len()) - prefix.len() + span.start).min(span.end);
        let end = (r.end.max(prefix.len()) - prefix.len() + span.start).clamp(start, span.end);
        start..end
    };
    let document = match roxmltree::Document::parse_with_options(&wrapped, options) {
        Ok(document) => document,
        Err(e) => {
            let pos = e.pos();
            let at = shift(offset_at(&wrapped, pos.row as usize, pos.col as usize)..0).start;
            diagnostics.push(
                file.error(at..at + 1, format!("the XML is malformed: {e}"))
                    .with_help("XZuFi texts use only the entities &lt; &gt; &amp; &quot; &apos; and character references"),
            );
            return None;
        }
    };
    let record = document.root_element().first_element_child()?;
    Some(read_record(file, record, &shift, diagnostics))
}

/// Whether the element is XZuFi's (or unqualified) and has this local name.
fn is(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_none_or(|ns| NAMESPACES.contains(&ns))
}

/// The opening tag's first line, to point at an element.
pub(super) fn head(file: &SourceFile, range: Range<usize>) -> Range<usize> {
    let end = file.text[range.clone()]
        .find(['>', '\n'])
        .map_or(range.end, |i| range.start + i + 1);
    range.start..end
}

/// Where an element's text is (its first text, trimmed), to point at the
/// value rather than the tags; the element itself when it has no text.
fn inner(node: Node) -> Range<usize> {
    match node.first_child().filter(Node::is_text) {
        Some(text) => {
            let range = text.range();
            let raw = text.text().unwrap_or_default();
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim().len();
            // Entities make the raw range longer than the text; the start
            // and the text's length are what the caret needs.
            range.start + lead..(range.start + lead + trimmed).min(range.end)
        }
        None => node.range(),
    }
}

/// The text of an element, without surrounding white space.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The German content of a module: its `inhalt` (or `beschreibung`)
/// elements in German or without a language, else the first one.
fn content(module: Node) -> Option<(String, Range<usize>)> {
    let candidates: Vec<Node> = module
        .descendants()
        .filter(|n| is(*n, "inhalt") || is(*n, "beschreibung"))
        .collect();
    let german = candidates.iter().find(|n| {
        n.attribute("languageCode").is_none_or(|l| {
            l.eq_ignore_ascii_case("de") || l.to_ascii_lowercase().starts_with("de-")
        })
    });
    let node = german.or(candidates.first())?;
    Some((text_of(*node), node.range()))
}

fn read_record(
    file: &SourceFile,
    record: Node,
    shift: &dyn Fn(Range<usize>) -> Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> RawRecord {
    let mut raw = RawRecord {
        span: shift(record.range()),
        key: None,
        texts: Vec::new(),
    };
    for node in record.descendants().filter(Node::is_element) {
        if raw.key.is_none()
            && ((is(node, "idSekundaer")
                && node
                    .attribute("schemeID")
                    .is_some_and(|s| s.to_ascii_uppercase().contains("LEIKA")))
                || is(node, "referenzLeiKa"))
        {
            // 2.2's referenzLeiKa holds the key in `code` (or as its text).
            let key_node = node.children().find(|c| is(*c, "code")).unwrap_or(node);
            raw.key = Some((text_of(key_node), shift(inner(key_node))));
        } else if is(node, "modulText") {
            let Some(code_node) = node
                .descendants()
                .find(|n| is(*n, "leikaTextmodul"))
                .and_then(|m| m.children().find(|c| is(*c, "code")))
            else {
                diagnostics.push(
                    file.warning(
                        head(file, shift(node.range())),
                        "a text module without `leikaTextmodul/code` is left out",
                    )
                    .with_help("each modulText names its LeiKa text module by code"),
                );
                continue;
            };
            let code = text_of(code_node);
            let Some(module) = TEXT_MODULES.iter().find(|m| m.code == code) else {
                diagnostics.push(
                    file.warning(
                        shift(inner(code_node)),
                        format!("text module code `{code}` is not one portal knows; its text is left out"),
                    )
                    .with_help(format!(
                        "known codes: {}; see the table in docs/data-sources.md",
                        TEXT_MODULES
                            .iter()
                            .map(|m| format!("{} {}", m.code, m.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            };
            if let Some((content, at)) = content(node) {
                let at = shift(at);
                if module.use_ == Use::Key {
                    if raw.key.is_none() {
                        raw.key = Some((content, at));
                    }
                } else {
                    raw.texts.push(Text {
                        use_: module.use_,
                        content,
                        at,
                    });
                }
            }
        } else if let Some((_, use_)) = MODULES_2_2.iter().find(|(name, _)| is(node, name)) {
            if let Some((content, at)) = content(node) {
                raw.texts.push(Text {
                    use_: *use_,
                    content,
                    at: shift(at),
                });
            }
        } else if (is(node, "geaendertDatumZeit") || is(node, "letzteAenderung"))
            && !raw.texts.iter().any(|t| t.use_ == Use::Stand)
        {
            raw.texts.push(Text {
                use_: Use::Stand,
                content: text_of(node),
                at: shift(node.range()),
            });
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(xml: &str) -> (Vec<RawRecord>, Vec<Diagnostic>) {
        let file = SourceFile::new("k.xml", xml.to_owned());
        let mut diagnostics = Vec::new();
        (read(&file, &mut diagnostics, |raw, _| raw), diagnostics)
    }

    #[test]
    fn prefixed_and_unprefixed_records_read_the_same() {
        let body = r#"<idSekundaer schemeID="LEIKA_SCHLUESSEL">99000000000001</idSekundaer>
<modulText><leikaTextmodul><code>03</code></leikaTextmodul><inhalt languageCode="de">Titel</inhalt></modulText>"#;
        let prefixed = format!(
            r#"<x:nachricht xmlns:x="{}"><x:leistung>{body}</x:leistung></x:nachricht>"#,
            NAMESPACES[0]
        );
        let plain = format!("<nachricht><leistung>{body}</leistung></nachricht>");
        for xml in [prefixed, plain] {
            let (records, diagnostics) = read_text(&xml);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            assert_eq!(records.len(), 1);
            assert_eq!(records[0].key.as_ref().unwrap().0, "99000000000001");
            assert_eq!(records[0].texts[0].content, "Titel");
        }
    }

    #[test]
    fn version_2_2_modules_and_the_change_date_are_read() {
        let xml = r#"<leistungen xmlns="http://xoev.de/schemata/xzufi/2_2_0"><leistung>
<referenzLeiKa><code>99000000000005</code></referenzLeiKa>
<modulKosten><beschreibung languageCode="de">10 Euro</beschreibung></modulKosten>
<modulFrist><beschreibung languageCode="de">Vier Wochen</beschreibung></modulFrist>
<modulBearbeitungsdauer><beschreibung languageCode="de">Drei Tage</beschreibung></modulBearbeitungsdauer>
<versionsinformation><geaendertDatumZeit>2026-05-04T10:00:00</geaendertDatumZeit></versionsinformation>
</leistung></leistungen>"#;
        let (records, diagnostics) = read_text(xml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let record = &records[0];
        assert_eq!(record.key.as_ref().unwrap().0, "99000000000005");
        let uses: Vec<(Use, &str)> = record
            .texts
            .iter()
            .map(|t| (t.use_, t.content.as_str()))
            .collect();
        assert_eq!(
            uses,
            [
                (Use::Text("costs"), "10 Euro"),
                (Use::Section("Fristen"), "Vier Wochen"),
                (Use::Text("processing_time"), "Drei Tage"),
                (Use::Stand, "2026-05-04T10:00:00"),
            ]
        );
    }

    #[test]
    fn text_module_01_gives_the_key_when_no_element_does() {
        let xml = r#"<leistung><modulText><leikaTextmodul><code>01</code></leikaTextmodul>
<inhalt>99000000000009</inhalt></modulText></leistung>"#;
        let (records, diagnostics) = read_text(xml);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(records[0].key.as_ref().unwrap().0, "99000000000009");
        assert!(records[0].texts.is_empty());
    }

    #[test]
    fn german_text_is_chosen_over_other_languages() {
        let xml = r#"<leistung><modulText><leikaTextmodul><code>03</code></leikaTextmodul>
<inhalt languageCode="en">Housing benefit</inhalt><inhalt languageCode="de">Wohngeld</inhalt></modulText></leistung>"#;
        let (records, _) = read_text(xml);
        assert_eq!(records[0].texts[0].content, "Wohngeld");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, .. Default::default() })]

        /// A catalogue cut, spliced or sprinkled with markup anywhere is
        /// read without a panic: records or diagnostics, never a crash.
        #[test]
        fn damaged_catalogues_never_panic(
            cut in 0usize..2000,
            at in 0usize..2000,
            insert in proptest::sample::select(vec!["<", ">", "&", "&lol;", "</leistung>", "<leistung>", "<![CDATA[", "]]>", "\"", "ä", "<!DOCTYPE x>", "<?xml?>", "xmlns:x=\"y\"", "\u{0}"]),
        ) {
            let good = r#"<?xml version="1.0" encoding="UTF-8"?>
<x:nachricht xmlns:x="http://xoev.de/schemata/xzufi/2_1_0"><x:leistung>
<idSekundaer schemeID="LEIKA_SCHLUESSEL">99000000000001</idSekundaer>
<modulText><leikaTextmodul><code>03</code></leikaTextmodul><inhalt languageCode="de">Titel &amp; mehr</inhalt></modulText>
<modulText><leikaTextmodul><code>06</code></leikaTextmodul><inhalt languageCode="de">&lt;p&gt;Text&lt;/p&gt;</inhalt></modulText>
</x:leistung><leistung><referenzLeiKa><code>99000000000002</code></referenzLeiKa></leistung></x:nachricht>"#;
            let mut text = good.to_owned();
            let floor = |t: &str, mut i: usize| { i = i.min(t.len()); while !t.is_char_boundary(i) { i -= 1; } i };
            let cut = floor(&text, cut);
            text.truncate(cut.max(floor(good, good.len() / 2)));
            let at = floor(&text, at);
            text.insert_str(at, insert);
            let file = SourceFile::new("k.xml", text);
            let mut diagnostics = Vec::new();
            let records = read(&file, &mut diagnostics, |raw, _| raw);
            for d in &diagnostics {
                proptest::prop_assert!(d.location.is_some(), "{}", d.message);
            }
            proptest::prop_assert!(!records.is_empty() || !diagnostics.is_empty());
        }
    }

    #[test]
    fn a_dtd_is_refused_before_any_entity_is_expanded() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";
        let (records, diagnostics) = read_text(xml);
        assert!(records.is_empty());
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("DOCTYPE"),
            "{}",
            diagnostics[0].message
        );
    }
}
