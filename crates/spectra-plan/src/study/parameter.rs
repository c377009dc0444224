//! Scenario parameters addressed by path, e.g. `interfering_links[0].transmitter.frequency_mhz`:
//! the same paths error messages print, so a sweep names what a user sees.
use crate::{PlanError, Result};
use serde_json::Value;

/// One step of a parameter path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn parse(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        steps.push(Step::Key(key.to_owned()));
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']')?;
            steps.push(Step::Index(stripped[..end].parse().ok()?));
            rest = &stripped[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(steps)
}

/// Sets the number at `path` in a scenario tree. Every step but the last must exist (an
/// unknown path is an error naming the first missing step); the last key may be new, and the
/// scenario's own validation then refuses it if the scenario has no such field.
pub fn set_number(tree: &mut Value, path: &str, value: f64) -> Result<()> {
    let steps = parse(path).ok_or_else(|| {
        PlanError::Invalid(format!("`{path}` is not a parameter path (expected e.g. `interfering_links[0].transmitter.frequency_mhz`)"))
    })?;
    // Whole numbers are written as integers so that integer fields (event counts) accept them.
    let number = if value.fract() == 0.0 && value.abs() < 9e15 {
        serde_json::Number::from(value as i64)
    } else {
        serde_json::Number::from_f64(value)
            .ok_or_else(|| PlanError::Invalid(format!("`{path}` = {value} is not a finite number")))?
    };
    let mut node = tree;
    let mut walked = String::new();
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        node = match step {
            Step::Key(k) => {
                if !walked.is_empty() {
                    walked.push('.');
                }
                walked.push_str(k);
                let obj = node.as_object_mut().ok_or_else(|| {
                    PlanError::Invalid(format!("unknown parameter path `{path}`: `{walked}` is not a table"))
                })?;
                if last {
                    obj.insert(k.clone(), Value::Number(number));
                    return Ok(());
                }
                obj.get_mut(k).ok_or_else(|| {
                    PlanError::Invalid(format!(
                        "unknown parameter path `{path}`: the scenario has no `{walked}`"
                    ))
                })?
            }
            Step::Index(n) => {
                walked.push_str(&format!("[{n}]"));
                let arr = node.as_array_mut().ok_or_else(|| {
                    PlanError::Invalid(format!("unknown parameter path `{path}`: `{walked}` is not a list"))
                })?;
                let len = arr.len();
                let slot = arr.get_mut(*n).ok_or_else(|| {
                    PlanError::Invalid(format!(
                        "unknown parameter path `{path}`: `{walked}` is beyond the {len} entries"
                    ))
                })?;
                if last {
                    *slot = Value::Number(number);
                    return Ok(());
                }
                slot
            }
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sets_nested_values_and_names_missing_steps() {
        let mut t = json!({"interfering_links": [{"transmitter": {"frequency_mhz": 1000.0}}]});
        set_number(&mut t, "interfering_links[0].transmitter.frequency_mhz", 1001.5).unwrap();
        assert_eq!(t["interfering_links"][0]["transmitter"]["frequency_mhz"], json!(1001.5));
        set_number(&mut t, "interfering_links[0].transmitter.frequency_mhz", 1002.0).unwrap();
        assert_eq!(t["interfering_links"][0]["transmitter"]["frequency_mhz"], json!(1002));
        let e =
            set_number(&mut t, "interfering_links[3].transmitter.power_dbm", 1.0).unwrap_err().to_string();
        assert!(e.contains("`interfering_links[3]` is beyond the 1 entries"), "{e}");
        let e = set_number(&mut t, "victim_link.receiver.bandwidth_mhz", 1.0).unwrap_err().to_string();
        assert!(e.contains("the scenario has no `victim_link`"), "{e}");
        assert!(set_number(&mut t, "a..b", 1.0).is_err());
        assert!(set_number(&mut t, "a[x]", 1.0).is_err());
    }
}
