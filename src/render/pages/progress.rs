//! `/fortschritt/`: the dashboard, figures and charts computed from the
//! catalogue, with the first services of each list and links to the rest.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::model::Status;
use crate::render::charts;
use crate::render::deps::Input;
use crate::render::views::{LaunchRow, ListLink, ServiceCard, Views};
use crate::resolve::{ListKey, Progress};

/// The dashboard's own data.
#[derive(Serialize)]
pub struct Dashboard<'a> {
    progress: &'a Progress,
    focus_services: Vec<ServiceCard<'a>>,
    /// The list of focus services, when there are more than shown.
    focus_more: Option<ListLink>,
    services_by_status: Vec<StatusGroup<'a>>,
    online_services: Vec<LaunchRow<'a>>,
    /// The list of services online, when there are more than shown.
    online_more: Option<ListLink>,
}

/// The first services of one status.
#[derive(Serialize)]
struct StatusGroup<'a> {
    status: &'static str,
    label: &'a str,
    services: Vec<ServiceCard<'a>>,
    /// The status's list, when it has more services than shown.
    more: Option<ListLink>,
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, Dashboard<'a>> {
    let site = views.site;
    views.read(Input::Progress);
    let (focus_services, focus_more) = views.shown_services(ListKey::Focus);
    let services_by_status = Status::ALL
        .iter()
        .rev()
        .map(|&status| {
            let (services, more) = views.shown_services(ListKey::Status(status));
            StatusGroup {
                status: status.key(),
                label: views.value_label("status", status),
                services,
                more,
            }
        })
        .collect();
    let (online, online_more) = views.shown(ListKey::Online);
    let online_services = online.iter().filter_map(|&i| views.launch_row(i)).collect();
    let launches = charts::launches_for(views);
    let mut page = Page::new(
        "progress.html",
        views.text("pages.progress.title"),
        views.text("pages.progress.description"),
        vec![home_crumb(views)],
        Dashboard {
            progress: &site.progress,
            focus_services,
            focus_more,
            services_by_status,
            online_services,
            online_more,
        },
    );
    page.charts
        .insert("status_bars", charts::status_bars_for(views));
    page.charts
        .insert("focus_progress", charts::focus_stages_for(views));
    page.charts.insert(
        "online_timeline",
        charts::launch_timeline_for(views, &launches),
    );
    page
}
