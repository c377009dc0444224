//! Shared helpers of the validation tests: where the public reference data lives.
//!
//! The reference vectors are third-party data kept outside the repository, in
//! `$SPECTRA_REFERENCE_DIR` (default `../shared` next to the workspace root), which holds
//! `validation/` and `fap/`. When it is absent a test says so loudly and skips; under CI
//! (`CI` set) an absent directory is a failure, so validation can never silently not run.
use std::path::PathBuf;

/// The directory holding `validation/` and `fap/`.
pub fn reference_root() -> PathBuf {
    match std::env::var_os("SPECTRA_REFERENCE_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    }
}

/// `reference_root()/rel` if it exists. Otherwise prints a loud notice and returns `None` so the
/// test can return early, or panics when running under CI.
pub fn reference_path(rel: &str) -> Option<PathBuf> {
    let p = reference_root().join(rel);
    if p.exists() {
        return Some(p);
    }
    let msg = format!(
        "REFERENCE DATA MISSING: {} not found; set SPECTRA_REFERENCE_DIR to the folder holding validation/ and fap/",
        p.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("\n!!! {msg} — SKIPPING this validation test !!!\n");
    None
}
