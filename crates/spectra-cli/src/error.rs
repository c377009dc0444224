//! Command-line errors and their exit codes (DESIGN.md).
use std::path::PathBuf;

/// What went wrong, mapped to the documented exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad invocation or an invalid input file: exit 2.
    #[error("{0}")]
    Input(String),
    /// A batch finished with failed rows; the output is complete: exit 3.
    #[error("{failed} of {total} rows failed (see the `error` column of {output})")]
    RowsFailed { failed: u64, total: u64, output: String },
    /// Input/output failure: exit 1.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// Anything else: exit 1.
    #[error("{0}")]
    Other(String),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) => 2,
            CliError::RowsFailed { .. } => 3,
            CliError::Io { .. } | CliError::Other(_) => 1,
        }
    }

    /// An IO error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CliError::Io { path: path.into(), source }
    }
}

impl From<spectra_plan::PlanError> for CliError {
    fn from(e: spectra_plan::PlanError) -> Self {
        match e {
            spectra_plan::PlanError::Io { path, source } => CliError::Io { path, source },
            other => CliError::Input(other.to_string()),
        }
    }
}
