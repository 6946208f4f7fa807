//! Pictures made at build time: inline SVG for the dashboard (services by
//! status, the focus services' progress, when services went online), the
//! governance structure and a person's roles.
//!
//! Why inline SVG built here: the portal publishes no script and loads
//! nothing from elsewhere, so a chart library at view time is out; an SVG
//! written into the page needs no request and passes the output guard.
//!
//! Rules every builder keeps:
//! - **Pure and deterministic:** typed data in, a `String` out; no clock,
//!   no randomness, numbers printed with a fixed precision, so the same
//!   content gives the same bytes (the incremental build compares bytes).
//! - **Escaped:** every text from content goes through [`escape`]; a title
//!   with `<`, `&` or `"` cannot break out of the SVG.
//! - **Scalable:** only a `viewBox`, no `width`/`height`; the stylesheet
//!   gives `.chart` `width: 100%; height: auto`, so a chart reflows at
//!   320 CSS px.
//! - **Styled by class:** colours come from `.chart…` rules in the theme's
//!   `portal.css`; no `style` attribute (the Content-Security-Policy has
//!   `style-src 'self'`, which forbids inline styles).
//! - **Accessible:** each chart is `role="img"` with an `aria-label` that
//!   names the picture and where its text equivalent (a table or list on
//!   the same page) is. A screen reader announces one image and does not
//!   read the chart's texts on top of the table's (the children of
//!   `role="img"` are presentational).
//!
//! The `*_for` helpers at the end pick the data from the site and note what
//! they read (see [`super::deps`]) so the live preview stays exact.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::date::{Date, PartialDate};
use crate::model::Status;

use super::deps::{Input, SiteList};
use super::views::Views;
use crate::model::ContentKind;

/// The width of every chart in SVG user units. Narrow on purpose: scaled to
/// a 320 px screen, 14-unit text is still about 10 px high.
pub const WIDTH: f64 = 400.0;

/// Height of one labelled row: a line of text, then the mark below it.
const ROW: f64 = 44.0;

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing `.0`: short
/// and the same on every machine.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    // Avoid "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// Shortens `text` to `max` characters with an ellipsis; the full text is in
/// the text equivalent.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short = short.trim_end().to_owned();
    short.push('…');
    short
}

/// The mark of a demonstration value in a chart's text.
const EXAMPLE_MARK: &str = " (Beispielwert)";

/// `text` clipped to `max` characters, followed by `mark` (when given),
/// which is never clipped: a shortened title may lose its end, a
/// demonstration value must never lose its mark.
fn clip_marked(text: &str, mark: Option<&str>, max: usize) -> String {
    match mark {
        None => clip(text, max),
        Some(mark) => {
            let room = max.saturating_sub(mark.chars().count()).max(4);
            format!("{}{mark}", clip(text, room))
        }
    }
}

/// How many characters of 14-unit text fit into `room` units: a generous
/// 8.2 units a character of a system sans-serif, so text stays inside.
fn chars_in(room: f64) -> usize {
    (room / 8.2).max(4.0) as usize
}

/// Wraps the drawing `body` into the `<svg>` element.
fn svg(kind: &str, height: f64, label: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--{kind}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">{body}</svg>",
        num(WIDTH),
        num(height),
        escape(label)
    )
}

fn text(out: &mut String, class: &str, x: f64, y: f64, anchor: Option<&str>, content: &str) {
    let anchor = anchor
        .map(|a| format!(" text-anchor=\"{a}\""))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\"{anchor}>{}</text>",
        num(x),
        num(y),
        escape(content)
    );
}

fn rect(out: &mut String, class: &str, x: f64, y: f64, w: f64, h: f64) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        num(x),
        num(y),
        num(w.max(0.0)),
        num(h)
    );
}

// ---------------------------------------------------------------- bars

