//! `/fortschritt/`: the dashboard, figures and charts computed from the
//! catalogue.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::model::{ContentKind, Status};
use crate::render::charts::{self, LaunchDate};
use crate::render::deps::{Input, SiteList};
use crate::render::views::{ServiceCard, Views};
use crate::resolve::Progress;

/// The dashboard's own data.
#[derive(Serialize)]
pub struct Dashboard<'a> {
    progress: &'a Progress,
    focus_services: Vec<ServiceCard<'a>>,
    services_by_status: Vec<StatusGroup<'a>>,
    online_services: Vec<OnlineService<'a>>,
}

/// The services of one status.
#[derive(Serialize)]
struct StatusGroup<'a> {
    status: &'static str,
    label: &'static str,
    services: Vec<ServiceCard<'a>>,
}

/// A service online, with the date it went online.
#[derive(Serialize)]
struct OnlineService<'a> {
    service: ServiceCard<'a>,
    date: String,
    /// Whether the date was checked, not taken from the last update.
    checked: bool,
}

pub fn view<'a>(views: &Views<'a>) -> Page<Dashboard<'a>> {
    let site = views.site;
    // The dashboard sorts every service by focus and status.
    views.read(Input::Progress);
    views.read(Input::List(SiteList::Services));
    for d in &site.services {
        views.read_document(ContentKind::Service, &d.slug);
    }
    let focus: Vec<usize> = (0..site.services.len())
        .filter(|&i| site.services[i].front.focus)
        .collect();
    let services_by_status = Status::ALL
        .iter()
        .rev()
        .map(|&status| {
            let items: Vec<usize> = (0..site.services.len())
                .filter(|&i| site.services[i].front.status == status)
                .collect();
            StatusGroup {
                status: status.key(),
                label: status.label(),
                services: views.service_cards(&items),
            }
        })
        .collect();
    let launches = charts::launches_for(views);
    let online_services = launches
        .iter()
        .map(|(i, l)| OnlineService {
            service: views.service_card(*i),
            date: l.date.to_string(),
            checked: l.kind == LaunchDate::Checked,
        })
        .collect();
    let mut page = Page::new(
        "progress.html",
        "Fortschritt",
        "Wie weit die Verwaltungsleistungen online sind, berechnet aus dem Leistungskatalog.",
        vec![home_crumb(views)],
        Dashboard {
            progress: &site.progress,
            focus_services: views.service_cards(&focus),
            services_by_status,
            online_services,
        },
    );
    page.charts
        .insert("status_bars", charts::status_bars_for(views));
    page.charts
        .insert("focus_progress", charts::focus_stages_for(views));
    page.charts
        .insert("online_timeline", charts::launch_timeline_for(&launches));
    page
}
