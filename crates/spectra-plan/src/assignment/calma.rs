//! Reader of the CALMA instance format (CELAR, GRAPH, SUBCELAR6): `var.txt`, `dom.txt`,
//! `ctr.txt`, `cst.txt` in one folder.
//!
//! Format (FAP web syntax note; `shared/fap/SOURCES.md` section 1.1):
//! - `dom.txt`: `domain_id cardinality v1 .. vk`;
//! - `var.txt`: `var_id domain_id [initial_value mobility]`, mobility 0 = fixed, 1..4 = cost b_m;
//! - `ctr.txt`: `var1 var2 type op k [weight_index]`, `|f1 - f2| op k`, op `>` or `=`,
//!   weight index 0 (or absent) = hard, 1..4 = soft with cost a_w;
//! - `cst.txt`: prose naming the objective and the coefficients `a1..a4`, `b1..b4`.
//!
//! Quirks of the original distribution that are tolerated: NUL bytes and whitespace-only lines
//! (graph01 `var.txt`, graph05/06/07/11/12/13 `ctr.txt`), missing final newlines, upper-case
//! file names (`VAR.TXT`), and an initial value outside the variable's domain (graph07 link 182,
//! mobility 3: the link must move and pays b3).
//!
//! Objective: taken from `cst.txt`. Instances that carry soft constraints (weight index 1..4:
//! scen06-10, the weighted GRAPH instances, SUBCELAR6) have no solution meeting every
//! constraint, so CALMA's "if there is no solution minimise the cost" applies:
//! [`Objective::MinInterference`]. scen04's file says "largest assigned value" although the
//! literature treats it as minimum order; callers override [`Problem::objective`] for that.
use super::problem::{Constraint, Objective, PreAssignment, Problem, Relation, Variable, Weight};
use crate::{PlanError, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads the instance in folder `dir`.
pub fn read_calma(dir: &Path) -> Result<Problem> {
    let name = dir.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "calma".into());
    let dom_path = find_file(dir, "dom.txt")?;
    let var_path = find_file(dir, "var.txt")?;
    let ctr_path = find_file(dir, "ctr.txt")?;
    let cst_path = find_file(dir, "cst.txt").ok();

    let mut domains: HashMap<i64, Vec<i32>> = HashMap::new();
    for (line_no, fields) in numeric_lines(&dom_path)? {
        let fields = parse_ints(&dom_path, line_no, &fields)?;
        if fields.len() < 2 {
            return Err(PlanError::parse(&dom_path, line_no, "expected `domain_id cardinality values...`"));
        }
        let card = fields[1];
        let values: Vec<i32> =
            fields[2..].iter().map(|&v| to_i32(&dom_path, line_no, v)).collect::<Result<_>>()?;
        if card < 0 || card as usize != values.len() {
            return Err(PlanError::parse(
                &dom_path,
                line_no,
                format!("cardinality {card} but {} values (truncated line?)", values.len()),
            ));
        }
        if values.is_empty() {
            return Err(PlanError::parse(&dom_path, line_no, format!("domain {} is empty", fields[0])));
        }
        let mut values = values;
        values.sort_unstable();
        values.dedup();
        if domains.insert(fields[0], values).is_some() {
            return Err(PlanError::parse(&dom_path, line_no, format!("domain {} declared twice", fields[0])));
        }
    }
    if domains.is_empty() {
        return Err(PlanError::parse(&dom_path, 0, "no domain declared"));
    }

    let cst = match &cst_path {
        Some(p) => Some(CostFile::parse(&std::fs::read(p).map_err(|e| PlanError::io(p, e))?)),
        None => None,
    };
    let mut variables = Vec::new();
    let mut index_of: HashMap<i64, usize> = HashMap::new();
    for (line_no, fields) in numeric_lines(&var_path)? {
        let fields = parse_ints(&var_path, line_no, &fields)?;
        if fields.len() != 2 && fields.len() != 4 {
            return Err(PlanError::parse(
                &var_path,
                line_no,
                format!(
                    "expected `var_id domain_id [initial_value mobility]`, found {} fields",
                    fields.len()
                ),
            ));
        }
        let domain = domains.get(&fields[1]).ok_or_else(|| {
            PlanError::parse(&var_path, line_no, format!("unknown domain id {}", fields[1]))
        })?;
        let pre = if fields.len() == 4 {
            let value = to_i32(&var_path, line_no, fields[2])?;
            let change_cost = match fields[3] {
                0 => None,
                m @ 1..=4 => Some(cst.as_ref().and_then(|c| c.b[m as usize - 1]).ok_or_else(|| {
                    PlanError::parse(&var_path, line_no, format!("mobility {m} but cst.txt gives no b{m}"))
                })?),
                m => return Err(PlanError::parse(&var_path, line_no, format!("mobility {m} outside 0..4"))),
            };
            Some(PreAssignment { value, change_cost })
        } else {
            None
        };
        if index_of.insert(fields[0], variables.len()).is_some() {
            return Err(PlanError::parse(
                &var_path,
                line_no,
                format!("variable {} declared twice", fields[0]),
            ));
        }
        variables.push(Variable { name: fields[0].to_string(), domain: domain.clone(), pre, group: None });
    }
    if variables.is_empty() {
        return Err(PlanError::parse(&var_path, 0, "no variable declared"));
    }

    let mut constraints = Vec::new();
    for (line_no, fields) in numeric_lines(&ctr_path)? {
        if fields.len() != 5 && fields.len() != 6 {
            return Err(PlanError::parse(
                &ctr_path,
                line_no,
                format!("expected `var1 var2 type op k [weight]`, found {} fields", fields.len()),
            ));
        }
        let var = |s: &str| -> Result<usize> {
            let id: i64 = s
                .parse()
                .map_err(|_| PlanError::parse(&ctr_path, line_no, format!("bad variable id {s:?}")))?;
            index_of.get(&id).copied().ok_or_else(|| {
                PlanError::parse(&ctr_path, line_no, format!("constraint on undeclared variable {id}"))
            })
        };
        let a = var(&fields[0])?;
        let b = var(&fields[1])?;
        if a == b {
            return Err(PlanError::parse(&ctr_path, line_no, "constraint joins a variable to itself"));
        }
        let relation = match fields[3].as_str() {
            ">" => Relation::Greater,
            "=" => Relation::Equal,
            op => {
                return Err(PlanError::parse(
                    &ctr_path,
                    line_no,
                    format!("operator {op:?}: expected `>` or `=`"),
                ))
            }
        };
        let k: i32 = fields[4]
            .parse()
            .map_err(|_| PlanError::parse(&ctr_path, line_no, format!("bad separation {:?}", fields[4])))?;
        if k < 0 {
            return Err(PlanError::parse(&ctr_path, line_no, format!("negative separation {k}")));
        }
        let w: i64 = match fields.get(5) {
            Some(s) => s
                .parse()
                .map_err(|_| PlanError::parse(&ctr_path, line_no, format!("bad weight index {s:?}")))?,
            None => 0,
        };
        let weight = match w {
            0 => Weight::Hard,
            1..=4 => Weight::Soft(cst.as_ref().and_then(|c| c.a[w as usize - 1]).ok_or_else(|| {
                PlanError::parse(&ctr_path, line_no, format!("weight index {w} but cst.txt gives no a{w}"))
            })?),
            _ => return Err(PlanError::parse(&ctr_path, line_no, format!("weight index {w} outside 0..4"))),
        };
        constraints.push(Constraint { a, b, relation, k, weight });
    }

    let has_soft = constraints.iter().any(|c| matches!(c.weight, Weight::Soft(_)));
    let objective = match (&cst, has_soft) {
        (_, true) => Objective::MinInterference,
        (Some(c), false) => c.objective.unwrap_or(Objective::Feasibility),
        (None, false) => Objective::Feasibility,
    };
    let problem = Problem { name, variables, constraints, objective, groups: vec![] };
    problem.validate()?;
    Ok(problem)
}

