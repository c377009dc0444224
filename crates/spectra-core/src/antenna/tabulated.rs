//! Tabulated antennas: a horizontal and a vertical cut (relative attenuation vs angle) combined
//! into a pseudo-3D pattern as SEAMCAT does (handbook annex 11, eq. 164: the horizontal and
//! vertical gains multiply in the linear domain), i.e. in dB
//!
//! ```text
//! G(az, el) = G_peak - A_H(az) - A_V(el)
//! ```
//!
//! with `A_H`, `A_V` >= 0 interpolated linearly in dB between tabulated angles (circularly).
//! As in SEAMCAT the vertical cut is read at the elevation only, whatever the azimuth: the
//! back half of an MSI vertical cut (90..270) is not used for directions behind the antenna.
//!
//! Readers:
//! - MSI / Planet `.msi`: keyword lines (`NAME`, `MAKE`, `FREQUENCY`, `H_WIDTH`, `V_WIDTH`,
//!   `FRONT_TO_BACK`, `GAIN value [dBi|dBd]`, `TILT`, `POLARIZATION`, `COMMENT`, others
//!   ignored), then `HORIZONTAL n` and `VERTICAL n` each followed by `n` lines `angle
//!   attenuation_db`. A `GAIN` without unit is in dBd (Planet convention): +2.15 dB to dBi.
//!   Horizontal angles run clockwise from boresight; vertical angles are measured downward from
//!   the horizon (0 front horizon, 90 nadir, 180 back horizon, 270 zenith).
//! - CSV (spectra's own): header `plane,angle_deg,attenuation_db`, `plane` is `horizontal`
//!   (angle = azimuth from boresight, clockwise positive) or `vertical` (angle = elevation from
//!   boresight, positive UP, our frame); the peak gain is given separately.
use super::AntennaPattern;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// dBd to dBi: the gain of a half-wave dipole.
const DIPOLE_DBI: f64 = 2.15;

/// One cut: attenuation vs angle in [0, 360), interpolated circularly.
#[derive(Debug, Clone, PartialEq)]
struct Cut {
    angle_deg: Vec<f64>,
    attenuation_db: Vec<f64>,
}

impl Cut {
    fn new(points: Vec<(f64, f64)>, what: &str, path: &Path) -> Result<Self> {
        let file_err = |message: String| Error::File { path: path.to_path_buf(), message };
        if points.is_empty() {
            return Err(file_err(format!("{what} pattern has no points")));
        }
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(points.len());
        for (a, g) in points {
            if !a.is_finite() || !g.is_finite() {
                return Err(file_err(format!("{what} pattern: non-finite point ({a}, {g})")));
            }
            pts.push((a.rem_euclid(360.0), g));
        }
        pts.sort_by(|x, y| x.0.total_cmp(&y.0));
        pts.dedup_by(|b, a| (a.0 - b.0).abs() < 1e-9);
        Ok(Cut {
            angle_deg: pts.iter().map(|p| p.0).collect(),
            attenuation_db: pts.iter().map(|p| p.1).collect(),
        })
    }

    fn at(&self, angle_deg: f64) -> f64 {
        let a = angle_deg.rem_euclid(360.0);
        let n = self.angle_deg.len();
        if n == 1 {
            return self.attenuation_db[0];
        }
        let i = self.angle_deg.partition_point(|&x| x <= a);
        // Neighbours with wrap-around: (lo, hi) bracket a on the circle.
        let (lo, hi) = if i == 0 || i == n { (n - 1, 0) } else { (i - 1, i) };
        let a0 = self.angle_deg[lo];
        let mut a1 = self.angle_deg[hi];
        let mut x = a;
        if a1 <= a0 {
            a1 += 360.0;
            if x < a0 {
                x += 360.0;
            }
        }
        let t = if a1 > a0 { (x - a0) / (a1 - a0) } else { 0.0 };
        self.attenuation_db[lo] + t * (self.attenuation_db[hi] - self.attenuation_db[lo])
    }
}

