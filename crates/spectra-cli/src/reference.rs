//! Third-party data the engine reads at run time but does not ship: the ITU-R P.1546-6 curve
//! tables. Looked up, in order: `$SPECTRA_P1546_TABLES`; `$SPECTRA_REFERENCE_DIR/validation/p1546/tables`;
//! `../shared/validation/p1546/tables` from the current folder; the same next to the folder the
//! `spectra` executable was built in.
use spectra_core::propagation::p1546::{set_tables, P1546Tables};
use std::path::PathBuf;

const P1546_REL: &str = "validation/p1546/tables";

fn candidates() -> Vec<PathBuf> {
    let mut c = Vec::new();
    if let Some(d) = std::env::var_os("SPECTRA_P1546_TABLES") {
        c.push(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("SPECTRA_REFERENCE_DIR") {
        c.push(PathBuf::from(d).join(P1546_REL));
    }
    c.push(PathBuf::from("../shared").join(P1546_REL));
    if let Ok(exe) = std::env::current_exe() {
        // target/<profile>/spectra -> the workspace's sibling `shared` folder.
        for dir in exe.ancestors().skip(1).take(4) {
            c.push(dir.join("../shared").join(P1546_REL));
        }
    }
    c
}

/// Installs the P.1546 tables for this process if a table folder is found. Returns where they
/// came from; without them the `p1546` models answer with an error saying how to provide them.
pub fn install_p1546_tables() -> Option<PathBuf> {
    let dir = candidates().into_iter().find(|d| d.is_dir())?;
    let tables = P1546Tables::load(&dir).ok()?;
    set_tables(tables).ok()?;
    Some(dir)
}
