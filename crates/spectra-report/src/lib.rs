//! spectra-report: results to documents a committee can read.
//!
//! A report is a [`Document`]: headings, paragraphs, tables, charts and preformatted text. It
//! renders to one self-contained HTML file (inline CSS and SVG, no scripts, no network) with
//! [`html::render`], and to Markdown with the charts as separate SVG files with
//! [`markdown::render`]. Charts ([`chart::Chart`]) are drawn by [`chart::svg`] with axis
//! labels, units and a legend, in a style that stays readable in print.
#![forbid(unsafe_code)]

pub mod chart;
pub mod html;
pub mod markdown;
pub mod study;

pub use chart::{Chart, ChartKind, Series};

/// A report: a title and a sequence of blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Title of the report.
    pub title: String,
    /// Lines under the title (authors, date, purpose).
    pub byline: Vec<String>,
    /// Content, in order.
    pub blocks: Vec<Block>,
}

/// One element of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading, level 2 (section) or 3 (subsection).
    Heading { level: u8, text: String },
    /// A paragraph of plain text.
    Paragraph(String),
    /// A table with a caption.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// Preformatted text, e.g. the exact scenario input.
    Preformatted { caption: String, text: String },
}

/// A table of text cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Caption shown above the table.
    pub caption: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Document {
    /// An empty document with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Document { title: title.into(), ..Default::default() }
    }
    /// Appends a section heading.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading { level: level.clamp(2, 4), text: text.into() });
        self
    }
    /// Appends a paragraph.
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }
    /// Appends a table.
    pub fn table(&mut self, table: Table) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }
    /// Appends a chart.
    pub fn chart(&mut self, chart: Chart) -> &mut Self {
        self.blocks.push(Block::Chart(chart));
        self
    }
    /// Appends preformatted text.
    pub fn preformatted(&mut self, caption: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Preformatted { caption: caption.into(), text: text.into() });
        self
    }
}

/// Escapes text for HTML and SVG (`&`, `<`, `>`, `"`, `'`).
pub(crate) fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}
