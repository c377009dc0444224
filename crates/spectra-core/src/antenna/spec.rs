//! Pattern specifications: the inline tables of scenario files and of `spectra antenna
//! --pattern`, e.g. `{ pattern = "f1336-sectoral", gain_dbi = 18, hpbw_az_deg = 65 }`, turned
//! into a boxed [`AntennaPattern`]; and the catalogue behind `spectra antenna --list`.
use super::{
    AntennaPattern, F1336Omni, F1336Sectoral, F1336SectoralHigh, F1336SectoralParams, M2101Params, Omni,
    SideLobe, Tabulated, F1245, F699, M2101, S465, S580,
};
use crate::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

fn k_default() -> f64 {
    0.7
}

fn side_lobe_default() -> SideLobe {
    SideLobe::Peak
}

/// A pattern and its parameters, tagged by `pattern`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "pattern", deny_unknown_fields)]
pub enum PatternSpec {
    /// Isotropic / omnidirectional, constant gain.
    #[serde(rename = "omni")]
    Omni {
        /// Gain, dBi.
        gain_dbi: f64,
    },
    /// ITU-R F.1336-5 omnidirectional (recommends 2).
    #[serde(rename = "f1336-omni")]
    F1336Omni {
        /// Peak gain G0, dBi.
        gain_dbi: f64,
        /// Side-lobe factor k (0.7 typical, 0 improved side lobes).
        #[serde(default = "k_default")]
        k: f64,
        /// `peak` or `average` side lobes.
        #[serde(default = "side_lobe_default")]
        side_lobe: SideLobe,
        /// Electrical downtilt, degrees, positive below the horizon.
        #[serde(default)]
        electrical_downtilt_deg: f64,
    },
    /// ITU-R F.1336-5 sectoral (recommends 3.1).
    #[serde(rename = "f1336-sectoral")]
    F1336Sectoral {
        /// Peak gain G0, dBi.
        gain_dbi: f64,
        /// Azimuth 3 dB beamwidth φ3, degrees.
        hpbw_az_deg: f64,
        /// Elevation 3 dB beamwidth θ3, degrees (default 31000 10^(-0.1 G0)/φ3).
        #[serde(default)]
        hpbw_el_deg: Option<f64>,
        /// `peak` or `average` side lobes.
        #[serde(default = "side_lobe_default")]
        side_lobe: SideLobe,
        /// Improved side-lobe antenna (kh = 0.7, kv = 0.3) rather than typical (0.8, 0.7).
        #[serde(default)]
        improved: bool,
        /// Override kp (peak) / ka (average).
        #[serde(default)]
        k_p: Option<f64>,
        /// Override kh.
        #[serde(default)]
        k_h: Option<f64>,
        /// Override kv.
        #[serde(default)]
        k_v: Option<f64>,
        /// Electrical downtilt, degrees, positive below the horizon.
        #[serde(default)]
        electrical_downtilt_deg: f64,
    },
    /// ITU-R F.1336-5 sectoral, 6-70 GHz (recommends 3.2).
    #[serde(rename = "f1336-sectoral-6-70ghz")]
    F1336SectoralHigh {
        /// Peak gain G0, dBi.
        gain_dbi: f64,
        /// Azimuth 3 dB beamwidth φ3, degrees.
        hpbw_az_deg: f64,
        /// Elevation 3 dB beamwidth θ3, degrees (default 31000 10^(-0.1 G0)/φ3).
        #[serde(default)]
        hpbw_el_deg: Option<f64>,
        /// `peak` or `average` side lobes.
        #[serde(default = "side_lobe_default")]
        side_lobe: SideLobe,
        /// Electrical downtilt, degrees, positive below the horizon.
        #[serde(default)]
        electrical_downtilt_deg: f64,
    },
    /// ITU-R F.699-8 fixed link, peak side lobes.
    #[serde(rename = "f699")]
    F699 {
        /// Peak gain, dBi.
        gain_dbi: f64,
        /// Diameter over wavelength (default from 20 log(D/λ) = G - 7.7).
        #[serde(default)]
        d_over_lambda: Option<f64>,
        /// Frequency, MHz.
        frequency_mhz: f64,
    },
    /// ITU-R F.1245-3 fixed link, average side lobes.
    #[serde(rename = "f1245")]
    F1245 {
        /// Peak gain, dBi.
        gain_dbi: f64,
        /// Diameter over wavelength (default from the gain).
        #[serde(default)]
        d_over_lambda: Option<f64>,
    },
    /// ITU-R S.465-6 earth station.
    #[serde(rename = "s465")]
    S465 {
        /// Peak gain, dBi.
        gain_dbi: f64,
        /// Diameter over wavelength (default from the gain).
        #[serde(default)]
        d_over_lambda: Option<f64>,
    },
    /// ITU-R S.580-6 earth station (D/λ >= 50).
    #[serde(rename = "s580")]
    S580 {
        /// Peak gain, dBi.
        gain_dbi: f64,
        /// Diameter over wavelength (default from the gain).
        #[serde(default)]
        d_over_lambda: Option<f64>,
    },
    /// ITU-R M.2101-0 IMT AAS array.
    #[serde(rename = "m2101")]
    M2101(M2101Params),
    /// MSI / Planet file; relative paths resolve against the scenario's directory.
    #[serde(rename = "msi")]
    Msi {
        /// Path of the `.msi` file.
        file: PathBuf,
    },
    /// spectra CSV cuts (`plane,angle_deg,attenuation_db`).
    #[serde(rename = "csv")]
    Csv {
        /// Path of the CSV file.
        file: PathBuf,
        /// Peak gain, dBi.
        gain_dbi: f64,
    },
}

