//! The tabulated field-strength curves of ITU-R P.1546-6 (Figures 1-24, Annexes 2-4), loaded at
//! run time from the ITU-R tabulation (third-party data, never compiled into spectra).
//!
//! The expected file is `p1546_6_field_strength.csv` with header
//! `figure,path_type,frequency_mhz,time_pct,distance_km,h1_m,e_ref_dbuv_m` and one row per
//! (figure, distance of Table 1, nominal h1): 24 x 78 x 8 = 14 976 rows. Every row is checked
//! against the Recommendation's figure numbering and axes; errors name the file and the line.
//!
//! spectra-core never reads the environment: the caller loads the tables with
//! [`P1546Tables::load`] and either passes them to [`super::field_strength`] or installs them
//! once for the whole process with [`set_tables`] so that the registered `p1546` models can use
//! them.
use crate::{Error, Result};
use std::path::Path;
use std::sync::OnceLock;

/// File name of the tabulation inside the tables directory.
pub const FIELD_STRENGTH_FILE: &str = "p1546_6_field_strength.csv";

/// Nominal distances of P.1546-6 Annex 5 Table 1, km.
pub const DISTANCES_KM: [f64; 78] = [
    1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0,
    20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0,
    110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0, 180.0, 190.0, 200.0, 225.0, 250.0, 275.0, 300.0, 325.0,
    350.0, 375.0, 400.0, 425.0, 450.0, 475.0, 500.0, 525.0, 550.0, 575.0, 600.0, 625.0, 650.0, 675.0, 700.0,
    725.0, 750.0, 775.0, 800.0, 825.0, 850.0, 875.0, 900.0, 925.0, 950.0, 975.0, 1000.0,
];

/// Nominal transmitting/base antenna heights h1 of the curves (Annex 5 §4.1), m.
pub const HEIGHTS_M: [f64; 8] = [10.0, 20.0, 37.5, 75.0, 150.0, 300.0, 600.0, 1200.0];

/// Nominal frequencies of the curves (Annex 5 §6), MHz.
pub const FREQUENCIES_MHZ: [f64; 3] = [100.0, 600.0, 2000.0];

/// Nominal time percentages of the curves (Annex 5 §7), %.
pub const TIMES_PCT: [f64; 3] = [1.0, 10.0, 50.0];

/// Propagation family of a curve (Annex 1 §1: land, cold sea, warm sea).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Land paths.
    Land,
    /// Cold sea (at 50 % time the single sea family).
    ColdSea,
    /// Warm sea (at 50 % time the single sea family).
    WarmSea,
}

/// One curve family (one figure): field strength for 1 kW e.r.p., dB(uV/m), indexed
/// `[distance index][height index]`.
pub(crate) type Curve = [[f64; 8]; 78];

/// The 24 tabulated figures of P.1546-6.
#[derive(Debug, Clone)]
pub struct P1546Tables {
    curves: Vec<Curve>,
}

/// Figure number (1-24) of P.1546-6 for a family, nominal frequency and nominal time.
/// Annex 2 (100 MHz) holds Figures 1-8, Annex 3 (600 MHz) 9-16, Annex 4 (2 000 MHz) 17-24; in
/// each: land 50/10/1 %, sea 50 %, cold sea 10/1 %, warm sea 10/1 %.
pub fn figure_number(family: Family, f_nom_mhz: f64, t_nom_pct: f64) -> usize {
    let base = if f_nom_mhz == 100.0 {
        0
    } else if f_nom_mhz == 600.0 {
        8
    } else {
        16
    };
    let within = match (family, t_nom_pct as u32) {
        (Family::Land, 50) => 1,
        (Family::Land, 10) => 2,
        (Family::Land, _) => 3,
        (_, 50) => 4,
        (Family::ColdSea, 10) => 5,
        (Family::ColdSea, _) => 6,
        (Family::WarmSea, 10) => 7,
        (Family::WarmSea, _) => 8,
    };
    base + within
}

