//! `portal serve`.

use portal::{say, tell};
use std::path::PathBuf;
use std::process::ExitCode;

use portal::pipeline::BuildOptions;
use portal::serve;

/// The arguments of `portal serve` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, which holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on (loopback unless you need otherwise).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include news articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Let the forms at /admin/ save when --bind is not a loopback
    /// address (anyone who reaches the address can then change the
    /// content).
    #[arg(long)]
    pub allow_remote_editing: bool,
}

/// Serves the site until Ctrl+C; exit code 2 when it cannot start.
pub fn run(args: Args) -> ExitCode {
    let options = serve::ServeOptions {
        build: BuildOptions {
            out: args.root.join("public"),
            root: args.root,
            base_url: None,
            drafts: args.drafts,
            search: true,
            precompress: false,
        },
        bind: args.bind,
        port: args.port,
        allow_remote_editing: args.allow_remote_editing,
    };
    let open = args.open;
    let result = serve::run(options, |address| {
        let url = format!("http://{address}/");
        say!("Serving {url} (Ctrl+C to stop)");
        if open {
            // Best effort: a machine without a desktop has no opener.
            let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tell!("error: {e}");
            ExitCode::from(2)
        }
    }
}
