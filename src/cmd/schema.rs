//! `portal schema`.

use portal::{say, tell};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use portal::schema::Schema;

/// The arguments of `portal schema` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// Folder to write <type>.schema.json files into.
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    pub out: PathBuf,
}

/// Writes the schemas.
pub fn run(args: Args) -> ExitCode {
    match write_schemas(&args.out) {
        Ok(()) => {
            say!(
                "Wrote {} schemas into {}",
                Schema::ALL.len(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn write_schemas(out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for schema in Schema::ALL {
        let path = out.join(format!("{}.schema.json", schema.name()));
        let text = serde_json::to_string_pretty(&schema.schema())? + "\n";
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
