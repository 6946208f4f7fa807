//! `portal init`.

use std::path::PathBuf;
use std::process::ExitCode;

use portal::date::Date;
use portal::{pipeline, say, scaffold, tell};

/// The arguments of `portal init` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The folder of the new site (created if missing; must not hold a
    /// content/ folder yet).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// Writes the starter site and says what to do next.
pub fn run(args: Args) -> ExitCode {
    match scaffold::init(&args.dir, Date(pipeline::today())) {
        Ok(files) => {
            say!("Created a new site in {}:", args.dir.display());
            for file in &files {
                say!("  {}", file.display());
            }
            let root = if args.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", args.dir.display())
            };
            say!();
            say!("Next: portal serve{root}   (a live preview on http://127.0.0.1:1111/)");
            say!("Values marked \"Beispielwert\" are stand-ins: `portal check{root} --examples` lists them.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
