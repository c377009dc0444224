//! One case of a model: the values of its columns, parsed and checked against their domains.
use super::{ColumnKind, ModelInfo, ProfileLoader};
use crate::terrain::Profile;
use crate::{Error, Result};
use std::sync::Arc;

/// A parsed input value.
#[derive(Debug, Clone)]
pub enum Value {
    /// A number within its column's domain.
    Number(f64),
    /// The index of a word in the column's choices.
    Choice(usize),
    /// A loaded terrain profile.
    Profile(Arc<Profile>),
}

/// The inputs of one evaluation, one value per column of the model's [`ModelInfo`].
#[derive(Debug, Clone)]
pub struct Case {
    info: &'static ModelInfo,
    values: Vec<Value>,
}

impl Case {
    /// Parses a case from text cells: `cell(name)` gives the text of a column, or `None` when the
    /// column is absent. Empty or absent cells take the column's default; a required column
    /// without a value, a non-numeric value, NaN or a value outside the domain is an error naming
    /// the column, the value and the valid range.
    pub fn parse<'c>(
        info: &'static ModelInfo,
        cell: impl Fn(&str) -> Option<&'c str>,
        profiles: &ProfileLoader<'_>,
    ) -> Result<Case> {
        let mut values = Vec::with_capacity(info.columns.len());
        for col in info.columns {
            let text = match cell(col.name).map(str::trim).filter(|s| !s.is_empty()) {
                Some(t) => t,
                None => col.default.ok_or_else(|| Error::Missing { field: col.name.to_owned() })?,
            };
            values.push(match col.kind {
                ColumnKind::Number { min, max, .. } => {
                    let v: f64 = text.parse().map_err(|_| Error::InvalidChoice {
                        field: col.name.to_owned(),
                        value: text.to_owned(),
                        expected: format!("a number in [{min}, {max}]"),
                    })?;
                    if !(min..=max).contains(&v) {
                        return Err(Error::out_of_range(col.name, text, format!("[{min}, {max}]")));
                    }
                    Value::Number(v)
                }
                ColumnKind::Choice(words) => {
                    let i = words.iter().position(|w| w.eq_ignore_ascii_case(text)).ok_or_else(|| {
                        Error::InvalidChoice {
                            field: col.name.to_owned(),
                            value: text.to_owned(),
                            expected: format!("one of {}", words.join(", ")),
                        }
                    })?;
                    Value::Choice(i)
                }
                ColumnKind::Profile => Value::Profile(profiles(text)?),
            });
        }
        Ok(Case { info, values })
    }

    /// Builds a case from `(column, text)` pairs, for tests and programmatic use.
    pub fn from_pairs(info: &'static ModelInfo, pairs: &[(&str, &str)]) -> Result<Case> {
        let no_profiles =
            |p: &str| -> Result<Arc<Profile>> { Profile::read_csv(std::path::Path::new(p)).map(Arc::new) };
        Case::parse(info, |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v), &no_profiles)
    }

    fn value(&self, name: &str) -> Result<&Value> {
        let i = self
            .info
            .columns
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| Error::Missing { field: name.to_owned() })?;
        Ok(&self.values[i])
    }

    /// The number in column `name`.
    pub fn number(&self, name: &str) -> Result<f64> {
        match self.value(name)? {
            Value::Number(v) => Ok(*v),
            _ => Err(Error::Missing { field: name.to_owned() }),
        }
    }

    /// The word chosen in column `name` (as spelled in the column's choices).
    pub fn choice(&self, name: &str) -> Result<&'static str> {
        let col = self.info.column(name)?;
        match (self.value(name)?, &col.kind) {
            (Value::Choice(i), ColumnKind::Choice(words)) => Ok(words[*i]),
            _ => Err(Error::Missing { field: name.to_owned() }),
        }
    }

    /// The profile in column `name`.
    pub fn profile(&self, name: &str) -> Result<&Profile> {
        match self.value(name)? {
            Value::Profile(p) => Ok(p),
            _ => Err(Error::Missing { field: name.to_owned() }),
        }
    }
}
