//! SEAMCAT-class Monte Carlo interference engine (ECC Report 252 methodology).
//!
//! A [`Scenario`] (TOML or JSON) describes a victim link, interfering links, random variables,
//! positions, antennas, masks and propagation. [`Simulation`] compiles it and evaluates events:
//! each event is a pure function of (scenario, seed, event index), its random draws coming from
//! a counter-addressed ChaCha8 stream ([`random`]). Statistics are exact integer tallies
//! ([`statistics`]), so any split into threads or shards merges to bit-identical results
//! ([`results`]). Conventions are documented in `docs/simulation.md`.
pub mod engine;
pub mod position;
pub mod random;
pub mod results;
pub mod scenario;
pub mod statistics;

pub use engine::{EventOutcome, Simulation, Thresholds};
pub use results::{merge, Results, Shard};
pub use scenario::Scenario;
pub use statistics::Tally;