/// (path_type label, nominal frequency, nominal time) of figure `n` (1-24).
fn figure_key(n: usize) -> (&'static str, f64, f64) {
    let f = FREQUENCIES_MHZ[(n - 1) / 8];
    match (n - 1) % 8 {
        0 => ("land", f, 50.0),
        1 => ("land", f, 10.0),
        2 => ("land", f, 1.0),
        3 => ("sea", f, 50.0),
        4 => ("cold_sea", f, 10.0),
        5 => ("cold_sea", f, 1.0),
        6 => ("warm_sea", f, 10.0),
        _ => ("warm_sea", f, 1.0),
    }
}

impl P1546Tables {
    /// Loads `dir/p1546_6_field_strength.csv`.
    pub fn load(dir: &Path) -> Result<P1546Tables> {
        let path = dir.join(FIELD_STRENGTH_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::File {
            path: path.clone(),
            message: format!(
                "cannot read the ITU-R P.1546-6 tabulated curves: {e}; point spectra at the folder \
                 holding {FIELD_STRENGTH_FILE} (validation/p1546/tables in the reference data)"
            ),
        })?;
        P1546Tables::parse(&text, &path)
    }

    /// Parses the tabulation text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<P1546Tables> {
        let err = |line: usize, message: String| Error::File {
            path: path.to_owned(),
            message: format!("line {line}: {message}"),
        };
        let mut lines = text.lines().enumerate();
        let expected = "figure,path_type,frequency_mhz,time_pct,distance_km,h1_m,e_ref_dbuv_m";
        match lines.next() {
            Some((_, h)) if h.trim_start_matches('\u{feff}').trim() == expected => {}
            Some((_, h)) => return Err(err(1, format!("header must be `{expected}`, found `{}`", h.trim()))),
            None => return Err(err(1, "empty file".into())),
        }
        let mut curves = vec![[[f64::NAN; 8]; 78]; 24];
        let mut seen = 0usize;
        for (i, raw) in lines {
            let line = i + 1;
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let cells: Vec<&str> = raw.split(',').map(str::trim).collect();
            if cells.len() != 7 {
                return Err(err(line, format!("expected 7 fields, found {}", cells.len())));
            }
            let num = |k: usize, name: &str| -> Result<f64> {
                cells[k]
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| err(line, format!("{name} = {:?} is not a finite number", cells[k])))
            };
            let fig = num(0, "figure")?;
            if !(1.0..=24.0).contains(&fig) || fig.fract() != 0.0 {
                return Err(err(line, format!("figure = {fig} is not one of 1..24")));
            }
            let fig = fig as usize;
            let (label, f_nom, t_nom) = figure_key(fig);
            let (f, t) = (num(2, "frequency_mhz")?, num(3, "time_pct")?);
            if cells[1] != label || f != f_nom || t != t_nom {
                return Err(err(
                    line,
                    format!(
                        "figure {fig} is ({label}, {f_nom} MHz, {t_nom} %) in P.1546-6, found ({}, {f} MHz, {t} %)",
                        cells[1]
                    ),
                ));
            }
            let d = num(4, "distance_km")?;
            let di = DISTANCES_KM.iter().position(|&x| x == d).ok_or_else(|| {
                err(line, format!("distance_km = {d} is not a distance of P.1546-6 Table 1"))
            })?;
            let h = num(5, "h1_m")?;
            let hi = HEIGHTS_M
                .iter()
                .position(|&x| x == h)
                .ok_or_else(|| err(line, format!("h1_m = {h} is not a nominal height {HEIGHTS_M:?}")))?;
            let cell = &mut curves[fig - 1][di][hi];
            if !cell.is_nan() {
                return Err(err(line, format!("duplicate value for figure {fig}, d = {d} km, h1 = {h} m")));
            }
            *cell = num(6, "e_ref_dbuv_m")?;
            seen += 1;
        }
        if seen != 24 * 78 * 8 {
            for (fi, c) in curves.iter().enumerate() {
                for (di, row) in c.iter().enumerate() {
                    for (hi, v) in row.iter().enumerate() {
                        if v.is_nan() {
                            return Err(Error::File {
                                path: path.to_owned(),
                                message: format!(
                                    "incomplete tabulation: {seen} of 14976 values; first missing: figure {}, d = {} km, h1 = {} m",
                                    fi + 1,
                                    DISTANCES_KM[di],
                                    HEIGHTS_M[hi]
                                ),
                            });
                        }
                    }
                }
            }
        }
        Ok(P1546Tables { curves })
    }

    /// The curve of figure `n` (1-24).
    pub(crate) fn curve(&self, n: usize) -> &Curve {
        &self.curves[n - 1]
    }

    /// Tabulated value of figure `n` (1-24) at distance index `di` and height index `hi`.
    pub fn value(&self, n: usize, di: usize, hi: usize) -> f64 {
        self.curves[n - 1][di][hi]
    }
}

