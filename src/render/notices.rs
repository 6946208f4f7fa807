//! The German sentences that say which values are demonstration data,
//! where no mark can stand beside the value: a feed entry (a feed reader
//! shows no page around it), a feed's subtitle and the open-data catalogue
//! (harvesters copy descriptions, not the records' flags).

use crate::model::Example;

/// "Das Datum ist ein Beispielwert." for the named values, or the sentence
/// for a whole entry; `None` when nothing is marked.
fn sentence(
    example: &Example,
    whole: &str,
    label: impl Fn(&str) -> &'static str,
) -> Option<String> {
    match example {
        Example::None => None,
        Example::Entry => Some(format!("Beispieldaten: {whole}")),
        Example::Fields(fields) if fields.is_empty() => None,
        Example::Fields(fields) => {
            let mut named: Vec<&str> = fields.iter().map(|f| label(f)).collect();
            named.dedup();
            Some(format!(
                "Beispieldaten: {} {} Beispielwert{}.",
                capitalise(&named.join(", ")),
                if named.len() == 1 { "ist ein" } else { "sind" },
                if named.len() == 1 { "" } else { "e" },
            ))
        }
    }
}

/// The notice of a news article with marks.
pub fn news(example: &Example) -> Option<String> {
    sentence(
        example,
        "Dieser Artikel ist ein Beispiel, seine Angaben sind nicht geprüft.",
        |field| match field {
            "title" => "die Überschrift",
            "date" => "das Datum",
            "summary" => "die Zusammenfassung",
            "topics" => "die Themen",
            "services" => "die Leistungen",
            "bodies" => "die Gremien",
            "people" => "die Personen",
            _ => "eine Angabe",
        },
    )
}

/// The notice of the site's own values (site.yaml) with marks: who
/// publishes it, how to reach them.
pub fn site(example: &Example) -> Option<String> {
    sentence(
        example,
        "Dieses Portal ist ein Beispiel, seine Angaben sind nicht geprüft.",
        |field| match field.split('.').next().unwrap_or(field) {
            "title" => "der Name des Portals",
            "description" => "die Beschreibung des Portals",
            "base_url" => "die Adresse des Portals",
            "publisher" => "der Herausgeber",
            "contact" => "die Kontaktdaten",
            "accessibility_contact" => "der Kontakt für Barrierefreiheit",
            "data_licence" => "die Lizenz der Daten",
            _ => "eine Angabe zum Portal",
        },
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_marked_values_in_one_sentence() {
        let one = Example::Fields(vec!["date".into()]);
        assert_eq!(
            news(&one).unwrap(),
            "Beispieldaten: Das Datum ist ein Beispielwert."
        );
        let two = Example::Fields(vec![
            "contact.phone".into(),
            "contact.email".into(),
            "publisher".into(),
        ]);
        assert_eq!(
            site(&two).unwrap(),
            "Beispieldaten: Die Kontaktdaten, der Herausgeber sind Beispielwerte."
        );
        assert_eq!(news(&Example::None), None);
    }
}