/// One bar of a bar chart.
#[derive(Debug, Clone)]
pub struct Bar<'a> {
    /// What the bar counts, e.g. "Pilotbetrieb".
    pub label: &'a str,
    /// The count.
    pub value: usize,
    /// How many of the counted values are demonstration values.
    pub example: usize,
}

/// A horizontal bar chart: per bar a label line, then the bar with its
/// value printed after it. Bars are scaled to the largest value; a zero
/// still gets its row and its "0". Empty input gives an empty string.
pub fn bar_chart(label: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    // Room for the value after the longest bar.
    let span = WIDTH - 48.0;
    let mut body = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let top = i as f64 * ROW;
        let mark = match bar.example {
            0 => None,
            1 => Some(" (davon 1 Beispielwert)".to_owned()),
            n => Some(format!(" (davon {n} Beispielwerte)")),
        };
        text(
            &mut body,
            "chart__label",
            0.0,
            top + 15.0,
            None,
            &clip_marked(bar.label, mark.as_deref(), chars_in(WIDTH)),
        );
        let w = span * bar.value as f64 / max;
        rect(&mut body, "chart__bar", 0.0, top + 22.0, w, 16.0);
        text(
            &mut body,
            "chart__value",
            w + 6.0,
            top + 35.0,
            None,
            &bar.value.to_string(),
        );
    }
    svg("bars", bars.len() as f64 * ROW, label, &body)
}

// ---------------------------------------------------------------- stages

/// A service and how far it has come.
#[derive(Debug, Clone)]
pub struct Stage<'a> {
    /// The service's title.
    pub title: &'a str,
    /// Its status.
    pub status: Status,
    /// Whether its status (or its being a focus service) is a
    /// demonstration value.
    pub example: bool,
}

/// Short names of the five statuses, to fit under a fifth of the width.
fn short_status(status: Status) -> &'static str {
    match status {
        Status::Planned => "Geplant",
        Status::InDevelopment => "Entwicklung",
        Status::Pilot => "Pilot",
        Status::Rollout => "Rollout",
        Status::Online => "Online",
    }
}

/// The focus services' progress: a header naming the five statuses, then
/// per service its title and five steps, filled up to its status (a
/// service in pilot has three filled steps). Filled steps have the class
/// `chart__step--done`. Empty input gives an empty string.
pub fn stage_chart(label: &str, stages: &[Stage]) -> String {
    if stages.is_empty() {
        return String::new();
    }
    let gap = 4.0;
    let step = (WIDTH - gap * 4.0) / 5.0;
    let mut body = String::new();
    for (k, status) in Status::ALL.iter().enumerate() {
        let x = k as f64 * (step + gap) + step / 2.0;
        text(
            &mut body,
            "chart__axis-label",
            x,
            14.0,
            Some("middle"),
            short_status(*status),
        );
    }
    let head = 24.0;
    for (i, stage) in stages.iter().enumerate() {
        let top = head + i as f64 * ROW;
        let reached = Status::ALL
            .iter()
            .position(|s| *s == stage.status)
            .unwrap_or(0);
        let line = format!("{}: {}", stage.title, stage.status.label());
        text(
            &mut body,
            "chart__label",
            0.0,
            top + 15.0,
            None,
            &clip_marked(
                &line,
                stage.example.then_some(EXAMPLE_MARK),
                chars_in(WIDTH),
            ),
        );
        for k in 0..5 {
            let class = if k <= reached {
                "chart__step chart__step--done"
            } else {
                "chart__step"
            };
            rect(
                &mut body,
                class,
                k as f64 * (step + gap),
                top + 22.0,
                step,
                14.0,
            );
        }
    }
    svg("stages", head + stages.len() as f64 * ROW, label, &body)
}

// ---------------------------------------------------------------- time axis

/// Days since the common era of a calendar day; a day past the month's
/// end (the latest day of a partial date, `31`) falls back to the month's
/// last day.
fn day_number(year: i32, month: u32, day: u32) -> i64 {
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(back)))
        .map_or(0, |d| i64::from(d.num_days_from_ce()))
}

