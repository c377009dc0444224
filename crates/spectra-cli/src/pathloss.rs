pub fn run(_a: PathlossArgs) -> Result<(), crate::error::CliError> {
    Ok(())
}
pub fn list_models() -> Result<(), crate::error::CliError> {
    Ok(())
}
#[derive(Debug, clap::Args)]
pub struct PathlossArgs {}
