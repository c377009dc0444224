//! Markdown rendering: tables as pipe tables, charts as SVG files beside the Markdown file.
use crate::{chart, Block, Document};
use std::fmt::Write;

/// A rendered Markdown report and the chart files it links to (`(file name, SVG text)`), to be
/// written in `chart_dir` next to the Markdown file.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownReport {
    /// The Markdown text.
    pub text: String,
    /// Chart files: name relative to the Markdown file, and content.
    pub charts: Vec<(String, String)>,
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Renders `doc`; charts are linked as `{chart_dir}/chart-N.svg`.
pub fn render(doc: &Document, chart_dir: &str) -> MarkdownReport {
    let mut s = format!("# {}\n\n", doc.title);
    for line in &doc.byline {
        let _ = writeln!(s, "{line}  ");
    }
    if !doc.byline.is_empty() {
        s.push('\n');
    }
    let mut charts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(s, "{} {text}\n", "#".repeat(*level as usize));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(s, "{text}\n");
            }
            Block::Table(t) => {
                if !t.caption.is_empty() {
                    let _ = writeln!(s, "**{}**\n", t.caption);
                }
                let _ =
                    writeln!(s, "| {} |", t.columns.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
                let _ = writeln!(s, "|{}", "---|".repeat(t.columns.len()));
                for row in &t.rows {
                    let _ =
                        writeln!(s, "| {} |", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
                }
                s.push('\n');
            }
            Block::Chart(c) => {
                let name = format!("{chart_dir}/chart-{}.svg", charts.len() + 1);
                let _ = writeln!(s, "![{}]({name})\n", c.title);
                charts.push((name, chart::svg(c)));
            }
            Block::Preformatted { caption, text } => {
                let _ = writeln!(s, "**{caption}**\n\n```\n{text}\n```\n");
            }
        }
    }
    MarkdownReport { text: s, charts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Chart, ChartKind, Table};

    #[test]
    fn tables_and_chart_links() {
        let mut d = Document::new("T");
        d.table(Table {
            caption: "c".into(),
            columns: vec!["a".into(), "b|c".into()],
            rows: vec![vec!["1".into(), "2".into()]],
        });
        d.chart(Chart::new(ChartKind::Line, "P vs x", "x (MHz)", "P (%)"));
        let r = render(&d, "charts");
        assert!(r.text.contains("| a | b\\|c |\n|---|---|\n| 1 | 2 |"));
        assert!(r.text.contains("![P vs x](charts/chart-1.svg)"));
        assert_eq!(r.charts.len(), 1);
    }
}
