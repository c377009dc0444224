//! Reader of the cellular channel-assignment ("Philadelphia") format of
//! `shared/fap/philadelphia-cap/`:
//!
//! ```text
//! Problem: P2
//! Number of cells: 21
//! Demand Vector:
//! 8,25,8,...
//! Matrix for P2:
//! 5,2,1,0,...        (n rows of n separations c_ij)
//! ```
//!
//! Cell i needs `d_i` distinct channels (integers from 1); channels f at cell i and g at cell j
//! must satisfy `|f - g| >= c_ij`, the diagonal `c_ii` being the co-site separation
//! (Sivarajan, McEliece, Ketchum, "Channel assignment in cellular radio", IEEE VTC 1989).
//! The objective is the smallest largest channel M (span = M - 1 in papers counting from 0).
//!
//! Model: one [`Variable`] per demanded channel, named `cell<i>:<k>` (1-based) and grouped by
//! cell; `|f - g| >= c` becomes `|f - g| > c - 1`. The domain is `1..=M_ff + M_ff/4 + 1` where
//! `M_ff` is the largest channel of a deterministic first-fit assignment: every solution at least
//! as good as first fit fits in it, and the margin leaves the search room to start from.
use super::problem::{Constraint, Objective, Problem, Relation, Variable, Weight};
use crate::{PlanError, Result};
use std::path::Path;

/// Reads a Philadelphia-format file.
pub fn read_philadelphia(path: &Path) -> Result<Problem> {
    let bytes = std::fs::read(path).map_err(|e| PlanError::io(path, e))?;
    let text = String::from_utf8_lossy(&bytes).replace('\0', " ");
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    let mut name =
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "philadelphia".into());
    let mut n: Option<usize> = None;
    let mut i = 0;
    let mut demand: Vec<u32> = Vec::new();
    let mut matrix: Vec<Vec<i32>> = Vec::new();
    while i < lines.len() {
        let (line_no, l) = lines[i];
        let lower = l.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("problem:") {
            if !rest.trim().is_empty() {
                name = l["problem:".len()..].trim().to_owned();
            }
            i += 1;
        } else if let Some(rest) = lower.strip_prefix("number of cells:") {
            let v: usize = rest.trim().parse().map_err(|_| {
                PlanError::parse(path, line_no, format!("bad number of cells {:?}", rest.trim()))
            })?;
            if v == 0 {
                return Err(PlanError::parse(path, line_no, "number of cells must be positive"));
            }
            n = Some(v);
            i += 1;
        } else if lower.starts_with("demand vector") {
            let n = n.ok_or_else(|| PlanError::parse(path, line_no, "`Number of cells:` must come first"))?;
            i += 1;
            while demand.len() < n {
                let (ln, l) = *lines.get(i).ok_or_else(|| {
                    PlanError::parse(path, 0, format!("file ends after {} of {n} demands", demand.len()))
                })?;
                for v in numbers(path, ln, l)? {
                    if v < 0 {
                        return Err(PlanError::parse(path, ln, format!("negative demand {v}")));
                    }
                    demand.push(v as u32);
                }
                i += 1;
            }
            if demand.len() != n {
                return Err(PlanError::parse(
                    path,
                    lines[i - 1].0,
                    format!("{} demands for {n} cells", demand.len()),
                ));
            }
        } else if lower.starts_with("matrix") {
            let n = n.ok_or_else(|| PlanError::parse(path, line_no, "`Number of cells:` must come first"))?;
            i += 1;
            for r in 0..n {
                let (ln, l) = *lines.get(i).ok_or_else(|| {
                    PlanError::parse(path, 0, format!("file ends after {r} of {n} matrix rows"))
                })?;
                let row = numbers(path, ln, l)?;
                if row.len() != n {
                    return Err(PlanError::parse(
                        path,
                        ln,
                        format!("matrix row has {} values, expected {n}", row.len()),
                    ));
                }
                if let Some(v) = row.iter().find(|&&v| v < 0) {
                    return Err(PlanError::parse(path, ln, format!("negative separation {v}")));
                }
                matrix.push(row);
                i += 1;
            }
            #[allow(clippy::needless_range_loop)] // (r, c) and (c, r) are both read
            for r in 0..n {
                for c in 0..r {
                    if matrix[r][c] != matrix[c][r] {
                        return Err(PlanError::parse(
                            path,
                            0,
                            format!(
                                "matrix not symmetric: c[{}][{}] = {} but c[{}][{}] = {}",
                                r + 1,
                                c + 1,
                                matrix[r][c],
                                c + 1,
                                r + 1,
                                matrix[c][r]
                            ),
                        ));
                    }
                }
            }
        } else {
            return Err(PlanError::parse(path, line_no, format!("unexpected line {l:?}")));
        }
    }
    let n = n.ok_or_else(|| PlanError::parse(path, 0, "missing `Number of cells:`"))?;
    if demand.len() != n {
        return Err(PlanError::parse(path, 0, "missing `Demand Vector:`"));
    }
    if matrix.len() != n {
        return Err(PlanError::parse(path, 0, "missing `Matrix for ...:`"));
    }
    build(name, &demand, &matrix)
}