/// `name` in `dir`, or its upper-case spelling (the ZIB copy uses `VAR.TXT`).
fn find_file(dir: &Path, name: &str) -> Result<PathBuf> {
    for candidate in [name.to_owned(), name.to_ascii_uppercase()] {
        let p = dir.join(&candidate);
        if p.is_file() {
            return Ok(p);
        }
    }
    Err(PlanError::parse(
        dir.join(name),
        0,
        "file not found (a CALMA instance folder holds var.txt, dom.txt, ctr.txt, cst.txt)",
    ))
}

/// The non-blank lines of a file as whitespace-separated fields, with 1-based line numbers.
/// NUL bytes (present in the original distribution) count as whitespace.
fn numeric_lines(path: &Path) -> Result<Vec<(usize, Vec<String>)>> {
    let bytes = std::fs::read(path).map_err(|e| PlanError::io(path, e))?;
    let text: String =
        String::from_utf8_lossy(&bytes).chars().map(|c| if c == '\0' { ' ' } else { c }).collect();
    Ok(text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split_whitespace().map(str::to_owned).collect::<Vec<_>>()))
        .filter(|(_, f)| !f.is_empty())
        .collect())
}

fn parse_ints(path: &Path, line: usize, fields: &[String]) -> Result<Vec<i64>> {
    fields
        .iter()
        .map(|s| {
            s.parse::<i64>().map_err(|_| PlanError::parse(path, line, format!("{s:?} is not an integer")))
        })
        .collect()
}