/// One entry of the pattern catalogue.
#[derive(Debug, Clone, Copy)]
pub struct PatternInfo {
    /// The `pattern` tag.
    pub name: &'static str,
    /// Recommendation and revision.
    pub source: &'static str,
    /// Parameters: (key, description with unit and default).
    pub params: &'static [(&'static str, &'static str)],
}

/// Every pattern `PatternSpec` accepts, for `spectra antenna --list`.
pub static CATALOGUE: &[PatternInfo] = &[
    PatternInfo { name: "omni", source: "isotropic / omnidirectional", params: &[("gain_dbi", "gain, dBi")] },
    PatternInfo {
        name: "f1336-omni",
        source: "ITU-R F.1336-5 recommends 2",
        params: &[
            ("gain_dbi", "peak gain G0, dBi"),
            ("k", "side-lobe factor (default 0.7)"),
            ("side_lobe", "peak | average (default peak)"),
            ("electrical_downtilt_deg", "degrees below horizon (default 0)"),
        ],
    },
    PatternInfo {
        name: "f1336-sectoral",
        source: "ITU-R F.1336-5 recommends 3.1 (400 MHz - 6 GHz)",
        params: &[
            ("gain_dbi", "peak gain G0, dBi"),
            ("hpbw_az_deg", "azimuth 3 dB beamwidth, degrees"),
            ("hpbw_el_deg", "elevation 3 dB beamwidth, degrees (default 31000 10^(-G0/10)/hpbw_az)"),
            ("side_lobe", "peak | average (default peak)"),
            ("improved", "true: kh=0.7, kv=0.3; false: kh=0.8, kv=0.7 (default false)"),
            ("k_p", "kp / ka (default 0.7)"),
            ("k_h", "override kh"),
            ("k_v", "override kv"),
            ("electrical_downtilt_deg", "degrees below horizon (default 0)"),
        ],
    },
    PatternInfo {
        name: "f1336-sectoral-6-70ghz",
        source: "ITU-R F.1336-5 recommends 3.2 (6 - 70 GHz)",
        params: &[
            ("gain_dbi", "peak gain G0, dBi"),
            ("hpbw_az_deg", "azimuth 3 dB beamwidth, degrees"),
            ("hpbw_el_deg", "elevation 3 dB beamwidth, degrees (default 31000 10^(-G0/10)/hpbw_az)"),
            ("side_lobe", "peak | average (default peak)"),
            ("electrical_downtilt_deg", "degrees below horizon (default 0)"),
        ],
    },
    PatternInfo {
        name: "f699",
        source: "ITU-R F.699-8",
        params: &[
            ("gain_dbi", "peak gain, dBi"),
            ("d_over_lambda", "diameter / wavelength (default from 20 log(D/λ) = G - 7.7)"),
            ("frequency_mhz", "frequency, MHz (100 - 86000)"),
        ],
    },
    PatternInfo {
        name: "f1245",
        source: "ITU-R F.1245-3",
        params: &[
            ("gain_dbi", "peak gain, dBi"),
            ("d_over_lambda", "diameter / wavelength (default from gain)"),
        ],
    },
    PatternInfo {
        name: "s465",
        source: "ITU-R S.465-6",
        params: &[
            ("gain_dbi", "peak gain, dBi"),
            ("d_over_lambda", "diameter / wavelength (default from gain)"),
        ],
    },
    PatternInfo {
        name: "s580",
        source: "ITU-R S.580-6 (D/λ >= 50)",
        params: &[
            ("gain_dbi", "peak gain, dBi"),
            ("d_over_lambda", "diameter / wavelength (default from gain)"),
        ],
    },
    PatternInfo {
        name: "m2101",
        source: "ITU-R M.2101-0 Annex 1 section 5",
        params: &[
            ("element_gain_dbi", "element peak gain G_E,max, dBi"),
            ("hpbw_az_deg", "element horizontal 3 dB beamwidth, degrees"),
            ("hpbw_el_deg", "element vertical 3 dB beamwidth, degrees"),
            ("front_to_back_db", "element front-to-back ratio Am, dB"),
            ("sla_db", "element vertical side-lobe attenuation SLAv, dB"),
            ("rows", "number of rows NV"),
            ("columns", "number of columns NH"),
            ("spacing_h_wavelengths", "horizontal spacing dH/λ"),
            ("spacing_v_wavelengths", "vertical spacing dV/λ"),
            ("steer_az_deg", "beam azimuth from broadside, degrees (default 0)"),
            ("steer_el_deg", "beam elevation from broadside, degrees, positive up (default 0)"),
            ("correlation", "element correlation ρ (default 1)"),
            ("normalise", "normalise to 0 dBi mean gain (default false)"),
        ],
    },
    PatternInfo {
        name: "msi",
        source: "MSI / Planet file, SEAMCAT pseudo-3D",
        params: &[("file", "path of the .msi file")],
    },
    PatternInfo {
        name: "csv",
        source: "spectra CSV cuts, SEAMCAT pseudo-3D",
        params: &[
            ("file", "path of the CSV (plane,angle_deg,attenuation_db)"),
            ("gain_dbi", "peak gain, dBi"),
        ],
    },
];

