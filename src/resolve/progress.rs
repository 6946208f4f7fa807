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
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

impl Progress {
    /// Counts the services.
    pub fn compute(services: &[Arc<Document<Service>>]) -> Self {
        let total = services.len();
        let count = |f: &dyn Fn(&Service) -> bool| services.iter().filter(|s| f(&s.front)).count();
        let by_status = Status::ALL
            .iter()
            .map(|&status| {
                let n = count(&|s| s.status == status);
                StatusCount {
                    status: status.key(),
                    label: status.label(),
                    count: n,
                    percent: percent(n, total),
                }
            })
            .collect();
        let focus_total = count(&|s| s.focus);
        let focus_online = count(&|s| s.focus && s.status == Status::Online);
        let efa_total = count(&|s| s.efa);
        Progress {
            total,
            by_status,
            usable_online: count(&|s| s.status.is_usable_online()),
            focus_total,
            focus_online,
            efa_total,
            efa_percent: percent(efa_total, total),
            focus_percent: percent(focus_online, focus_total),
        }
    }
}
