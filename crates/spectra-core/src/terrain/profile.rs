//! A terrain height profile along a great-circle path, from the transmitter (first point) to the
//! receiver (last point), with optional radio-climatic zones and representative clutter heights
//! (ITU-R P.452 and P.1812 inputs).
use crate::{Error, Result};
use std::path::Path;

/// Radio-climatic zone of a profile point (ITU-R P.452-18 Table 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A1: coastal land, within 50 km of the sea at heights below 100 m.
    CoastalLand,
    /// A2: inland.
    Inland,
    /// B: sea, lakes and large inland waters.
    Sea,
}

impl Zone {
    /// The code written in profile CSVs: `A1`, `A2` or `B`.
    pub fn code(self) -> &'static str {
        match self {
            Zone::CoastalLand => "A1",
            Zone::Inland => "A2",
            Zone::Sea => "B",
        }
    }

    /// Parses `A1`, `A2` or `B` (also `1`, `2`, `3` as in the ITU-R reference files).
    pub fn parse(s: &str) -> Option<Zone> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A1" | "1" => Some(Zone::CoastalLand),
            "A2" | "2" => Some(Zone::Inland),
            "B" | "3" => Some(Zone::Sea),
            _ => None,
        }
    }
}

/// Heights along a path; distances strictly increasing from 0 km at the transmitter.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Distance from the transmitter, km.
    pub distance_km: Vec<f64>,
    /// Terrain height above mean sea level, m.
    pub height_m: Vec<f64>,
    /// Radio-climatic zone per point, when known.
    pub zone: Option<Vec<Zone>>,
    /// Representative clutter height per point (m above ground), when known.
    pub clutter_height_m: Option<Vec<f64>>,
}

impl Profile {
    /// A profile from distances and heights, checked: at least 2 points, equal lengths, finite
    /// values, distances non-decreasing and the path longer than zero.
    pub fn new(distance_km: Vec<f64>, height_m: Vec<f64>) -> Result<Profile> {
        let p = Profile { distance_km, height_m, zone: None, clutter_height_m: None };
        p.check()?;
        Ok(p)
    }

    /// Checks the invariants of [`Profile::new`] and of the optional columns.
    pub fn check(&self) -> Result<()> {
        let n = self.distance_km.len();
        if n < 2 {
            return Err(Error::out_of_range("profile points", n, "at least 2"));
        }
        let same = |m: usize| m == n;
        if !same(self.height_m.len())
            || !self.zone.as_ref().is_none_or(|z| same(z.len()))
            || !self.clutter_height_m.as_ref().is_none_or(|c| same(c.len()))
        {
            return Err(Error::out_of_range("profile columns", "unequal lengths", "one value per point"));
        }
        for i in 0..n {
            let (d, h) = (self.distance_km[i], self.height_m[i]);
            if !d.is_finite() || !h.is_finite() {
                return Err(Error::out_of_range(
                    "profile point",
                    format!("#{i} ({d}, {h})"),
                    "finite numbers",
                ));
            }
            if i > 0 && d < self.distance_km[i - 1] {
                return Err(Error::out_of_range(
                    "distance_km",
                    format!("{d} at point #{i} after {}", self.distance_km[i - 1]),
                    "non-decreasing distances",
                ));
            }
        }
        if self.distance_km[n - 1] <= self.distance_km[0] {
            return Err(Error::out_of_range("path length", self.length_km(), "> 0 km"));
        }
        Ok(())
    }

    /// Path length, km.
    pub fn length_km(&self) -> f64 {
        self.distance_km[self.distance_km.len() - 1] - self.distance_km[0]
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.distance_km.len()
    }

    /// Always false for a checked profile (at least two points).
    pub fn is_empty(&self) -> bool {
        self.distance_km.is_empty()
    }

    /// The same path seen from the other end.
    pub fn reversed(&self) -> Profile {
        let total = self.distance_km[self.len() - 1];
        let rev = |v: &Vec<f64>| v.iter().rev().copied().collect::<Vec<_>>();
        Profile {
            distance_km: self.distance_km.iter().rev().map(|d| total - d).collect(),
            height_m: rev(&self.height_m),
            zone: self.zone.as_ref().map(|z| z.iter().rev().copied().collect()),
            clutter_height_m: self.clutter_height_m.as_ref().map(rev),
        }
    }

