//! Pictures made at build time for the dashboard (services by status, the
//! focus services' progress, when services went online) and a person's
//! roles.
//!
//! Why made here: the portal publishes no script and loads nothing from
//! elsewhere, so a chart library at view time is out; markup written into
//! the page needs no request and passes the output guard.
//!
//! Why HTML text over SVG marks: an SVG scaled by its `viewBox` scales
//! its text with it (25 px on a desktop, 12 px on a phone) and cannot wrap
//! a long name, so names had to be cut. Here every text is HTML, set in
//! the page's font at its size and wrapped by the browser; only the marks
//! (bars, steps, dots, axes) are SVG, without a `viewBox`, placed in
//! percent of the column's width and sized in CSS pixels. A chart
//! therefore has the same text size at 320 px and at 1,280 px, and no
//! label is ever shortened.
//!
//! Rules every builder keeps:
//! - **Pure and deterministic:** typed data in, a `String` out; the build
//!   day comes in as an argument (it is `SOURCE_DATE_EPOCH` in CI), numbers
//!   are printed with a fixed precision, so the same content on the same
//!   day gives the same bytes (the incremental build compares bytes).
//! - **Escaped:** every text from content goes through [`escape`]; a title
//!   with `<`, `&` or `"` cannot break out of the markup.
//! - **Styled by class:** colours and sizes come from `.chart…` rules in
//!   the theme's `portal.css`; no `style` attribute (the
//!   Content-Security-Policy has `style-src 'self'`, which forbids inline
//!   styles).
//! - **Accessible:** each chart is a `<div role="img">` with an
//!   `aria-label` that names the picture and where its text equivalent (a
//!   table on the same page) is. A screen reader announces one image and
//!   does not read the chart's texts on top of the table's (the children
//!   of `role="img"` are presentational).
//!
//! The `*_for` helpers at the end pick the data from the site and note what
//! they read (see [`super::deps`]) so the live preview stays exact.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::date::{Date, PartialDate};
use crate::model::Status;

use super::deps::Input;
use super::views::Views;
use crate::model::ContentKind;

/// The share of a track a value of 100 % fills: the rest is room for the
/// value printed after the longest bar.
const BAR_SPAN: f64 = 85.0;

/// The texts a chart writes besides the content's ("Beispielwert", the
/// status scale, the legend, the text alternative), by key from the
/// theme's string files (`charts.*`, `status.*`), with arguments.
pub type Texts<'t> = &'t dyn Fn(&str, &[(&str, String)]) -> String;

/// Escapes text for HTML and SVG content and attribute values.
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

/// A number with at most one decimal, without a trailing `.0`: short and
/// the same on every machine.
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

/// A share of the track's width (0 to 100) as an SVG length in percent.
fn pct(share: f64) -> String {
    format!("{}%", num(share.clamp(0.0, 100.0)))
}

/// The mark of a demonstration value, as the theme shows it elsewhere.
fn example_mark(text: &str) -> String {
    format!(" <span class=\"example-mark\">{}</span>", escape(text))
}

/// Wraps the rows of a chart into its element.
fn chart(kind: &str, label: &str, body: &str) -> String {
    format!(
        "<div class=\"chart chart--{kind}\" role=\"img\" aria-label=\"{}\">{body}</div>",
        escape(label)
    )
}

/// A row's text line: `text`, escaped, and the demonstration mark.
fn label(out: &mut String, text: &str, mark: Option<&str>) {
    let _ = write!(
        out,
        "<div class=\"chart__label\">{}{}</div>",
        escape(text),
        mark.map(example_mark).unwrap_or_default()
    );
}

/// A row of one chart: its text line, then its marks drawn by `marks` into
/// an SVG track as wide as the column.
fn row(out: &mut String, text: &str, mark: Option<&str>, marks: impl FnOnce(&mut String)) {
    out.push_str("<div class=\"chart__row\">");
    label(out, text, mark);
    out.push_str("<svg class=\"chart__track\" xmlns=\"http://www.w3.org/2000/svg\">");
    marks(out);
    out.push_str("</svg></div>");
}