/// A horizontal time axis from 1 January of `first` to 1 January of
/// `last + 1`, drawn between `left` and `right`.
struct Axis {
    first: i32,
    last: i32,
    start: i64,
    end: i64,
    left: f64,
    right: f64,
}

impl Axis {
    fn new(first: i32, last: i32, left: f64, right: f64) -> Self {
        let last = last.max(first);
        Axis {
            first,
            last,
            start: day_number(first, 1, 1),
            end: day_number(last + 1, 1, 1),
            left,
            right,
        }
    }

    fn x(&self, day: i64) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        let share = ((day - self.start) as f64 / span).clamp(0.0, 1.0);
        self.left + share * (self.right - self.left)
    }

    /// The axis line at `y` with a tick and a label per year (every second
    /// or fifth year on long spans).
    fn draw(&self, out: &mut String, y: f64) {
        let _ = write!(
            out,
            "<path class=\"chart__axis\" d=\"M{} {}H{}\"/>",
            num(self.left),
            num(y),
            num(self.right)
        );
        let years = self.last - self.first + 1;
        let every = match years {
            0..=8 => 1,
            9..=16 => 2,
            _ => 5,
        };
        for year in self.first..=self.last + 1 {
            let x = self.x(day_number(year, 1, 1));
            let _ = write!(
                out,
                "<path class=\"chart__axis\" d=\"M{} {}V{}\"/>",
                num(x),
                num(y),
                num(y + 5.0)
            );
            // The last tick closes the axis; its year would read as data.
            if (year - self.first) % every == 0 && year <= self.last {
                let mid = (x + self.x(day_number(year + 1, 1, 1))) / 2.0;
                text(
                    out,
                    "chart__axis-label",
                    mid,
                    y + 18.0,
                    Some("middle"),
                    &year.to_string(),
                );
            }
        }
    }
}

// ---------------------------------------------------------------- launches

pub use crate::model::LaunchDate;

/// A service on the timeline.
#[derive(Debug, Clone)]
pub struct Launch<'a> {
    /// The service's title.
    pub title: &'a str,
    /// The day drawn.
    pub date: Date,
    /// What that day means.
    pub kind: LaunchDate,
    /// Whether the day (or the service being online) is a demonstration
    /// value.
    pub example: bool,
}

/// When services went online: one row per service, oldest first, a dot at
/// its day on a year axis and its title beside the dot. A filled dot
/// (`chart__dot`) is an `available_since`; a hollow one
/// (`chart__dot chart__dot--checked`) a last-checked day, explained in a
/// legend whose sample dots also have the class `chart__key`. Empty input gives an empty string.
pub fn launch_timeline(label: &str, launches: &[Launch]) -> String {
    if launches.is_empty() {
        return String::new();
    }
    let mut rows: Vec<&Launch> = launches.iter().collect();
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(b.title)));
    let first = rows.iter().map(|l| l.date.year()).min().unwrap_or(0);
    let last = rows.iter().map(|l| l.date.year()).max().unwrap_or(0);
    let axis = Axis::new(first, last, 8.0, WIDTH - 8.0);
    let mut body = String::new();
    let mut top = 0.0;
    if rows.iter().any(|l| l.kind == LaunchDate::Checked) {
        let _ = write!(
            body,
            "<circle class=\"chart__dot chart__key\" cx=\"6\" cy=\"10\" r=\"5\"/>"
        );
        text(&mut body, "chart__legend", 16.0, 14.0, None, "online seit");
        let _ = write!(
            body,
            "<circle class=\"chart__dot chart__dot--checked chart__key\" cx=\"116\" cy=\"10\" r=\"5\"/>"
        );
        text(
            &mut body,
            "chart__legend",
            126.0,
            14.0,
            None,
            "online, zuletzt geprüft am",
        );
        top = 28.0;
    }
    let row = 24.0;
    for (i, launch) in rows.iter().enumerate() {
        let y = top + i as f64 * row + 12.0;
        let d = launch.date.0;
        let x = axis.x(day_number(d.year(), d.month(), d.day()));
        let class = match launch.kind {
            LaunchDate::Since => "chart__dot",
            LaunchDate::Checked => "chart__dot chart__dot--checked",
        };
        let _ = write!(
            body,
            "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"5\"/>",
            num(x),
            num(y)
        );
        // The title on the side with more room, clipped to that room.
        let (tx, anchor, room) = if x > WIDTH / 2.0 {
            (x - 10.0, "end", x - 10.0)
        } else {
            (x + 10.0, "start", WIDTH - x - 10.0)
        };
        text(
            &mut body,
            "chart__label",
            tx,
            y + 5.0,
            Some(anchor),
            &clip_marked(
                launch.title,
                launch.example.then_some(EXAMPLE_MARK),
                chars_in(room),
            ),
        );
    }
    let base = top + rows.len() as f64 * row + 6.0;
    axis.draw(&mut body, base);
    svg("launches", base + 26.0, label, &body)
}

