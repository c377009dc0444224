use spectra_plan::assignment::*;
use std::time::Duration;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let secs: f64 = args[1].parse().unwrap();
    for path in &args[2..] {
        let p = std::path::Path::new(path);
        let mut prob = if p.is_dir() { read_calma(p).unwrap() } else { read_philadelphia(p).unwrap() };
        if prob.name == "scen04" { prob.objective = Objective::MinOrder; }
        let lb = lower_bound(&prob);
        let d = Dsatur.solve(&prob, &SolveOptions::default()).unwrap();
        let s = TabuSearch.solve(&prob, &SolveOptions { time_limit: Duration::from_secs_f64(secs), seed: 1, threads: 1, max_iterations: None }).unwrap();
        println!("{:14} {:16} lb={:?} dsatur={} (feas {}) tabu={} feas={} hv={} t={:.2}s it={}", prob.name, prob.objective.name(), lb, d.evaluation.objective, d.evaluation.feasible, s.evaluation.objective, s.evaluation.feasible, s.evaluation.hard_violations.len(), s.elapsed.as_secs_f64(), s.iterations);
    }
}
