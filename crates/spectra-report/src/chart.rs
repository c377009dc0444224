//! Charts as inline SVG: line, step (CDF) and bar charts with labelled axes and units, "nice"
//! tick values, a legend, horizontal threshold lines and labelled markers.
use crate::escape;
use std::fmt::Write;

/// How series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Points joined by straight lines, with point markers.
    Line,
    /// A staircase (empirical CDF).
    Step,
    /// Bars centred on each x (histograms, occupancy).
    Bar,
    /// Points only (maps of stations: x = longitude, y = latitude).
    Scatter,
}

/// One named data series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// (x, y) points; non-finite points are skipped.
    pub points: Vec<(f64, f64)>,
}

/// A chart with axis labels (with units) and optional reference lines and markers.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title above the plot.
    pub title: String,
    /// X-axis label with unit, e.g. `guard band (MHz)`.
    pub x_label: String,
    /// Y-axis label with unit, e.g. `probability of interference (%)`.
    pub y_label: String,
    /// How the series are drawn.
    pub kind: ChartKind,
    /// The data.
    pub series: Vec<Series>,
    /// Horizontal reference lines (y, label), e.g. a protection threshold.
    pub thresholds: Vec<(f64, String)>,
    /// Labelled points, e.g. a search result.
    pub markers: Vec<(f64, f64, String)>,
}

impl Chart {
    /// A chart without series yet.
    pub fn new(kind: ChartKind, title: &str, x_label: &str, y_label: &str) -> Self {
        Chart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            kind,
            series: vec![],
            thresholds: vec![],
            markers: vec![],
        }
    }
    /// Adds a series.
    pub fn with_series(mut self, name: &str, points: Vec<(f64, f64)>) -> Self {
        self.series.push(Series { name: name.into(), points });
        self
    }
    /// Adds a horizontal reference line.
    pub fn with_threshold(mut self, y: f64, label: &str) -> Self {
        self.thresholds.push((y, label.into()));
        self
    }
    /// Adds a labelled marker.
    pub fn with_marker(mut self, x: f64, y: f64, label: &str) -> Self {
        self.markers.push((x, y, label.into()));
        self
    }
}