/// A rectangle from `x` to `x + w` percent of the track, `y` and `h` in
/// CSS pixels.
fn rect(out: &mut String, class: &str, x: f64, w: f64, y: f64, h: f64) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        pct(x),
        num(y),
        pct(w.max(0.0)),
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
pub fn bar_chart(title: &str, bars: &[Bar], texts: Texts) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let mut body = String::new();
    for bar in bars {
        let mark = match bar.example {
            0 => None,
            n => Some(texts("charts.example_count", &[("n", n.to_string())])),
        };
        let w = BAR_SPAN * bar.value as f64 / max;
        row(&mut body, bar.label, mark.as_deref(), |out| {
            rect(out, "chart__bar", 0.0, w, 4.0, 16.0);
            // The value just after the bar's end: `dx` adds pixels to a
            // position in percent.
            let _ = write!(
                out,
                "<text class=\"chart__value\" x=\"{}\" dx=\"6\" y=\"18\">{}</text>",
                pct(w),
                bar.value
            );
        });
    }
    chart("bars", title, &body)
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

/// The focus services' progress: a scale naming the five statuses, then
/// per service its title and status and five steps, filled up to its
/// status (a service in pilot has three filled steps). Filled steps have
/// the class `chart__step--done`. Empty input gives an empty string.
pub fn stage_chart(title: &str, stages: &[Stage], texts: Texts) -> String {
    if stages.is_empty() {
        return String::new();
    }
    // Five steps of 19 % with 1 % between them; the scale's five equal
    // grid columns centre each name over its step.
    // The scale's short names (`charts.scale.*`) carry soft hyphens where
    // the language breaks them, so they fit a fifth of a phone's width.
    let mut body = String::from("<div class=\"chart__scale\">");
    for status in Status::ALL {
        let name = texts(&format!("charts.scale.{}", status.key()), &[]);
        let _ = write!(body, "<span>{}</span>", escape(&name));
    }
    body.push_str("</div>");
    for stage in stages {
        let reached = Status::ALL
            .iter()
            .position(|s| *s == stage.status)
            .unwrap_or(0);
        let line = texts(
            "charts.stage_line",
            &[
                ("title", stage.title.to_owned()),
                (
                    "status",
                    texts(&format!("status.{}", stage.status.key()), &[]),
                ),
            ],
        );
        let example = texts("charts.example", &[]);
        row(
            &mut body,
            &line,
            stage.example.then_some(example.as_str()),
            |out| {
                for k in 0..5 {
                    let class = if k <= reached {
                        "chart__step chart__step--done"
                    } else {
                        "chart__step"
                    };
                    rect(out, class, k as f64 * 20.0 + 0.5, 19.0, 4.0, 16.0);
                }
            },
        );
    }
    chart("stages", title, &body)
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

fn day_of(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// A time axis from 1 January of `first` to 1 January of `last + 1`,
/// across the track's whole width.
struct Axis {
    first: i32,
    last: i32,
    start: i64,
    end: i64,
}

impl Axis {
    fn new(first: i32, last: i32) -> Self {
        let last = last.max(first);
        Axis {
            first,
            last,
            start: day_number(first, 1, 1),
            end: day_number(last + 1, 1, 1),
        }
    }

    /// Where `day` is, in percent of the width.
    fn x(&self, day: i64) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        ((day - self.start) as f64 / span).clamp(0.0, 1.0) * 100.0
    }

    /// Light lines at the years' boundaries inside a row's track, so a
    /// mark can be read against the axis below.
    fn grid(&self, out: &mut String) {
        for year in self.first + 1..=self.last {
            let x = pct(self.x(day_number(year, 1, 1)));
            let _ = write!(
                out,
                "<line class=\"chart__grid\" x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"24\"/>"
            );
        }
    }

    /// The axis below the rows: a line with a tick at each year's start
    /// and the year's number in its middle (every second or fifth year on
    /// long spans).
    fn draw(&self, out: &mut String) {
        out.push_str(
            "<svg class=\"chart__axis\" xmlns=\"http://www.w3.org/2000/svg\"><line class=\"chart__axis-line\" x1=\"0\" x2=\"100%\" y1=\"1\" y2=\"1\"/>",
        );
        let years = self.last - self.first + 1;
        let every = match years {
            0..=8 => 1,
            9..=16 => 2,
            _ => 5,
        };
        for year in self.first..=self.last + 1 {
            let x = pct(self.x(day_number(year, 1, 1)));
            let _ = write!(
                out,
                "<line class=\"chart__axis-line\" x1=\"{x}\" x2=\"{x}\" y1=\"1\" y2=\"7\"/>"
            );
            // The last tick closes the axis; its year would read as data.
            if (year - self.first) % every == 0 && year <= self.last {
                let mid =
                    (self.x(day_number(year, 1, 1)) + self.x(day_number(year + 1, 1, 1))) / 2.0;
                let _ = write!(
                    out,
                    "<text class=\"chart__axis-label\" x=\"{}\" y=\"22\" text-anchor=\"middle\">{year}</text>",
                    pct(mid)
                );
            }
        }
        out.push_str("</svg>");
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

/// The dot of a launch: filled for `available_since`, hollow for a
/// last-checked day.
fn dot_class(kind: LaunchDate) -> &'static str {
    match kind {
        LaunchDate::Since => "chart__dot",
        LaunchDate::Checked => "chart__dot chart__dot--checked",
    }
}

/// When services went online: one row per service, oldest first, its
/// title, then a dot at its day on a year axis that runs to the build day
/// (`today`, when known). A filled dot (`chart__dot`) is an
/// `available_since`; a hollow one (`chart__dot chart__dot--checked`) a
/// last-checked day, explained in a legend whose sample dots also have the
/// class `chart__key`. Empty input gives an empty string.
pub fn launch_timeline(
    title: &str,
    launches: &[Launch],
    today: Option<NaiveDate>,
    texts: Texts,
) -> String {
    if launches.is_empty() {
        return String::new();
    }
    let mut rows: Vec<&Launch> = launches.iter().collect();
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(b.title)));
    let first = rows.iter().map(|l| l.date.year()).min().unwrap_or(0);
    let last = rows.iter().map(|l| l.date.year()).max().unwrap_or(0);
    let axis = Axis::new(first, last.max(today.map_or(last, |t| t.year())));
    let mut body = String::new();
    if rows.iter().any(|l| l.kind == LaunchDate::Checked) {
        body.push_str("<div class=\"chart__legend\">");
        for (kind, key) in [
            (LaunchDate::Since, "charts.since"),
            (LaunchDate::Checked, "charts.checked"),
        ] {
            let _ = write!(
                body,
                "<span><svg class=\"chart__key-dot\" xmlns=\"http://www.w3.org/2000/svg\"><circle class=\"{} chart__key\" cx=\"8\" cy=\"8\" r=\"6\"/></svg>{}</span>",
                dot_class(kind),
                escape(&texts(key, &[]))
            );
        }
        body.push_str("</div>");
    }
    let example = texts("charts.example", &[]);
    for launch in rows {
        let d = launch.date.0;
        let x = axis.x(day_number(d.year(), d.month(), d.day()));
        row(
            &mut body,
            launch.title,
            launch.example.then_some(example.as_str()),
            |out| {
                axis.grid(out);
                let _ = write!(
                    out,
                    "<circle class=\"{}\" cx=\"{}\" cy=\"12\" r=\"6\"/>",
                    dot_class(launch.kind),
                    pct(x)
                );
            },
        );
    }
    axis.draw(&mut body);
    chart("launches", title, &body)
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
/// can mean, oldest role first, on a year axis that runs to the build day
/// (`today`). A role still held (`chart__role chart__role--current`) runs
/// to the build day; without one (in tests of the model) to the end of
/// the year after the latest date given. Empty input gives an empty
/// string.
pub fn role_timeline(
    title: &str,
    roles: &[RoleSpan],
    today: Option<NaiveDate>,
    texts: Texts,
) -> String {
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
    match today {
        Some(today) => last = last.max(today.year()),
        None if rows.iter().any(|r| r.to.is_none()) => last += 1,
        None => {}
    }
    let axis = Axis::new(first, last);
    let mut body = String::new();
    let example = texts("charts.example", &[]);
    for role in rows {
        let line = match role.body {
            Some(b) => format!("{}, {}", role.title, b),
            None => role.title.to_owned(),
        };
        let (y, m, d) = role.from.earliest();
        let x0 = axis.x(day_number(y, m, d));
        let (x1, class) = match role.to {
            Some(to) => {
                let (y, m, d) = to.latest();
                // To the end of that last day.
                (axis.x(day_number(y, m, d) + 1), "chart__role")
            }
            None => (
                today.map_or(100.0, |t| axis.x(day_of(t) + 1)),
                "chart__role chart__role--current",
            ),
        };
        row(
            &mut body,
            &line,
            role.example.then_some(example.as_str()),
            |out| {
                axis.grid(out);
                // A role of a single day is still visible.
                rect(out, class, x0, (x1 - x0).max(0.5), 4.0, 16.0);
            },
        );
    }
    axis.draw(&mut body);
    chart("roles", title, &body)
}

// ---------------------------------------------------------------- from the site

/// The dashboard's bar chart of services per status, from the progress
/// figures (the page reads [`Input::Progress`]).
pub fn status_bars_for(views: &Views) -> String {
    views.read(Input::Progress);
    let texts = site_texts(views);
    let bars: Vec<Bar> = views
        .site
        .progress
        .by_status
        .iter()
        .map(|row| Bar {
            label: views.value_label("status", row.status),
            value: row.count,
            example: row.example,
        })
        .collect();
    if views.site.progress.total == 0 {
        return String::new();
    }
    bar_chart(&texts("charts.status_bars", &[]), &bars, &texts)
}

/// The chart texts of the site's language.
fn site_texts<'v>(views: &'v Views) -> impl Fn(&str, &[(&str, String)]) -> String + 'v {
    move |key, args| views.site.strings.text(key, args).unwrap_or_default()
}

