//! spectra-report: results to JSON, CSV, Markdown, HTML with SVG charts, GeoJSON and KML.
#![forbid(unsafe_code)]
