//! Atomic output files: written to a temporary file beside the target, renamed when complete,
//! so a crash or a failed run never leaves a truncated result.
use crate::error::CliError;
use std::io::Write;
use std::path::Path;

/// Writes through `write` to a temporary file in `path`'s directory, then renames it to `path`.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| CliError::io(dir, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| CliError::io(path, e.into_error()))?;
    tmp.persist(path).map_err(|e| CliError::io(path, e.error))?;
    Ok(())
}
