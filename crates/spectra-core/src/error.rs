//! The error type of spectra-core: every variant names the offending field and, where there is
//! one, the valid range, so that the command line can tell the user how to fix the input.
use std::path::PathBuf;

/// Errors returned by spectra-core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter outside the range where the model (or physics) is defined.
    #[error("{field} = {value} is out of range: valid {valid}")]
    OutOfRange { field: String, value: String, valid: String },
    /// A required input is missing.
    #[error("missing input `{field}`")]
    Missing { field: String },
    /// A text input that is not one of the accepted values.
    #[error("{field} = {value:?} is not valid: expected {expected}")]
    InvalidChoice { field: String, value: String, expected: String },
    /// A malformed input file.
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    /// A model refused the case (as its reference implementation does), with its reason.
    #[error("{model}: {message}")]
    Model { model: &'static str, message: String },
}

/// Result alias for spectra-core.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// `field = value is out of range: valid {valid}`.
    pub fn out_of_range(field: &str, value: impl std::fmt::Display, valid: impl Into<String>) -> Self {
        Error::OutOfRange { field: field.to_owned(), value: value.to_string(), valid: valid.into() }
    }
}