// ---------------------------------------------------------------- org chart

/// A body in the org chart, with the bodies that belong to it.
#[derive(Debug, Clone)]
pub struct OrgNode {
    /// What the box says: the body's name (or abbreviation and name).
    pub name: String,
    /// The bodies below it.
    pub children: Vec<OrgNode>,
}

/// The governance structure: one box per body, indented by depth, with an
/// elbow connector from each parent's box to each child's. Indenting
/// rather than spreading a level across the width keeps the chart narrow
/// however many bodies share a parent, so it reads at 320 px. Boxes have
/// the class `chart__box`, connectors `chart__link`. Empty input gives an
/// empty string.
pub fn org_chart(label: &str, roots: &[OrgNode]) -> String {
    struct Row<'n> {
        depth: usize,
        name: &'n str,
        parent: Option<usize>,
    }
    fn walk<'n>(
        nodes: &'n [OrgNode],
        depth: usize,
        parent: Option<usize>,
        rows: &mut Vec<Row<'n>>,
    ) {
        for node in nodes {
            let me = rows.len();
            rows.push(Row {
                depth,
                name: &node.name,
                parent,
            });
            walk(&node.children, depth + 1, Some(me), rows);
        }
    }
    let mut rows = Vec::new();
    walk(roots, 0, None, &mut rows);
    if rows.is_empty() {
        return String::new();
    }
    let indent = 20.0;
    let height = 30.0;
    let pitch = 40.0;
    let mut links = String::new();
    let mut boxes = String::new();
    for (i, row) in rows.iter().enumerate() {
        let x = row.depth as f64 * indent + 1.0;
        let y = i as f64 * pitch + 1.0;
        if let Some(p) = row.parent {
            let px = rows[p].depth as f64 * indent + 1.0 + indent / 2.0;
            let py = p as f64 * pitch + 1.0 + height;
            let _ = write!(
                links,
                "<path class=\"chart__link\" d=\"M{} {}V{}H{}\"/>",
                num(px),
                num(py),
                num(y + height / 2.0),
                num(x)
            );
        }
        let w = WIDTH - 1.0 - x;
        rect(&mut boxes, "chart__box", x, y, w, height);
        text(
            &mut boxes,
            "chart__label",
            x + 8.0,
            y + 20.0,
            None,
            &clip(row.name, chars_in(w - 16.0)),
        );
    }
    links.push_str(&boxes);
    svg("org", rows.len() as f64 * pitch, label, &links)
}

// ---------------------------------------------------------------- roles

/// A role on a person's timeline.
#[derive(Debug, Clone)]
pub struct RoleSpan<'a> {
    /// The role, e.g. "CIO".
    pub title: &'a str,
    /// The body's name, when it resolves.
    pub body: Option<&'a str>,
    /// Since when.
    pub from: PartialDate,
    /// Until when; `None` while held.
    pub to: Option<PartialDate>,
    /// Whether the role is a demonstration value.
    pub example: bool,
}