    /// Reads a profile CSV with header `distance_km,height_m` and optional `zone` (`A1`, `A2`,
    /// `B`) and `clutter_height_m` columns. Errors name the file, the line and the value.
    pub fn read_csv(path: &Path) -> Result<Profile> {
        let file_err = |message: String| Error::File { path: path.to_owned(), message };
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(|e| file_err(format!("cannot read profile: {e}")))?;
        let headers = rdr.headers().map_err(|e| file_err(e.to_string()))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
        let (Some(ci_d), Some(ci_h)) = (col("distance_km"), col("height_m")) else {
            return Err(file_err(format!(
                "header must name `distance_km` and `height_m` (optional `zone`, `clutter_height_m`); found `{}`",
                headers.iter().collect::<Vec<_>>().join(",")
            )));
        };
        let (ci_z, ci_c) = (col("zone"), col("clutter_height_m"));
        let mut p = Profile {
            distance_km: Vec::new(),
            height_m: Vec::new(),
            zone: ci_z.map(|_| Vec::new()),
            clutter_height_m: ci_c.map(|_| Vec::new()),
        };
        for (row, rec) in rdr.records().enumerate() {
            let line = row + 2;
            let rec = rec.map_err(|e| file_err(format!("line {line}: {e}")))?;
            let num = |i: usize, name: &str| -> Result<f64> {
                let s = rec.get(i).unwrap_or("");
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| file_err(format!("line {line}: {name} = {s:?} is not a finite number")))
            };
            p.distance_km.push(num(ci_d, "distance_km")?);
            p.height_m.push(num(ci_h, "height_m")?);
            if let (Some(i), Some(z)) = (ci_z, p.zone.as_mut()) {
                let s = rec.get(i).unwrap_or("");
                z.push(Zone::parse(s).ok_or_else(|| {
                    file_err(format!("line {line}: zone = {s:?} is not valid: expected A1, A2 or B"))
                })?);
            }
            if let (Some(i), Some(c)) = (ci_c, p.clutter_height_m.as_mut()) {
                let s = rec.get(i).unwrap_or("");
                c.push(s.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).ok_or_else(|| {
                    file_err(format!("line {line}: clutter_height_m = {s:?} is not a number >= 0"))
                })?);
            }
        }
        p.check().map_err(|e| file_err(e.to_string()))?;
        Ok(p)
    }

    /// Writes the profile as CSV in the DESIGN.md format: `distance_km,height_m` and the
    /// optional `zone` and `clutter_height_m` columns when present. Numbers are written with
    /// Rust's shortest round-trip formatting, so [`Profile::read_csv`] reads back the same values.
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> Result<()> {
        let err = |e: csv::Error| Error::File { path: "profile CSV".into(), message: e.to_string() };
        let mut w = csv::Writer::from_writer(out);
        let mut header = vec!["distance_km", "height_m"];
        if self.zone.is_some() {
            header.push("zone");
        }
        if self.clutter_height_m.is_some() {
            header.push("clutter_height_m");
        }
        w.write_record(&header).map_err(err)?;
        for i in 0..self.len() {
            let mut rec = vec![self.distance_km[i].to_string(), self.height_m[i].to_string()];
            if let Some(z) = &self.zone {
                rec.push(z[i].code().to_owned());
            }
            if let Some(c) = &self.clutter_height_m {
                rec.push(c[i].to_string());
            }
            w.write_record(&rec).map_err(err)?;
        }
        w.flush().map_err(|e| Error::File { path: "profile CSV".into(), message: e.to_string() })?;
        Ok(())
    }

    /// Reads an ITM/eHata "PFL" array file: one line of comma-separated numbers, element 0 =
    /// number of intervals N, element 1 = spacing (m), then N + 1 heights (m) (NTIA ITM
    /// `pfl[]` convention). The profile runs in the file's order.
    pub fn read_itm_pfl(path: &Path) -> Result<Profile> {
        let file_err = |message: String| Error::File { path: path.to_owned(), message };
        let text = std::fs::read_to_string(path).map_err(|e| file_err(format!("cannot read: {e}")))?;
        let values = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .enumerate()
            .map(|(i, s)| {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| file_err(format!("value #{i} = {s:?} is not a finite number")))
            })
            .collect::<Result<Vec<f64>>>()?;
        if values.len() < 4 {
            return Err(file_err(format!(
                "{} values: a PFL array needs N, spacing and N+1 heights",
                values.len()
            )));
        }
        let (n, spacing_m) = (values[0], values[1]);
        if n.fract() != 0.0 || n < 1.0 || values.len() != n as usize + 3 {
            return Err(file_err(format!(
                "N = {n} intervals but {} heights (expected N+1)",
                values.len() - 2
            )));
        }
        if spacing_m <= 0.0 {
            return Err(file_err(format!("spacing = {spacing_m} m: must be > 0")));
        }
        let heights = values[2..].to_vec();
        let distance_km = (0..heights.len()).map(|i| i as f64 * spacing_m / 1000.0).collect();
        Profile::new(distance_km, heights).map_err(|e| file_err(e.to_string()))
    }
}
