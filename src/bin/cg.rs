//! `cg`: Common Ground's pure capabilities from the shell, for tests, benchmarks and power users.
//!
//! JSON on stdout; errors on stderr, one line saying which file and what is wrong, and a
//! non-zero exit.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The binary has no meaning in the browser; this keeps `cargo test --target wasm32-…` building.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use common_ground::extract::extract;

    #[derive(Parser)]
    #[command(name = "cg", version, about = "Common Ground from the command line")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Read the profile on a saved page: prints a Profile, or {"profile": null, "reason": …}.
        Extract {
            /// The address the page was served from; it decides which site's reader is used.
            #[arg(long)]
            url: String,
            /// The saved HTML file.
            file: PathBuf,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli.command) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("cg: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn run(command: Command) -> Result<String, String> {
        match command {
            Command::Extract { url, file } => {
                let bytes = std::fs::read(&file)
                    .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                // Saved pages are sometimes not valid UTF-8; the parser copes with replacement
                // characters, so a stray byte does not lose the whole page.
                let html = String::from_utf8_lossy(&bytes);
                let extraction =
                    extract(&url, &html).map_err(|e| format!("{}: {e}", file.display()))?;
                serde_json::to_string_pretty(&extraction)
                    .map_err(|e| format!("cannot write the result as JSON: {e}"))
            }
        }
    }
}