impl PatternSpec {
    /// Builds the pattern; file paths are resolved against `base_dir`.
    pub fn build(&self, base_dir: &Path) -> Result<Box<dyn AntennaPattern>> {
        Ok(match self {
            PatternSpec::Omni { gain_dbi } => Box::new(Omni { gain_dbi: *gain_dbi }),
            PatternSpec::F1336Omni { gain_dbi, k, side_lobe, electrical_downtilt_deg } => {
                Box::new(F1336Omni::new(*gain_dbi, *k, *side_lobe, *electrical_downtilt_deg)?)
            }
            PatternSpec::F1336Sectoral {
                gain_dbi,
                hpbw_az_deg,
                hpbw_el_deg,
                side_lobe,
                improved,
                k_p,
                k_h,
                k_v,
                electrical_downtilt_deg,
            } => {
                let base = if *improved {
                    F1336SectoralParams::improved(*gain_dbi, *hpbw_az_deg, *side_lobe)
                } else {
                    F1336SectoralParams::typical(*gain_dbi, *hpbw_az_deg, *side_lobe)
                };
                Box::new(F1336Sectoral::new(F1336SectoralParams {
                    theta3_deg: *hpbw_el_deg,
                    k_p_or_a: k_p.unwrap_or(base.k_p_or_a),
                    k_h: k_h.unwrap_or(base.k_h),
                    k_v: k_v.unwrap_or(base.k_v),
                    electrical_downtilt_deg: *electrical_downtilt_deg,
                    ..base
                })?)
            }
            PatternSpec::F1336SectoralHigh {
                gain_dbi,
                hpbw_az_deg,
                hpbw_el_deg,
                side_lobe,
                electrical_downtilt_deg,
            } => Box::new(F1336SectoralHigh::new(
                *gain_dbi,
                *hpbw_az_deg,
                *hpbw_el_deg,
                *side_lobe,
                *electrical_downtilt_deg,
            )?),
            PatternSpec::F699 { gain_dbi, d_over_lambda, frequency_mhz } => {
                Box::new(F699::new(*gain_dbi, *d_over_lambda, *frequency_mhz)?)
            }
            PatternSpec::F1245 { gain_dbi, d_over_lambda } => {
                Box::new(F1245::new(*gain_dbi, *d_over_lambda)?)
            }
            PatternSpec::S465 { gain_dbi, d_over_lambda } => Box::new(S465::new(*gain_dbi, *d_over_lambda)?),
            PatternSpec::S580 { gain_dbi, d_over_lambda } => Box::new(S580::new(*gain_dbi, *d_over_lambda)?),
            PatternSpec::M2101(p) => Box::new(M2101::new(*p)?),
            PatternSpec::Msi { file } => Box::new(Tabulated::read_msi(&base_dir.join(file))?),
            PatternSpec::Csv { file, gain_dbi } => {
                Box::new(Tabulated::read_csv(&base_dir.join(file), *gain_dbi)?)
            }
        })
    }
}

/// Samples a pattern on a regular grid of directions relative to boresight:
/// `(azimuth_deg, elevation_deg, gain_dbi)` for azimuths -180..=180 and elevations -90..=90.
pub fn sample_grid(pattern: &dyn AntennaPattern, az_step_deg: f64, el_step_deg: f64) -> Vec<(f64, f64, f64)> {
    let n_az = (360.0 / az_step_deg.max(1e-3)).floor() as usize;
    let n_el = (180.0 / el_step_deg.max(1e-3)).floor() as usize;
    let mut out = Vec::with_capacity((n_az + 1) * (n_el + 1));
    for i in 0..=n_el {
        let el = -90.0 + i as f64 * el_step_deg;
        for j in 0..=n_az {
            let az = -180.0 + j as f64 * az_step_deg;
            out.push((az, el, pattern.gain_dbi(az, el)));
        }
    }
    out
}