/// A person's roles over time: per role a label line ("title, body"),
/// then a bar from the earliest day `from` can mean to the latest day `to`
/// can mean, oldest role first, on a year axis. A role still held
/// (`chart__role chart__role--current`) runs to the right edge, which is
/// the end of the year after the latest date given: the chart knows no
/// "today", so it is the same on every day it is built. Empty input gives
/// an empty string.
pub fn role_timeline(label: &str, roles: &[RoleSpan]) -> String {
    if roles.is_empty() {
        return String::new();
    }
    let mut rows: Vec<&RoleSpan> = roles.iter().collect();
    rows.sort_by_key(|r| (r.from.earliest(), r.to.map(|t| t.latest())));
    let first = rows.iter().map(|r| r.from.earliest().0).min().unwrap_or(0);
    let mut last = rows
        .iter()
        .flat_map(|r| [Some(r.from.latest().0), r.to.map(|t| t.latest().0)])
        .flatten()
        .max()
        .unwrap_or(first);
    if rows.iter().any(|r| r.to.is_none()) {
        last += 1;
    }
    let axis = Axis::new(first, last, 1.0, WIDTH - 1.0);
    let mut body = String::new();
    for (i, role) in rows.iter().enumerate() {
        let top = i as f64 * ROW;
        let line = match role.body {
            Some(b) => format!("{}, {}", role.title, b),
            None => role.title.to_owned(),
        };
        text(
            &mut body,
            "chart__label",
            0.0,
            top + 15.0,
            None,
            &clip_marked(&line, role.example.then_some(EXAMPLE_MARK), chars_in(WIDTH)),
        );
        let (y, m, d) = role.from.earliest();
        let x0 = axis.x(day_number(y, m, d));
        let (x1, class) = match role.to {
            Some(to) => {
                let (y, m, d) = to.latest();
                // To the end of that last day.
                (axis.x(day_number(y, m, d) + 1), "chart__role")
            }
            None => (axis.right, "chart__role chart__role--current"),
        };
        // A role of a single day is still visible.
        rect(&mut body, class, x0, top + 22.0, (x1 - x0).max(2.0), 14.0);
    }
    let base = rows.len() as f64 * ROW + 4.0;
    axis.draw(&mut body, base);
    svg("roles", base + 26.0, label, &body)
}

// ---------------------------------------------------------------- from the site

/// The dashboard's bar chart of services per status, from the progress
/// figures (the page reads [`Input::Progress`]).
pub fn status_bars_for(views: &Views) -> String {
    views.read(Input::Progress);
    let bars: Vec<Bar> = views
        .site
        .progress
        .by_status
        .iter()
        .map(|row| Bar {
            label: row.label,
            value: row.count,
            example: row.example,
        })
        .collect();
    if views.site.progress.total == 0 {
        return String::new();
    }
    bar_chart(
        "Balkendiagramm: Leistungen nach Stand der Umsetzung. Die Zahlen stehen in der Tabelle darunter.",
        &bars,
    )
}

/// Rows a chart of one row per service draws at most; with more, the
/// chart counts them instead (per status, per year), so its size does not
/// grow with the catalogue. The page's lists name every service.
pub const CHART_ROWS: usize = 24;