/// Colour-blind-safe palette (Okabe-Ito), distinguishable in grey print by dash patterns too.
const COLOURS: [&str; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 56.0;

/// "Nice" tick values covering [lo, hi] (1, 2, 2.5, 5 x 10^k steps), about `n` of them.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

fn fmt_tick(v: f64) -> String {
    let s = format!("{:.6}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

/// Axis range of the data padded to nice ticks; a degenerate range is widened.
fn range(values: impl Iterator<Item = f64>, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo < 1e-12 {
        let pad = if lo.abs() > 0.0 { lo.abs() * 0.1 } else { 1.0 };
        return (lo - pad, hi + pad);
    }
    let t = ticks(lo, hi, 6);
    let step = if t.len() > 1 { t[1] - t[0] } else { hi - lo };
    ((lo / step).floor() * step, (hi / step).ceil() * step)
}

/// Renders `chart` as a standalone SVG element (no scripts, no external references).
pub fn svg(chart: &Chart) -> String {
    let xs = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .chain(chart.markers.iter().map(|m| m.0));
    let ys = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(chart.thresholds.iter().map(|t| t.0))
        .chain(chart.markers.iter().map(|m| m.1));
    let (mut x0, mut x1) = range(xs, false);
    let (mut y0, mut y1) = range(ys, chart.kind == ChartKind::Bar);
    if chart.kind == ChartKind::Scatter {
        // Room for the labels of points at the edges (maps), and for the legend at the top left.
        let (dx, dy) = (0.15 * (x1 - x0), 0.25 * (y1 - y0));
        (x0, x1, y0, y1) = (x0 - dx, x1 + dx, y0 - 0.05 * dy, y1 + dy);
    }
    let (pw, ph) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let px = |x: f64| LEFT + (x - x0) / (x1 - x0) * pw;
    let py = |y: f64| TOP + ph - (y - y0) / (y1 - y0) * ph;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{t}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#,
        t = escape(&chart.title)
    );
    let _ = write!(
        s,
        r#"<title>{}</title><rect width="100%" height="100%" fill="white"/>"#,
        escape(&chart.title)
    );
    let _ = write!(
        s,
        r#"<text x="{}" y="20" text-anchor="middle" font-size="14" font-weight="bold">{}</text>"#,
        WIDTH / 2.0,
        escape(&chart.title)
    );
    // Grid and ticks.
    for t in ticks(x0, x1, 8) {
        let x = px(t);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            TOP + ph,
            TOP + ph + 16.0,
            fmt_tick(t)
        );
    }
    for t in ticks(y0, y1, 6) {
        let y = py(t);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + pw,
            LEFT - 6.0,
            y + 4.0,
            fmt_tick(t)
        );
    }
    let _ =
        write!(s, r##"<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>"##);
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        LEFT + pw / 2.0,
        HEIGHT - 12.0,
        escape(&chart.x_label)
    );
    let _ = write!(
        s,
        r#"<text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
        TOP + ph / 2.0,
        escape(&chart.y_label)
    );

    // Series.
    let n_series = chart.series.len().max(1) as f64;
    for (k, series) in chart.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = DASHES[k % DASHES.len()];
        let pts: Vec<(f64, f64)> =
            series.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect();
        let _ = write!(s, r#"<g class="series" data-name="{}">"#, escape(&series.name));
        match chart.kind {
            ChartKind::Line | ChartKind::Step => {
                let mut d = String::new();
                for (i, &(x, y)) in pts.iter().enumerate() {
                    if i == 0 {
                        let _ = write!(d, "M{:.2},{:.2}", px(x), py(y));
                    } else if chart.kind == ChartKind::Step {
                        let _ = write!(d, "H{:.2}V{:.2}", px(x), py(y));
                    } else {
                        let _ = write!(d, "L{:.2},{:.2}", px(x), py(y));
                    }
                }
                let _ = write!(
                    s,
                    r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>"#
                );
                if chart.kind == ChartKind::Line && pts.len() <= 60 {
                    for &(x, y) in &pts {
                        let _ = write!(
                            s,
                            r#"<circle cx="{:.2}" cy="{:.2}" r="3" fill="{colour}"/>"#,
                            px(x),
                            py(y)
                        );
                    }
                }
            }
            ChartKind::Scatter => {
                for &(x, y) in &pts {
                    let _ =
                        write!(s, r#"<circle cx="{:.2}" cy="{:.2}" r="4" fill="{colour}"/>"#, px(x), py(y));
                }
            }
            ChartKind::Bar => {
                let spacing = pts.windows(2).map(|w| (w[1].0 - w[0].0).abs()).fold(f64::INFINITY, f64::min);
                let slot = if spacing.is_finite() { spacing / (x1 - x0) * pw } else { pw / 4.0 };
                let bw = (slot * 0.8 / n_series).max(1.0);
                for &(x, y) in &pts {
                    let left = px(x) - slot * 0.4 + k as f64 * bw;
                    let (top, bottom) = (py(y.max(0.0)), py(y.min(0.0)));
                    let _ = write!(
                        s,
                        r#"<rect x="{left:.2}" y="{top:.2}" width="{bw:.2}" height="{:.2}" fill="{colour}"/>"#,
                        (bottom - top).max(0.5)
                    );
                }
            }
        }
        s.push_str("</g>");
    }
    for (y, label) in &chart.thresholds {
        let yy = py(*y);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.2}" x2="{:.2}" y2="{yy:.2}" stroke="#B00" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{:.2}" y="{:.2}" text-anchor="end" fill="#B00">{}</text>"##,
            LEFT + pw,
            LEFT + pw - 4.0,
            yy - 4.0,
            escape(label)
        );
    }
    for (x, y, label) in &chart.markers {
        let (xx, yy) = (px(*x), py(*y));
        let _ = write!(
            s,
            r##"<circle cx="{xx:.2}" cy="{yy:.2}" r="6" fill="none" stroke="#000" stroke-width="2"/><text x="{:.2}" y="{:.2}">{}</text>"##,
            xx + 8.0,
            yy - 8.0,
            escape(label)
        );
    }
    // Legend.
    if chart.series.len() > 1 {
        for (k, series) in chart.series.iter().enumerate() {
            let (lx, ly) = (LEFT + 10.0, TOP + 14.0 + 16.0 * k as f64);
            let colour = COLOURS[k % COLOURS.len()];
            let _ = write!(
                s,
                r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="3" stroke-dasharray="{}"/><text x="{}" y="{}">{}</text>"#,
                lx + 22.0,
                DASHES[k % DASHES.len()],
                lx + 28.0,
                ly + 4.0,
                escape(&series.name)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks() {
        assert_eq!(ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(-0.3, 0.72, 5), vec![-0.25, 0.0, 0.25, 0.5]);
        assert_eq!(fmt_tick(2.5000000001), "2.5");
    }

    #[test]
    fn svg_has_one_group_per_series_and_escapes_text() {
        let c = Chart::new(ChartKind::Line, "P(I) vs <guard>", "guard band (MHz)", "P (%)")
            .with_series("a & b", vec![(0.0, 10.0), (5.0, 2.0)])
            .with_series("c", vec![(0.0, 12.0), (5.0, 3.0), (f64::NAN, 1.0)])
            .with_threshold(5.0, "5 % criterion")
            .with_marker(3.0, 5.0, "search result");
        let s = svg(&c);
        assert_eq!(s.matches(r#"<g class="series""#).count(), 2);
        assert!(s.contains("P(I) vs &lt;guard&gt;") && s.contains("a &amp; b"));
        assert!(!s.contains("NaN"));
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
    }

    #[test]
    fn empty_chart_renders() {
        let s = svg(&Chart::new(ChartKind::Bar, "empty", "x", "y"));
        assert!(s.contains("</svg>"));
    }
}
