//! The error type of spectra-plan. Every variant says where the problem is (file and line, or
//! field) so that the command line can tell the user how to fix the input.
use std::path::PathBuf;

/// Errors returned by spectra-plan.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// A malformed or inconsistent instance file; `line` is 1-based, 0 when the whole file is meant.
    #[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}") } else { String::new() })]
    Parse { path: PathBuf, line: usize, message: String },
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// A problem that is inconsistent independently of any file (e.g. built in code).
    #[error("invalid problem: {0}")]
    Invalid(String),
    /// An error of the numeric core (propagation model, units).
    #[error(transparent)]
    Core(#[from] spectra_core::Error),
}

/// Result alias for spectra-plan.
pub type Result<T> = std::result::Result<T, PlanError>;

impl PlanError {
    /// A parse error at `path:line`.
    pub fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        PlanError::Parse { path: path.into(), line, message: message.into() }
    }

    /// An IO error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PlanError::Io { path: path.into(), source }
    }
}
