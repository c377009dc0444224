//! One self-contained HTML file: inline CSS and SVG, no script, no external resource, so it
//! opens offline, archives well and prints cleanly.
use crate::{chart, escape, Block, Document};
use std::fmt::Write;

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}\
h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif}h1{font-size:1.8rem;border-bottom:2px solid #333}\
.byline{color:#444;margin:0}table{border-collapse:collapse;margin:1rem 0;font-family:Helvetica,Arial,sans-serif;font-size:.9rem}\
caption{text-align:left;font-weight:bold;padding-bottom:.3rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:right}\
th{background:#eee}td:first-child,th:first-child{text-align:left}.pass{color:#060}.fail{color:#B00;font-weight:bold}\
figure{margin:1rem 0;page-break-inside:avoid}svg.chart{max-width:100%;height:auto}\
pre{background:#f6f6f6;border:1px solid #ddd;padding:.5rem;overflow-x:auto;font-size:.8rem}\
@media print{body{margin:0;max-width:none}pre{white-space:pre-wrap}}";

/// Renders the document as a complete HTML page.
pub fn render(doc: &Document) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    for line in &doc.byline {
        let _ = writeln!(s, "<p class=\"byline\">{}</p>", escape(line));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(s, "<h{level}>{}</h{level}>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(s, "<p>{}</p>", escape(text));
            }
            Block::Table(t) => {
                let _ = write!(s, "<table><caption>{}</caption><thead><tr>", escape(&t.caption));
                for c in &t.columns {
                    let _ = write!(s, "<th>{}</th>", escape(c));
                }
                s.push_str("</tr></thead><tbody>");
                for row in &t.rows {
                    s.push_str("<tr>");
                    for cell in row {
                        let class = match cell.as_str() {
                            "pass" => " class=\"pass\"",
                            "FAIL" => " class=\"fail\"",
                            _ => "",
                        };
                        let _ = write!(s, "<td{class}>{}</td>", escape(cell));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</tbody></table>\n");
            }
            Block::Chart(c) => {
                let _ = writeln!(s, "<figure>{}</figure>", chart::svg(c));
            }
            Block::Preformatted { caption, text } => {
                let _ = writeln!(s, "<p><strong>{}</strong></p><pre>{}</pre>", escape(caption), escape(text));
            }
        }
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Chart, ChartKind, Table};

    #[test]
    fn self_contained_page() {
        let mut d = Document::new("Study <A>");
        d.heading(2, "Summary").paragraph("text & more").table(Table {
            caption: "criteria".into(),
            columns: vec!["criterion".into(), "verdict".into()],
            rows: vec![vec!["I/N".into(), "FAIL".into()]],
        });
        d.chart(
            Chart::new(ChartKind::Step, "CDF", "iRSS (dBm)", "CDF")
                .with_series("iRSS", vec![(0.0, 0.0), (1.0, 1.0)]),
        );
        let html = render(&d);
        assert!(html.contains("<title>Study &lt;A&gt;</title>"));
        assert!(html.contains("<td class=\"fail\">FAIL</td>"));
        assert_eq!(html.matches("<svg").count(), 1);
        // Nothing is fetched from the network and nothing runs.
        assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"));
        assert!(!html.contains("https://"));
    }
}