/// A pattern from tabulated horizontal and vertical cuts.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabulated {
    name: String,
    peak_gain_dbi: f64,
    horizontal: Cut,
    /// Indexed by the MSI vertical angle (downward from the horizon).
    vertical: Cut,
}

impl Tabulated {
    /// From cuts in our frame: `horizontal` (azimuth from boresight, attenuation dB) and
    /// `vertical` (elevation from boresight positive up, attenuation dB).
    pub fn new(
        name: &str,
        peak_gain_dbi: f64,
        horizontal: Vec<(f64, f64)>,
        vertical: Vec<(f64, f64)>,
    ) -> Result<Self> {
        let here = PathBuf::from(name);
        if !peak_gain_dbi.is_finite() {
            return Err(Error::out_of_range("gain_dbi", peak_gain_dbi, "finite dBi"));
        }
        Ok(Tabulated {
            name: name.to_owned(),
            peak_gain_dbi,
            horizontal: Cut::new(horizontal, "horizontal", &here)?,
            vertical: Cut::new(vertical.into_iter().map(|(e, a)| (-e, a)).collect(), "vertical", &here)?,
        })
    }

    /// The pattern's name (MSI `NAME`, or the file name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads an MSI / Planet file.
    pub fn read_msi(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::File { path: path.to_path_buf(), message: e.to_string() })?;
        Self::parse_msi(&text, path)
    }

    /// Parses MSI text; `path` names the source in errors.
    pub fn parse_msi(text: &str, path: &Path) -> Result<Self> {
        let err = |line: usize, message: String| Error::File {
            path: path.to_path_buf(),
            message: format!("line {line}: {message}"),
        };
        let mut name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let mut gain_dbi: Option<f64> = None;
        let mut horizontal = None;
        let mut vertical = None;
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            let lineno = i + 1;
            i += 1;
            if line.is_empty() {
                continue;
            }
            let mut words = line.split_whitespace();
            let key = words.next().unwrap_or("").to_ascii_uppercase();
            match key.as_str() {
                "NAME" => name = line[4..].trim().to_owned(),
                "GAIN" => {
                    // `GAIN 17.15 dBd`, `GAIN 18 dBi`, `GAIN 17.15dBd` or `GAIN 17.15` (dBd).
                    let first = words.next().unwrap_or("");
                    let split = first.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(first.len());
                    let (num, glued_unit) = first.split_at(split);
                    let v: f64 =
                        num.parse().map_err(|_| err(lineno, format!("GAIN needs a number: {line:?}")))?;
                    let unit = if glued_unit.is_empty() { words.next().unwrap_or("dBd") } else { glued_unit };
                    gain_dbi = Some(match unit.to_ascii_lowercase().as_str() {
                        "dbi" => v,
                        "dbd" => v + DIPOLE_DBI,
                        other => {
                            return Err(err(lineno, format!("GAIN unit {other:?}: expected dBi or dBd")))
                        }
                    });
                }
                "HORIZONTAL" | "VERTICAL" => {
                    let n: usize = words
                        .next()
                        .and_then(|w| w.parse().ok())
                        .ok_or_else(|| err(lineno, format!("{key} needs a point count: {line:?}")))?;
                    if n == 0 || n > 100_000 {
                        return Err(err(lineno, format!("{key} count {n}: expected 1..=100000")));
                    }
                    let mut pts = Vec::with_capacity(n);
                    for _ in 0..n {
                        let l = lines
                            .get(i)
                            .ok_or_else(|| err(i + 1, format!("{key}: file ends before {n} points")))?;
                        let mut w = l.split_whitespace();
                        let a = w.next().and_then(|x| x.parse::<f64>().ok());
                        let g = w.next().and_then(|x| x.parse::<f64>().ok());
                        match (a, g) {
                            (Some(a), Some(g)) => pts.push((a, g)),
                            _ => {
                                return Err(err(
                                    i + 1,
                                    format!("{key}: expected `angle attenuation_db`, got {l:?}"),
                                ))
                            }
                        }
                        i += 1;
                    }
                    let cut = Cut::new(pts, &key.to_ascii_lowercase(), path)?;
                    if key == "HORIZONTAL" {
                        horizontal = Some(cut);
                    } else {
                        vertical = Some(cut);
                    }
                }
                _ => {} // MAKE, FREQUENCY, H_WIDTH, V_WIDTH, FRONT_TO_BACK, TILT, COMMENT, ...
            }
        }
        let missing =
            |what: &str| Error::File { path: path.to_path_buf(), message: format!("no {what} section") };
        Ok(Tabulated {
            name,
            peak_gain_dbi: gain_dbi.ok_or_else(|| missing("GAIN"))?,
            horizontal: horizontal.ok_or_else(|| missing("HORIZONTAL"))?,
            vertical: vertical.ok_or_else(|| missing("VERTICAL"))?,
        })
    }

    /// Reads spectra's CSV cut format (`plane,angle_deg,attenuation_db`) with peak gain
    /// `peak_gain_dbi`.
    pub fn read_csv(path: &Path, peak_gain_dbi: f64) -> Result<Self> {
        let file_err = |message: String| Error::File { path: path.to_path_buf(), message };
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_path(path)
            .map_err(|e| file_err(e.to_string()))?;
        let headers = rdr.headers().map_err(|e| file_err(e.to_string()))?.clone();
        let col = |name: &str| {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                file_err(format!("missing column `{name}` (header: plane,angle_deg,attenuation_db)"))
            })
        };
        let (cp, ca, cg) = (col("plane")?, col("angle_deg")?, col("attenuation_db")?);
        let (mut h, mut v) = (Vec::new(), Vec::new());
        for (k, rec) in rdr.records().enumerate() {
            let line = k + 2;
            let rec = rec.map_err(|e| file_err(format!("line {line}: {e}")))?;
            let num = |c: usize, what: &str| -> Result<f64> {
                rec.get(c)
                    .and_then(|s| s.parse::<f64>().ok())
                    .ok_or_else(|| file_err(format!("line {line}: `{what}` is not a number")))
            };
            let (a, g) = (num(ca, "angle_deg")?, num(cg, "attenuation_db")?);
            match rec.get(cp).unwrap_or("") {
                "horizontal" => h.push((a, g)),
                "vertical" => v.push((a, g)),
                other => {
                    return Err(file_err(format!(
                        "line {line}: plane {other:?}: expected `horizontal` or `vertical`"
                    )))
                }
            }
        }
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !peak_gain_dbi.is_finite() {
            return Err(Error::out_of_range("gain_dbi", peak_gain_dbi, "finite dBi"));
        }
        Ok(Tabulated {
            name,
            peak_gain_dbi,
            horizontal: Cut::new(h, "horizontal", path)?,
            vertical: Cut::new(v.into_iter().map(|(e, a)| (-e, a)).collect(), "vertical", path)?,
        })
    }
}

