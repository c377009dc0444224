//! The `spectra` binary; everything lives in the `spectra_cli` library.
fn main() {
    std::process::exit(spectra_cli::main_exit_code());
}