fn to_i32(path: &Path, line: usize, v: i64) -> Result<i32> {
    i32::try_from(v).map_err(|_| PlanError::parse(path, line, format!("value {v} out of range")))
}

/// What `cst.txt` says: the objective and the coefficients a1..a4, b1..b4.
#[derive(Debug, Default)]
struct CostFile {
    objective: Option<Objective>,
    a: [Option<u64>; 4],
    b: [Option<u64>; 4],
}

impl CostFile {
    fn parse(bytes: &[u8]) -> CostFile {
        let text = String::from_utf8_lossy(bytes).replace('\0', " ");
        let squashed: String =
            text.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let objective = if squashed.contains("largestassignedvalue") || squashed.contains("frequencyspan") {
            Some(Objective::MinSpan)
        } else if squashed.contains("numberofvalues")
            || squashed.contains("numberofdifferent")
            || squashed.contains("numberoffrequencies")
            || squashed.contains("minimalnumber")
            || squashed.contains("mimimalnumber")
        {
            Some(Objective::MinOrder)
        } else if squashed.contains("violation") {
            Some(Objective::MinInterference)
        } else {
            None
        };
        let mut out = CostFile { objective, ..CostFile::default() };
        // Coefficients are written `a1 = 1000`: a name token, `=`, an integer.
        let tokens: Vec<&str> =
            text.split(|c: char| c.is_whitespace() || c == '=').filter(|t| !t.is_empty()).collect();
        for pair in tokens.windows(2) {
            let name = pair[0].to_ascii_lowercase();
            let (Some(letter), Some(digit)) = (name.chars().next(), name.chars().nth(1)) else { continue };
            if name.len() != 2 || !('1'..='4').contains(&digit) {
                continue;
            }
            let Ok(value) = pair[1].parse::<u64>() else { continue };
            let i = digit as usize - '1' as usize;
            match letter {
                'a' => out.a[i] = Some(value),
                'b' => out.b[i] = Some(value),
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &[u8]) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn reads_quirky_files_and_weights() {
        let dir = std::env::temp_dir().join(format!("spectra-calma-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write(&dir, "dom.txt", b"  0   3  16  30  44\n  1   2  30 268\n");
        write(&dir, "var.txt", b"  1  0\n  2  1 716 3\n  7  0  \0");
        write(&dir, "ctr.txt", b"  1   2 D = 238 0\n  1   7 C > 10 2\n \n\0");
        write(&dir, "cst.txt", b"minimising the violation\n a1 = 1000\n a2 = 100\n b3 = 10\n");
        let p = read_calma(&dir).unwrap();
        assert_eq!(p.variables.len(), 3);
        assert_eq!(p.variables[1].pre, Some(PreAssignment { value: 716, change_cost: Some(10) }));
        assert_eq!(p.constraints[1].weight, Weight::Soft(100));
        assert_eq!(p.objective, Objective::MinInterference);

        write(&dir, "ctr.txt", b"  1   9 D = 238 0\n");
        let e = read_calma(&dir).unwrap_err().to_string();
        assert!(e.contains("ctr.txt:1") && e.contains("undeclared variable 9"), "{e}");
        write(&dir, "ctr.txt", b"  1   2 D > -3\n");
        assert!(read_calma(&dir).unwrap_err().to_string().contains("negative separation"));
        write(&dir, "ctr.txt", b"  1   2 D > 3\n");
        write(&dir, "var.txt", b"  1  5\n");
        assert!(read_calma(&dir).unwrap_err().to_string().contains("var.txt:1: unknown domain id 5"));
        write(&dir, "var.txt", b"  1  0\n  2  0\n");
        write(&dir, "dom.txt", b"  0   3  16  30\n");
        assert!(read_calma(&dir).unwrap_err().to_string().contains("dom.txt:1: cardinality 3 but 2 values"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
