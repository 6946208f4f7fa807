//! The dashboard's figures, computed from the services alone so they can
//! never disagree with the catalogue.

use serde::Serialize;
use std::sync::Arc;

use crate::model::{Document, Service, Status};

/// The figures of `/fortschritt/` and the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// All services.
    pub total: usize,
    /// Services per status, in rollout order (every status listed).
    pub by_status: Vec<StatusCount>,
    /// Services citizens can start online now (pilot, rollout or online).
    pub usable_online: usize,
    /// Focus services (Fokusleistungen).
    pub focus_total: usize,
    /// Focus services with status `online`.
    pub focus_online: usize,
    /// "Einer für Alle" services.
    pub efa_total: usize,
    /// EfA services among all, in whole percent.
    pub efa_percent: usize,
    /// Online focus services among all focus services, in whole percent.
    pub focus_percent: usize,
    /// How many of the values behind the figures are demonstration data
    /// (`example:`), so that every figure computed from them can say so.
    pub example: ExampleCounts,
}

/// How many services feed demonstration values into the figures. A figure
/// is marked when any value it is computed from is marked: a count cannot
/// be more certain than its least certain input.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExampleCounts {
    /// Services that are demonstration entries as a whole (they make the
    /// total itself an example figure).
    pub entries: usize,
    /// Services whose `status` is a demonstration value (every figure by
    /// status: usable online, the table, the bars).
    pub status: usize,
    /// Services whose `focus` flag is a demonstration value, or focus
    /// services whose status is (the focus figures).
    pub focus: usize,
    /// Services whose `efa` flag is a demonstration value (the EfA share).
    pub efa: usize,
    /// Whether any figure at all rests on a demonstration value.
    pub any: bool,
}

/// The number of services with one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// The status as written in front matter.
    pub status: &'static str,
    /// German label.
    pub label: &'static str,
    /// How many services have it.
    pub count: usize,
    /// Their share of all services, in whole percent.
    pub percent: usize,
    /// How many of them have it as a demonstration value.
    pub example: usize,
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

impl Progress {
    /// Counts the services.
    pub fn compute(services: &[Arc<Document<Service>>]) -> Self {
        let total = services.len();
        // One pass over the services: the preview counts again after every
        // edit of a service.
        let mut by_status = [(0usize, 0usize); Status::ALL.len()];
        let (mut focus_total, mut focus_online, mut efa_total, mut usable_online) = (0, 0, 0, 0);
        let (mut entries, mut status, mut focus, mut efa) = (0, 0, 0, 0);
        for s in services.iter().map(|s| &s.front) {
            let status_marked = s.example.covers("status");
            if let Some(i) = Status::ALL.iter().position(|&x| x == s.status) {
                by_status[i].0 += 1;
                by_status[i].1 += usize::from(status_marked);
            }
            focus_total += usize::from(s.focus);
            focus_online += usize::from(s.focus && s.status == Status::Online);
            efa_total += usize::from(s.efa);
            usable_online += usize::from(s.status.is_usable_online());
            entries += usize::from(s.example.is_entry());
            status += usize::from(status_marked);
            focus += usize::from(s.example.covers("focus") || (s.focus && status_marked));
            efa += usize::from(s.example.covers("efa"));
        }
        let by_status = Status::ALL
            .iter()
            .zip(by_status)
            .map(|(&status, (count, example))| StatusCount {
                status: status.key(),
                label: status.label(),
                count,
                percent: percent(count, total),
                example,
            })
            .collect();
        Progress {
            total,
            by_status,
            usable_online,
            focus_total,
            focus_online,
            efa_total,
            efa_percent: percent(efa_total, total),
            focus_percent: percent(focus_online, focus_total),
            example: ExampleCounts {
                entries,
                status,
                focus,
                efa,
                any: entries + status + focus + efa > 0,
            },
        }
    }
}
