//! What the paged lists share: the pager.

use serde::Serialize;

/// Pages on either side of the current one that the pager links.
const PAGER_NEIGHBOURS: usize = 2;

/// The page numbers a pager shows: the first, the last, and the current
/// one with its neighbours; `None` marks a gap. Linking every page would
/// make each of P pages list P links, O(P²) for the whole list.
pub fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let low = current.saturating_sub(PAGER_NEIGHBOURS).max(1);
    let high = (current + PAGER_NEIGHBOURS).min(total);
    let mut shown = Vec::new();
    // A gap that would hide a single page shows that page instead.
    if low > 1 {
        shown.push(Some(1));
        match low {
            3 => shown.push(Some(2)),
            4.. => shown.push(None),
            _ => {}
        }
    }
    shown.extend((low..=high).map(Some));
    if high < total {
        match total - high {
            2 => shown.push(Some(total - 1)),
            3.. => shown.push(None),
            _ => {}
        }
        shown.push(Some(total));
    }
    shown
}

/// A pager as templates receive it.
#[derive(Debug, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerItem>,
}

/// A numbered page or a gap of the pager.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PagerItem {
    Page {
        number: usize,
        url: String,
        current: bool,
    },
    Gap {
        gap: bool,
    },
}

impl Pager {
    /// The pager of page `current` of `total`; `url` gives a page's address.
    pub fn new(current: usize, total: usize, url: impl Fn(usize) -> String) -> Self {
        Pager {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: pager_window(current, total)
                .into_iter()
                .map(|n| match n {
                    Some(number) => PagerItem::Page {
                        number,
                        url: url(number),
                        current: number == current,
                    },
                    None => PagerItem::Gap { gap: true },
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pager_window;

    #[test]
    fn the_pager_shows_first_last_and_the_neighbourhood() {
        assert_eq!(pager_window(1, 1), [Some(1)]);
        assert_eq!(pager_window(2, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(6, 12),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(12)
            ]
        );
        // No gap where only one page would be left out: it is shown.
        assert_eq!(
            pager_window(4, 7),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        assert_eq!(
            pager_window(1, 9),
            [Some(1), Some(2), Some(3), None, Some(9)]
        );
        assert_eq!(pager_window(5, 9), (1..=9).map(Some).collect::<Vec<_>>());
    }
}