impl AntennaPattern for Tabulated {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        // SEAMCAT eq. (164): g = g_H * g_V (linear), i.e. attenuations add in dB.
        self.peak_gain_dbi - self.horizontal.at(azimuth_deg) - self.vertical.at(-elevation_deg)
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.peak_gain_dbi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circular_interpolation() {
        let c = Cut::new(vec![(0.0, 0.0), (90.0, 10.0), (270.0, 30.0)], "h", Path::new("x")).unwrap();
        assert_eq!(c.at(45.0), 5.0);
        assert_eq!(c.at(-45.0), 15.0); // between 270 (30 dB) and 360 (0 dB)
        assert_eq!(c.at(180.0), 20.0);
        assert_eq!(c.at(360.0), 0.0);
    }

    #[test]
    fn gain_units() {
        let body = "HORIZONTAL 1\n0 0\nVERTICAL 1\n0 0\n";
        let g = |head: &str| {
            Tabulated::parse_msi(&format!("{head}\n{body}"), Path::new("t.msi")).unwrap().peak_gain_dbi
        };
        assert_eq!(g("GAIN 18 dBi"), 18.0);
        assert_eq!(g("GAIN 15.85dBd"), 18.0);
        assert_eq!(g("gain 15.85"), 18.0);
    }
}
