//! Charts as inline SVG, written on the server: no script, no third-party code, nothing to
//! load. Each chart is a `role="img"` SVG with a `<title>` naming it, and each bar (or bar
//! segment) has its own `<title>` with its label and value, which browsers show on hover and
//! screen readers read. Labels are text, so CJK is drawn by the browser's own fonts.
//!
//! Colours come from classes styled in `app.css` (the page's Content-Security-Policy forbids
//! inline styles); `fill` attributes are given as well so that a chart saved on its own still
//! shows its colours.

use std::fmt::Write as _;

use gongkai_model::report::format_value;

/// One bar: its label on the axis and its value (`None`: no data, drawn as "—").
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
}

/// How values are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Counts, printed as they are.
    Count,
    /// Shares in 0..=1, printed as percentages on a 0–100% axis.
    Percent,
}

impl Scale {
    pub fn print(self, v: f64) -> String {
        match self {
            Scale::Count => format_value(v),
            Scale::Percent => format!("{:.1}%", v * 100.0),
        }
    }
}

/// Text in SVG is escaped as in HTML (the writer's escaping, one place for both).
pub use gongkai_write::render::escape as esc;

const HEIGHT: f64 = 240.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 36.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const SLOT: f64 = 64.0;
const MIN_WIDTH: f64 = 360.0;

/// A rounded top for the axis: 1, 2 or 5 times a power of ten, at least `max`.
fn nice_max(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

fn open_svg(out: &mut String, id: &str, title: &str, width: f64, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-t\">\
         <title id=\"{id}-t\">{}</title>",
        esc(title)
    );
}

/// A vertical bar chart: one bar per item, its value printed above it, the labels below, a
/// value axis on the left (0, half, top).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar], scale: Scale) -> String {
    let n = bars.len().max(1) as f64;
    let width = (LEFT + RIGHT + n * SLOT).max(MIN_WIDTH);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = (width - LEFT - RIGHT) / n;
    let top = match scale {
        Scale::Percent => 1.0,
        Scale::Count => nice_max(
            bars.iter()
                .filter_map(|b| b.value)
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max),
        ),
    };
    let y = |v: f64| TOP + plot_h * (1.0 - (v / top).clamp(0.0, 1.0));
    let mut s = String::new();
    open_svg(&mut s, id, title, width, HEIGHT);
    // The value axis: three gridlines with their values.
    for frac in [0.0, 0.5, 1.0] {
        let v = top * frac;
        let yy = y(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#c9c9c9\"/>\
             <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            width - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            esc(&scale.print(v))
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let bw = (slot * 0.6).min(40.0);
        let value = b.value.filter(|v| v.is_finite());
        let shown = value.map_or_else(|| "—".to_string(), |v| scale.print(v));
        let title = match value {
            Some(_) => format!("{}：{shown}", b.label),
            None => format!("{}：无数据", b.label),
        };
        let _ = write!(s, "<g class=\"bar\"><title>{}</title>", esc(&title));
        if let Some(v) = value {
            let (y0, y1) = (y(0.0), y(v.max(0.0)));
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"#1d4f91\"/>",
                cx - bw / 2.0,
                (y0 - y1).max(0.0)
            );
            let _ = write!(
                s,
                "<text class=\"value\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                y1 - 4.0,
                esc(&shown)
            );
        } else {
            let _ = write!(
                s,
                "<text class=\"value none\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">—</text>",
                y(0.0) - 4.0
            );
        }
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></g>",
            HEIGHT - BOTTOM + 18.0,
            esc(&b.label)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis-line\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#5c5c5c\"/></svg>",
        width - RIGHT,
        y(0.0),
        y(0.0)
    );
    s
}

/// One series of a stacked chart: its name (the legend) and its class (the colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    pub name: &'static str,
    pub class: &'static str,
    pub fill: &'static str,
}