/// Builds the problem from demands and a symmetric separation matrix.
pub fn build(name: String, demand: &[u32], matrix: &[Vec<i32>]) -> Result<Problem> {
    let n = demand.len();
    let groups: Vec<String> = (1..=n).map(|i| format!("cell{i}")).collect();
    let mut cell_of = Vec::new();
    let mut names = Vec::new();
    for (c, &d) in demand.iter().enumerate() {
        for k in 1..=d {
            cell_of.push(c);
            names.push(format!("cell{}:{k}", c + 1));
        }
    }
    let mut constraints = Vec::new();
    for a in 0..cell_of.len() {
        for b in a + 1..cell_of.len() {
            let sep = matrix[cell_of[a]][cell_of[b]];
            // Two channels of one cell are distinct even with a co-site separation of 0.
            let sep = if cell_of[a] == cell_of[b] { sep.max(1) } else { sep };
            if sep > 0 {
                constraints.push(Constraint {
                    a,
                    b,
                    relation: Relation::Greater,
                    k: sep - 1,
                    weight: Weight::Hard,
                });
            }
        }
    }
    // A quarter more than first fit, so that construction and repair have room to start from.
    let first = first_fit(cell_of.len(), &constraints);
    let upper = first + first / 4 + 1;
    let domain: Vec<i32> = (1..=upper).collect();
    let variables = names
        .into_iter()
        .zip(&cell_of)
        .map(|(name, &c)| Variable { name, domain: domain.clone(), pre: None, group: Some(c) })
        .collect();
    let problem = Problem { name, variables, constraints, objective: Objective::MinSpan, groups };
    problem.validate()?;
    Ok(problem)
}

/// Largest channel of the first-fit assignment in variable order: each variable takes the
/// smallest channel >= 1 compatible with those already placed.
fn first_fit(n: usize, constraints: &[Constraint]) -> i32 {
    let mut adj: Vec<Vec<(usize, i32)>> = vec![Vec::new(); n];
    for c in constraints {
        adj[c.a].push((c.b, c.k));
        adj[c.b].push((c.a, c.k));
    }
    let mut value = vec![0i32; n];
    let mut best = 1;
    for v in 0..n {
        let mut f = 1;
        'search: loop {
            for &(u, k) in &adj[v] {
                if u < v && (f - value[u]).abs() <= k {
                    f += 1;
                    continue 'search;
                }
            }
            break;
        }
        value[v] = f;
        best = best.max(f);
    }
    best
}

fn numbers(path: &Path, line: usize, text: &str) -> Result<Vec<i32>> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<i32>().map_err(|_| PlanError::parse(path, line, format!("{t:?} is not an integer")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_file_and_rejects_truncation() {
        let p = std::env::temp_dir().join(format!("spectra-phila-{}.txt", std::process::id()));
        std::fs::write(
            &p,
            "Problem: T\nNumber of cells: 2\nDemand Vector:\n2,1\n\nMatrix for T:\n3,1\n1,2\n",
        )
        .unwrap();
        let prob = read_philadelphia(&p).unwrap();
        assert_eq!(prob.variables.len(), 3);
        // cell1:1-cell1:2 (>2), cell1:1-cell2:1 (>0), cell1:2-cell2:1 (>0)
        assert_eq!(prob.constraints.len(), 3);
        assert_eq!(prob.constraints[0].k, 2);
        // first fit: 1, 4, 2 -> M_ff = 4, domain 1..=4 + 1 + 1
        assert_eq!(prob.variables[0].domain, vec![1, 2, 3, 4, 5, 6]);
        std::fs::write(&p, "Problem: T\nNumber of cells: 2\nDemand Vector:\n2,1\nMatrix for T:\n3,1\n")
            .unwrap();
        let e = read_philadelphia(&p).unwrap_err().to_string();
        assert!(e.contains("file ends after 1 of 2 matrix rows"), "{e}");
        std::fs::remove_file(&p).unwrap();
    }
}