/// The focus services' progress: one row per service in catalogue order
/// (by title), or with more than [`CHART_ROWS`] a bar per status.
pub fn focus_stages_for(views: &Views) -> String {
    let site = views.site;
    let focus = &site.index.focus_services;
    views.read(Input::Relation(
        super::deps::Relation::FocusServices,
        String::new(),
    ));
    let marked = |i: usize| {
        let d = &site.services[i];
        views.read_document(ContentKind::Service, &d.slug);
        d.front.example.covers_any(&["status", "focus"])
    };
    if focus.len() > CHART_ROWS {
        let bars: Vec<Bar> = Status::ALL
            .iter()
            .map(|&status| {
                let of: Vec<usize> = focus
                    .iter()
                    .copied()
                    .filter(|&i| site.services[i].front.status == status)
                    .collect();
                Bar {
                    label: status.label(),
                    value: of.len(),
                    example: of.iter().filter(|&&i| marked(i)).count(),
                }
            })
            .collect();
        return bar_chart(
            "Balkendiagramm: Fokusleistungen nach Stand der Umsetzung. Die Fokusleistungen stehen mit ihrem Stand in der Tabelle darunter.",
            &bars,
        );
    }
    let stages: Vec<Stage> = focus
        .iter()
        .map(|&i| {
            let d = &site.services[i];
            Stage {
                title: &d.front.title,
                status: d.front.status,
                example: marked(i),
            }
        })
        .collect();
    stage_chart(
        "Stufendiagramm: wie weit jede Fokusleistung ist, von geplant bis online. Dieselben Angaben stehen in der Tabelle darunter.",
        &stages,
    )
}

/// The services on the launch timeline with their index in
/// `site.services`, in the order of `Index::launches` (oldest first, then
/// by title).
pub fn launches_for<'a>(views: &Views<'a>) -> Vec<(usize, Launch<'a>)> {
    let site = views.site;
    views.read(Input::Relation(
        super::deps::Relation::Launches,
        String::new(),
    ));
    site.index
        .launches
        .iter()
        .filter_map(|&i| {
            let d = &site.services[i];
            views.read_document(ContentKind::Service, &d.slug);
            let s = &d.front;
            let (date, kind) = s.launch()?;
            Some((
                i,
                Launch {
                    title: &s.title,
                    date,
                    kind,
                    example: s.example.covers_any(kind.marked_by()),
                },
            ))
        })
        .collect()
}

/// The launch timeline of [`launches_for`]; with more than
/// [`CHART_ROWS`] launches a bar per year instead.
pub fn launch_timeline_for(launches: &[(usize, Launch)]) -> String {
    if launches.len() > CHART_ROWS {
        let mut years: Vec<(String, usize, usize)> = Vec::new();
        for (_, launch) in launches {
            let year = launch.date.year().to_string();
            match years.last_mut() {
                Some((last, count, example)) if *last == year => {
                    *count += 1;
                    *example += usize::from(launch.example);
                }
                _ => years.push((year, 1, usize::from(launch.example))),
            }
        }
        let bars: Vec<Bar> = years
            .iter()
            .map(|(year, value, example)| Bar {
                label: year,
                value: *value,
                example: *example,
            })
            .collect();
        return bar_chart(
            "Balkendiagramm: wie viele Leistungen in jedem Jahr online gegangen sind (oder zuletzt als online geprüft wurden). Die Leistungen stehen mit ihrem Tag in der Tabelle darunter.",
            &bars,
        );
    }
    let launches: Vec<Launch> = launches.iter().map(|(_, l)| l.clone()).collect();
    launch_timeline(
        "Zeitleiste: wann Leistungen online gegangen sind. Dieselben Angaben stehen in der Tabelle darunter.",
        &launches,
    )
}

/// The org chart of the governance tree as the page lists it: roots and
/// children by name, `depth` levels below the roots.
pub fn org_chart_for(views: &Views, depth: usize) -> String {
    fn nodes(views: &Views, items: &[usize], depth: usize) -> Vec<OrgNode> {
        let site = views.site;
        items
            .iter()
            .map(|&i| {
                let d = &site.bodies[i];
                views.read_document(ContentKind::Body, &d.slug);
                views.read_relation(super::deps::Relation::BodyChildren, &d.slug);
                let mut name = match &d.front.short {
                    Some(short) => format!("{short}: {}", d.front.name),
                    None => d.front.name.clone(),
                };
                // The box's text is clipped from its end: the mark goes first.
                if d.front.example.covers_any(&["name", "parent"]) {
                    name = format!("(Beispiel) {name}");
                }
                let children = match depth {
                    0 => Vec::new(),
                    _ => nodes(views, &site.index.body_children[i], depth - 1),
                };
                OrgNode { name, children }
            })
            .collect()
    }
    views.read(Input::List(SiteList::BodyTree));
    let roots = nodes(views, &views.site.index.body_roots, depth);
    org_chart(
        "Organigramm der Gremien. Dieselbe Gliederung steht mit Links als Liste unter „Aufbau“.",
        &roots,
    )
}

