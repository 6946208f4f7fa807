//! The kinds of content documents, in one place: where their files live,
//! what editors and citizens call them, whether their folders nest. Load,
//! the checks, `portal new`, search and the preview's dependency record all
//! read this one type, so a kind is described once.

use serde::Serialize;

/// A kind of Markdown document of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    /// `services/<slug>.md`: a public service.
    Service,
    /// `news/<slug>.md`: a news article.
    News,
    /// `governance/bodies/<slug>.md`: a body of the governance structure.
    Body,
    /// `governance/people/<slug>.md`: a person and their roles.
    Person,
    /// `pages/<path>.md`: a free page; folders nest the URL.
    Page,
    /// `home.md`: the home page's own text (a page, but one of its own).
    Home,
}

impl ContentKind {
    /// The kinds with a folder of their own, in the order of the content
    /// model (and of `portal new`'s choices).
    pub const IN_FOLDERS: [ContentKind; 5] = [
        ContentKind::Service,
        ContentKind::News,
        ContentKind::Body,
        ContentKind::Person,
        ContentKind::Page,
    ];

    /// The folder below `content/` (`None` for `home.md`, a single file).
    pub fn folder(self) -> Option<&'static str> {
        match self {
            ContentKind::Service => Some("services"),
            ContentKind::News => Some("news"),
            ContentKind::Body => Some("governance/bodies"),
            ContentKind::Person => Some("governance/people"),
            ContentKind::Page => Some("pages"),
            ContentKind::Home => None,
        }
    }

    /// Whether subfolders nest the slug (`pages/ueber-uns/team.md` is
    /// `ueber-uns/team`); elsewhere the slug is the file name.
    pub fn nests(self) -> bool {
        self == ContentKind::Page
    }

    /// What editors call it, in messages and on the command line.
    pub fn noun(self) -> &'static str {
        match self {
            ContentKind::Service => "service",
            ContentKind::News => "news",
            ContentKind::Body => "body",
            ContentKind::Person => "person",
            ContentKind::Page => "page",
            ContentKind::Home => "home page",
        }
    }

    /// The top-level fields a translation of this kind may set: its
    /// texts, and `example` for marks of its own. Everything else is the
    /// original's (see [`super::Translation`]).
    pub fn translatable_fields(self) -> &'static [&'static str] {
        match self {
            ContentKind::Service => &[
                "title",
                "summary",
                "eligibility",
                "documents",
                "costs",
                "processing_time",
                "legal_basis",
            ],
            ContentKind::News | ContentKind::Page | ContentKind::Home => &["title", "summary"],
            ContentKind::Body => &["name"],
            // A person's name is the same in every language; a translation
            // translates the text.
            ContentKind::Person => &[],
        }
    }

    /// What citizens call it (the search's type filter).
    pub fn label(self) -> &'static str {
        match self {
            ContentKind::Service => "Leistung",
            ContentKind::News => "Meldung",
            ContentKind::Body => "Gremium",
            ContentKind::Person => "Person",
            ContentKind::Page | ContentKind::Home => "Seite",
        }
    }

    /// The kind with a folder whose noun is `noun` (`portal new service`).
    pub fn from_noun(noun: &str) -> Option<ContentKind> {
        Self::IN_FOLDERS.into_iter().find(|k| k.noun() == noun)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_in_a_folder_has_its_own_folder_noun_and_label() {
        let folders: Vec<_> = ContentKind::IN_FOLDERS.iter().map(|k| k.folder()).collect();
        let nouns: Vec<_> = ContentKind::IN_FOLDERS.iter().map(|k| k.noun()).collect();
        for (i, kind) in ContentKind::IN_FOLDERS.iter().enumerate() {
            assert!(folders[i].is_some(), "{kind:?}");
            assert_eq!(folders.iter().filter(|f| **f == folders[i]).count(), 1);
            assert_eq!(nouns.iter().filter(|n| **n == nouns[i]).count(), 1);
            assert_eq!(ContentKind::from_noun(kind.noun()), Some(*kind));
        }
        assert_eq!(ContentKind::Home.folder(), None);
        assert_eq!(ContentKind::from_noun("home page"), None);
    }
}