static TABLES: OnceLock<P1546Tables> = OnceLock::new();

/// Installs the tables for the whole process (used by the registered `p1546` models). Returns
/// an error if tables were already installed.
pub fn set_tables(tables: P1546Tables) -> Result<()> {
    TABLES.set(tables).map_err(|_| Error::Model {
        model: "p1546",
        message: "the P.1546 tables are already installed for this process".into(),
    })
}

/// The process-wide tables, if installed with [`set_tables`].
pub fn installed_tables() -> Option<&'static P1546Tables> {
    TABLES.get()
}

/// The process-wide tables or an error telling the user how to provide them.
pub(crate) fn require_tables() -> Result<&'static P1546Tables> {
    TABLES.get().ok_or_else(|| Error::Model {
        model: "p1546",
        message: format!(
            "the ITU-R P.1546-6 tabulated curves are not loaded: set SPECTRA_REFERENCE_DIR to the folder \
             holding validation/p1546/tables/{FIELD_STRENGTH_FILE} (library users: call \
             spectra_core::propagation::p1546::set_tables(P1546Tables::load(dir)?))"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_numbering_round_trips() {
        for n in 1..=24 {
            let (label, f, t) = figure_key(n);
            let fam = match label {
                "land" => Family::Land,
                "warm_sea" => Family::WarmSea,
                _ => Family::ColdSea,
            };
            assert_eq!(figure_number(fam, f, t), n);
        }
        // 50 % sea is one family for cold and warm sea (Figures 4, 12, 20).
        assert_eq!(figure_number(Family::WarmSea, 600.0, 50.0), 12);
    }

    #[test]
    fn bad_files_name_the_line() {
        let p = Path::new("t.csv");
        let e = P1546Tables::parse("nope\n", p).unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("header"), "{e}");
        let head = "figure,path_type,frequency_mhz,time_pct,distance_km,h1_m,e_ref_dbuv_m\n";
        let e = P1546Tables::parse(&format!("{head}1,land,100,50,1,10,abc\n"), p).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("e_ref_dbuv_m"), "{e}");
        let e = P1546Tables::parse(&format!("{head}1,sea,100,50,1,10,1\n"), p).unwrap_err().to_string();
        assert!(e.contains("figure 1"), "{e}");
        let e = P1546Tables::parse(&format!("{head}1,land,100,50,1.5,10,1\n"), p).unwrap_err().to_string();
        assert!(e.contains("Table 1"), "{e}");
        let e = P1546Tables::parse(&format!("{head}1,land,100,50,1,10,1\n"), p).unwrap_err().to_string();
        assert!(e.contains("incomplete") && e.contains("h1 = 20"), "{e}");
        let e = P1546Tables::parse(&format!("{head}1,land,100,50,1,10,1\n1,land,100,50,1,10,1\n"), p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("duplicate"), "{e}");
        let e = P1546Tables::load(Path::new("/nonexistent/dir")).unwrap_err().to_string();
        assert!(e.contains(FIELD_STRENGTH_FILE), "{e}");
    }
}
