//! spectra-plan: band plans, stations, compatibility, frequency assignment, harmonisation.
#![forbid(unsafe_code)]