/// Rows a chart of one row per service draws at most; with more, the
/// chart counts them instead (per status, per year), so its size does not
/// grow with the catalogue. The page's lists name every service.
pub const CHART_ROWS: usize = 24;

/// The focus services' progress: one row per service in catalogue order
/// (by title), or with more than [`CHART_ROWS`] a bar per status.
pub fn focus_stages_for(views: &Views) -> String {
    let site = views.site;
    let texts = site_texts(views);
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
                    label: views.value_label("status", status),
                    value: of.len(),
                    example: of.iter().filter(|&&i| marked(i)).count(),
                }
            })
            .collect();
        return bar_chart(&texts("charts.focus_bars", &[]), &bars, &texts);
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
    stage_chart(&texts("charts.focus_stages", &[]), &stages, &texts)
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
pub fn launch_timeline_for(views: &Views, launches: &[(usize, Launch)]) -> String {
    let texts = site_texts(views);
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
        return bar_chart(&texts("charts.launch_bars", &[]), &bars, &texts);
    }
    let launches: Vec<Launch> = launches.iter().map(|(_, l)| l.clone()).collect();
    launch_timeline(
        &texts("charts.launches", &[]),
        &launches,
        views.site.today,
        &texts,
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
    let texts = site_texts(views);
    let label = texts("charts.roles", &[("name", person.front.name.clone())]);
    role_timeline(&label, &spans, site.today, &texts)
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

    /// The German chart texts, as the built-in string file has them.
    fn german(key: &str, args: &[(&str, String)]) -> String {
        let arg = |name: &str| {
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        match key {
            "charts.example" => "Beispielwert".into(),
            "charts.example_count" if arg("n") == "1" => "davon 1 Beispielwert".into(),
            "charts.example_count" => format!("davon {} Beispielwerte", arg("n")),
            "charts.stage_line" => format!("{}: {}", arg("title"), arg("status")),
            "status.pilot" => "Pilotbetrieb".into(),
            "charts.scale.in_development" => "Ent\u{ad}wick\u{ad}lung".into(),
            other => other.into(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
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
            &german,
        );
        assert!(chart.contains("aria-label=\"Label &quot;quoted&quot; &lt;b&gt;\""));
        assert!(chart.contains(">A &amp; B &lt;script&gt;</div>"));
        assert!(!chart.contains("<script"));
    }

    #[test]
    fn numbers_print_short_and_stable() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.04), "3");
        assert_eq!(num(3.06), "3.1");
        assert_eq!(num(-0.01), "0");
        assert_eq!(pct(42.55), "42.6%");
        assert_eq!(pct(120.0), "100%");
    }

    #[test]
    fn bars_are_proportional_and_labelled_with_their_values() {
        let bar = |label, value| Bar {
            label,
            value,
            example: 0,
        };
        let chart = bar_chart("x", &[bar("A", 4), bar("B", 2), bar("C", 0)], &german);
        // The largest bar spans BAR_SPAN = 85 % of the track.
        assert!(chart.contains("width=\"85%\""), "{chart}");
        assert!(chart.contains("width=\"42.5%\""), "{chart}");
        assert!(chart.contains("width=\"0%\""), "{chart}");
        assert_eq!(chart.matches("class=\"chart__bar\"").count(), 3);
        for v in [">4<", ">2<", ">0<"] {
            assert!(chart.contains(v), "{v} missing");
        }
        // Text is HTML; the SVG marks have no viewBox, so nothing scales.
        assert!(!chart.contains("viewBox"));
        assert!(!chart.contains("style="));
        assert!(bar_chart("x", &[], &german).is_empty());
    }

    #[test]
    fn stages_fill_up_to_the_status() {
        let stage = |title, status| Stage {
            title,
            status,
            example: false,
        };
        let chart = stage_chart(
            "x",
            &[
                stage("P", Status::Pilot),
                stage("O", Status::Online),
                stage("G", Status::Planned),
            ],
            &german,
        );
        assert_eq!(chart.matches("chart__step--done").count(), 3 + 5 + 1);
        assert_eq!(chart.matches("class=\"chart__step").count(), 15);
        // The scale names every status once, with soft hyphens.
        assert!(chart.contains("<span>Ent\u{ad}wick\u{ad}lung</span>"));
    }

    #[test]
    fn launches_sit_on_their_days_on_an_axis_to_the_build_day() {
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
        let chart = launch_timeline("x", &launches, None, &german);
        // Oldest first: "Early" on the axis start.
        let early = chart.find(">Early<").unwrap();
        let late = chart.find(">Late<").unwrap();
        assert!(early < late);
        assert!(chart.contains("cx=\"0%\""), "{chart}");
        assert_eq!(chart.matches("chart__dot--checked").count(), 2); // legend + one
        assert!(chart.contains(">2024<") && chart.contains(">2025<"));
        assert!(!chart.contains(">2026<"));
        // Built in 2027, the axis runs to 2027.
        let chart = launch_timeline("x", &launches, Some(day("2027-03-01")), &german);
        assert!(chart.contains(">2026<") && chart.contains(">2027<"));
        assert!(!chart.contains(">2028<"));
    }

    #[test]
    fn roles_run_from_earliest_day_to_the_build_day() {
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
        let chart = role_timeline("x", &roles, None, &german);
        assert_eq!(chart.matches("class=\"chart__role").count(), 2);
        assert_eq!(chart.matches("chart__role--current").count(), 1);
        // Oldest first; without a build day the axis runs 2021 to the end
        // of 2025 and the open role to its end.
        assert!(chart.find(">CIO, Ministerium<").unwrap() < chart.find(">Vorsitz, Rat<").unwrap());
        assert!(chart.contains(">2025<") && !chart.contains(">2026<"));
        assert!(chart.contains("x=\"60%\" y=\"4\" width=\"40%\""), "{chart}");
        // Built on 1 July 2026: the axis runs to the end of 2026 and the
        // open role stops at the build day, half way through 2026.
        let chart = role_timeline("x", &roles, Some(day("2026-07-01")), &german);
        assert!(chart.contains(">2026<") && !chart.contains(">2027<"));
        let open = chart
            .split("chart__role--current\" x=\"50%\" y=\"4\" width=\"")
            .nth(1)
            .expect("the open role starts at 2024, half way");
        let width: f64 = open.split('%').next().unwrap().parse().unwrap();
        let end = 100.0 * (5.0 + 182.0 / 365.0) / 6.0;
        assert!((50.0 + width - end).abs() < 0.2, "{chart}");
    }

    #[test]
    fn a_demonstration_value_is_marked_and_no_text_is_cut() {
        let long = "Eine Leistung mit einem sehr langen Titel, der nicht in eine Zeile passt";
        let html = stage_chart(
            "x",
            &[Stage {
                title: long,
                status: Status::Pilot,
                example: true,
            }],
            &german,
        );
        assert!(html.contains(&format!(
            "{long}: Pilotbetrieb <span class=\"example-mark\">Beispielwert</span>"
        )));
        assert!(!html.contains('…'));
        let html = bar_chart(
            "x",
            &[Bar {
                label: "Pilotbetrieb",
                value: 3,
                example: 2,
            }],
            &german,
        );
        assert!(
            html.contains("Pilotbetrieb <span class=\"example-mark\">davon 2 Beispielwerte</span>"),
            "{html}"
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
        let a = role_timeline("x", &roles, Some(day("2026-01-01")), &german);
        let b = role_timeline("x", &roles, Some(day("2026-01-01")), &german);
        assert_eq!(a, b);
        // February 2020's latest day is the 29th (leap year), not the 31st.
        assert_eq!(day_number(2020, 2, 31), day_number(2020, 2, 29));
    }
}