/// Bars of 100% each, split into the shares of the series: `columns` are (label, one value per
/// series). A column whose values add up to nothing is drawn as "—".
pub fn share_chart(
    id: &str,
    title: &str,
    series: &[Series],
    columns: &[(String, Vec<f64>)],
) -> String {
    let n = columns.len().max(1) as f64;
    let width = (LEFT + RIGHT + n * SLOT).max(MIN_WIDTH);
    let legend_h = 22.0;
    let height = HEIGHT + legend_h;
    let top = TOP + legend_h;
    let plot_h = height - top - BOTTOM;
    let slot = (width - LEFT - RIGHT) / n;
    let mut s = String::new();
    open_svg(&mut s, id, title, width, height);
    // The legend.
    let mut x = 8.0;
    for se in series {
        let _ = write!(
            s,
            "<g class=\"legend\"><rect class=\"{}\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"18\">{}</text></g>",
            se.class,
            se.fill,
            x + 16.0,
            esc(se.name)
        );
        // A CJK character is about as wide as the font is high (12 px).
        x += 16.0 + 12.0 * se.name.chars().count() as f64 + 12.0;
    }
    for frac in [0.0, 0.5, 1.0] {
        let yy = top + plot_h * (1.0 - frac);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#c9c9c9\"/>\
             <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{:.0}%</text>",
            width - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            frac * 100.0
        );
    }
    for (i, (label, values)) in columns.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let bw = (slot * 0.6).min(40.0);
        let total: f64 = values.iter().filter(|v| v.is_finite() && **v > 0.0).sum();
        let _ = write!(s, "<g class=\"column\">");
        if total > 0.0 {
            let mut acc = 0.0;
            for (se, v) in series.iter().zip(values) {
                let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                let share = v / total;
                let y1 = top + plot_h * (1.0 - (acc + share));
                let h = plot_h * share;
                acc += share;
                let _ = write!(
                    s,
                    "<g class=\"bar\"><title>{}</title><rect class=\"{}\" x=\"{:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{h:.1}\" fill=\"{}\"/></g>",
                    esc(&format!(
                        "{label} {}：{}（{:.1}%）",
                        se.name,
                        format_value(v),
                        share * 100.0
                    )),
                    se.class,
                    cx - bw / 2.0,
                    se.fill
                );
            }
        } else {
            let _ = write!(
                s,
                "<g class=\"bar\"><title>{}</title><text class=\"value none\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">—</text></g>",
                esc(&format!("{label}：无数据")),
                top + plot_h - 4.0
            );
        }
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></g>",
            height - BOTTOM + 18.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(v: &[(&str, Option<f64>)]) -> Vec<Bar> {
        v.iter()
            .map(|(l, v)| Bar {
                label: l.to_string(),
                value: *v,
            })
            .collect()
    }

    #[test]
    fn a_bar_per_item_with_its_value_in_the_title() {
        let svg = bar_chart(
            "c",
            "本年新收 <按年度>",
            &bars(&[
                ("2020 年", Some(12.0)),
                ("2021 年", None),
                ("2022 年", Some(7.5)),
            ]),
            Scale::Count,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"c-t\">本年新收 &lt;按年度&gt;</title>"));
        assert_eq!(svg.matches("<g class=\"bar\">").count(), 3);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>2020 年：12</title>"));
        assert!(svg.contains("<title>2021 年：无数据</title>"));
        assert!(svg.contains("<title>2022 年：7.5</title>"));
        // The axis tops out at a round number at least the largest value.
        assert!(svg.contains(">20</text>"), "{svg}");
    }

    #[test]
    fn percentages_run_on_a_fixed_axis() {
        let svg = bar_chart(
            "r",
            "纠错率",
            &bars(&[("2020", Some(0.25)), ("2021", Some(0.0))]),
            Scale::Percent,
        );
        assert!(svg.contains("<title>2020：25.0%</title>"));
        assert!(svg.contains("<title>2021：0.0%</title>"));
        assert!(svg.contains(">100.0%</text>"));
    }

    #[test]
    fn shares_split_each_column() {
        let series = [
            Series {
                name: "予以公开",
                class: "s1",
                fill: "#1e6b34",
            },
            Series {
                name: "其他",
                class: "s2",
                fill: "#999",
            },
        ];
        let svg = share_chart(
            "s",
            "办理结果",
            &series,
            &[
                ("2020".into(), vec![3.0, 1.0]),
                ("2021".into(), vec![0.0, 0.0]),
            ],
        );
        assert!(
            svg.contains("<title>2020 予以公开：3（75.0%）</title>"),
            "{svg}"
        );
        assert!(svg.contains("<title>2020 其他：1（25.0%）</title>"));
        assert!(svg.contains("<title>2021：无数据</title>"));
    }

    #[test]
    fn nice_axis_tops() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(450.0), 500.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
    }
}