/// The timeline of the roles of person `i`.
pub fn role_timeline_for(views: &Views, i: usize) -> String {
    let site = views.site;
    let person = &site.people[i];
    views.read_document(ContentKind::Person, &person.slug);
    let spans: Vec<RoleSpan> = person
        .front
        .roles
        .iter()
        .map(|r| {
            views.read_document(ContentKind::Body, &r.body);
            RoleSpan {
                title: &r.title,
                body: site
                    .index
                    .body
                    .get(&r.body)
                    .map(|&b| site.bodies[b].front.name.as_str()),
                from: r.from,
                to: r.to,
                example: person.front.example.covers("roles"),
            }
        })
        .collect();
    let label = format!(
        "Zeitleiste der Ämter von {}. Dieselben Angaben stehen in der Tabelle darunter.",
        person.front.name
    );
    role_timeline(&label, &spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn partial(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn escapes_every_text() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let chart = bar_chart(
            "Label \"quoted\" <b>",
            &[Bar {
                label: "A & B <script>",
                value: 3,
                example: 0,
            }],
        );
        assert!(chart.contains("aria-label=\"Label &quot;quoted&quot; &lt;b&gt;\""));
        assert!(chart.contains(">A &amp; B &lt;script&gt;</text>"));
        assert!(!chart.contains("<script"));
        let org = org_chart(
            "x",
            &[OrgNode {
                name: "R&D <Rat>".into(),
                children: vec![],
            }],
        );
        assert!(org.contains("R&amp;D &lt;Rat&gt;"));
    }

    #[test]
    fn numbers_print_short_and_stable() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(3.06), "3.1");
        assert_eq!(num(-0.01), "0");
        assert_eq!(clip("Wohngeld", 20), "Wohngeld");
        assert_eq!(clip("Ärztekammer Süd", 5), "Ärzt…");
    }

    #[test]
    fn bars_are_proportional_and_labelled_with_their_values() {
        let chart = bar_chart(
            "x",
            &[
                Bar {
                    label: "A",
                    value: 4,
                    example: 0,
                },
                Bar {
                    label: "B",
                    value: 2,
                    example: 0,
                },
                Bar {
                    label: "C",
                    value: 0,
                    example: 0,
                },
            ],
        );
        // The largest bar spans WIDTH - 48 = 352 units.
        assert!(chart.contains("width=\"352\""), "{chart}");
        assert!(chart.contains("width=\"176\""), "{chart}");
        assert!(chart.contains("width=\"0\""), "{chart}");
        assert_eq!(chart.matches("class=\"chart__bar\"").count(), 3);
        for v in [">4<", ">2<", ">0<"] {
            assert!(chart.contains(v), "{v} missing");
        }
        assert!(chart.contains("viewBox=\"0 0 400 132\""));
        assert!(!chart.contains("style="));
        assert!(bar_chart("x", &[]).is_empty());
    }

    #[test]
    fn stages_fill_up_to_the_status() {
        let chart = stage_chart(
            "x",
            &[
                Stage {
                    title: "P",
                    status: Status::Pilot,
                    example: false,
                },
                Stage {
                    title: "O",
                    status: Status::Online,
                    example: false,
                },
                Stage {
                    title: "G",
                    status: Status::Planned,
                    example: false,
                },
            ],
        );
        assert_eq!(chart.matches("chart__step--done").count(), 3 + 5 + 1);
        assert_eq!(chart.matches("class=\"chart__step").count(), 15);
    }

    #[test]
    fn launches_sit_on_their_days() {
        let launches = [
            Launch {
                title: "Late",
                date: date("2025-12-31"),
                kind: LaunchDate::Checked,
                example: false,
            },
            Launch {
                title: "Early",
                date: date("2024-01-01"),
                kind: LaunchDate::Since,
                example: false,
            },
        ];
        let chart = launch_timeline("x", &launches);
        // Oldest first: "Early" on the axis start (x = 8).
        let early = chart.find(">Early<").unwrap();
        let late = chart.find(">Late<").unwrap();
        assert!(early < late);
        assert!(chart.contains("cx=\"8\""), "{chart}");
        assert_eq!(chart.matches("chart__dot--checked").count(), 2); // legend + one
        assert!(chart.contains(">2024<") && chart.contains(">2025<"));
        assert!(!chart.contains(">2026<"));
    }

    #[test]
    fn org_chart_has_a_box_per_body_and_a_link_per_child() {
        let leaf = |name: &str| OrgNode {
            name: name.into(),
            children: vec![],
        };
        let tree = [OrgNode {
            name: "Root".into(),
            children: vec![
                OrgNode {
                    name: "Mid".into(),
                    children: vec![leaf("Leaf")],
                },
                leaf("Other"),
            ],
        }];
        let chart = org_chart("x", &tree);
        assert_eq!(chart.matches("class=\"chart__box\"").count(), 4);
        assert_eq!(chart.matches("class=\"chart__link\"").count(), 3);
    }

    #[test]
    fn roles_run_from_earliest_to_latest_day() {
        let roles = [
            RoleSpan {
                title: "Vorsitz",
                body: Some("Rat"),
                from: partial("2024"),
                to: None,
                example: false,
            },
            RoleSpan {
                title: "CIO",
                body: Some("Ministerium"),
                from: partial("2021-05"),
                to: Some(partial("2024-10")),
                example: false,
            },
        ];
        let chart = role_timeline("x", &roles);
        assert_eq!(chart.matches("class=\"chart__role").count(), 2);
        assert_eq!(chart.matches("chart__role--current").count(), 1);
        // Oldest first; the axis runs 2021 to the end of 2025.
        assert!(chart.find(">CIO, Ministerium<").unwrap() < chart.find(">Vorsitz, Rat<").unwrap());
        assert!(chart.contains(">2025<") && !chart.contains(">2026<"));
        // The open role ends at the right edge.
        assert!(chart.contains("chart__role--current\" x=\""));
    }

    #[test]
    fn a_demonstration_value_keeps_its_mark_when_the_text_is_clipped() {
        let long = "Eine Leistung mit einem sehr langen Titel, der nicht in die Zeile passt";
        let line = clip_marked(long, Some(EXAMPLE_MARK), 40);
        assert!(line.ends_with("… (Beispielwert)"), "{line}");
        assert!(line.chars().count() <= 40, "{line}");
        let svg = stage_chart(
            "x",
            &[Stage {
                title: long,
                status: Status::Pilot,
                example: true,
            }],
        );
        assert!(svg.contains("(Beispielwert)</text>"), "{svg}");
        let svg = bar_chart(
            "x",
            &[Bar {
                label: "Pilotbetrieb",
                value: 3,
                example: 2,
            }],
        );
        assert!(
            svg.contains("Pilotbetrieb (davon 2 Beispielwerte)"),
            "{svg}"
        );
    }

    #[test]
    fn output_is_deterministic() {
        let roles = [RoleSpan {
            title: "CIO",
            body: None,
            from: partial("2019"),
            to: Some(partial("2020-02")),
            example: false,
        }];
        let a = role_timeline("x", &roles);
        let b = role_timeline("x", &roles);
        assert_eq!(a, b);
        // February 2020's latest day is the 29th (leap year), not the 31st.
        assert_eq!(day_number(2020, 2, 31), day_number(2020, 2, 29));
    }
}
