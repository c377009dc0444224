//! `spectra antenna` and `spectra acir` against values worked by hand.
use std::process::Command;

fn spectra(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spectra")).args(args).output().expect("run spectra");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn value(text: &str, key: &str) -> f64 {
    text.lines().find_map(|l| l.strip_prefix(&format!("{key} = "))).and_then(|v| v.parse().ok()).expect(key)
}

#[test]
fn m2101_peak_is_element_gain_plus_array_gain() {
    // M.2101 composite gain at the steered direction: G_E,max + 10 log10(N M) = 6.4 + 18.0618 dB.
    let spec = "{ pattern = \"m2101\", element_gain_dbi = 6.4, hpbw_az_deg = 90, hpbw_el_deg = 65, front_to_back_db = 30, sla_db = 30, rows = 8, columns = 8, spacing_h_wavelengths = 0.5, spacing_v_wavelengths = 0.7, steer_az_deg = 0, steer_el_deg = 0 }";
    let (code, out, err) = spectra(&["antenna", "--pattern", spec]);
    assert_eq!(code, 0, "{err}");
    assert!((value(&out, "gain_dbi") - (6.4 + 10.0 * 64f64.log10())).abs() < 1e-9, "{out}");
}

#[test]
fn acir_of_the_lte_equipment_files() {
    // ACLR 45 dB (TS 36.104) and ACS 33 dB (TS 36.101 UE): ACIR = -10 log10(10^-4.5 + 10^-3.3).
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/equipment/");
    let (code, out, err) = spectra(&[
        "acir",
        "--tx",
        &format!("{root}lte_bs_5mhz.toml"),
        "--rx",
        &format!("{root}lte_ue_5mhz.toml"),
        "--offset-mhz",
        "5",
    ]);
    assert_eq!(code, 0, "{err}");
    let expected = -10.0 * (10f64.powf(-4.5) + 10f64.powf(-3.3)).log10();
    assert!((value(&out, "acir_db") - expected).abs() < 1e-9, "{out}");
    assert!((value(&out, "aclr_db") - 45.0).abs() < 1e-9);
}

#[test]
fn bad_pattern_is_a_clear_error() {
    let (code, _, err) = spectra(&["antenna", "--pattern", "{ pattern = \"yagi\" }"]);
    assert_eq!(code, 2);
    assert!(err.contains("--pattern"), "{err}");
    let (code, _, err) =
        spectra(&["antenna", "--pattern", "{ pattern = \"omni\", gain_dbi = 2 }", "--elevation", "120"]);
    assert_eq!(code, 2);
    assert!(err.contains("--elevation 120 is out of range: valid [-90, 90]"), "{err}");
}
