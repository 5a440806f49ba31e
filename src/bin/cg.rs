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
    use common_ground::history::{common_ground, month_of, Month};
    use common_ground::import::{read_files, sample, ExportFile};
    use common_ground::model::{Contact, Profile};

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
        /// Read a LinkedIn data export (the .zip, a folder of its CSV files, or one CSV file):
        /// prints per file how many rows were read and which were skipped, with line and reason.
        Import {
            path: PathBuf,
            /// Also write what was read: me.json (Profile schema), contacts.json,
            /// conversations.json and invitations.json.
            #[arg(long)]
            json_out: Option<PathBuf>,
        },
        /// The common ground between you and a person: shared employers and schools with the
        /// months you overlapped (or how far apart you were), the same city, and mutual
        /// connections matched to your contacts.
        Common {
            /// You, as a Profile (`cg import --json-out DIR` writes DIR/me.json).
            #[arg(long)]
            me: PathBuf,
            /// The person, as `cg extract` prints them.
            #[arg(long)]
            profile: PathBuf,
            /// Your contacts (`cg import --json-out DIR` writes DIR/contacts.json).
            #[arg(long)]
            contacts: Option<PathBuf>,
            /// The month to count "current" positions up to (YYYY-MM); this month if left out.
            #[arg(long)]
            today: Option<String>,
        },
        /// Write a generated export of fictional people in the real 2024 format: a .zip, or
        /// only Connections.csv when OUT ends in .csv.
        SampleExport {
            #[arg(long, default_value_t = 30_000)]
            connections: usize,
            #[arg(long, default_value_t = 100_000)]
            messages: usize,
            /// Where to write the .zip (or the .csv).
            out: PathBuf,
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
                json(&extraction)
            }
            Command::Import { path, json_out } => {
                let export = read_files(export_files(&path)?).map_err(|e| e.to_string())?;
                if let Some(dir) = json_out {
                    std::fs::create_dir_all(&dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                    let write = |name: &str, text: String| {
                        let file = dir.join(name);
                        std::fs::write(&file, text)
                            .map_err(|e| format!("cannot write {}: {e}", file.display()))
                    };
                    if let Some(me) = &export.me {
                        write("me.json", json(me)?)?;
                    }
                    write("contacts.json", json(&export.contacts)?)?;
                    write("conversations.json", json(&export.conversations)?)?;
                    write("invitations.json", json(&export.invitations)?)?;
                }
                json(&export.report)
            }
            Command::Common {
                me,
                profile,
                contacts,
                today,
            } => {
                let me: Profile = read_json(&me)?;
                let them: Profile = read_json(&profile)?;
                let contacts: Vec<Contact> = match contacts {
                    Some(path) => read_json(&path)?,
                    None => Vec::new(),
                };
                let today = match today {
                    Some(t) => month_of(&t, false)
                        .ok_or_else(|| format!("--today {t}: write it as YYYY-MM"))?,
                    None => this_month(),
                };
                json(&common_ground(&me, &them, &contacts, today))
            }
            Command::SampleExport {
                connections,
                messages,
                out,
            } => {
                let csv = out
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
                let bytes = if csv {
                    sample::connections_csv(connections).into_bytes()
                } else {
                    sample::export_zip(connections, messages)
                };
                std::fs::write(&out, bytes)
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                Ok(format!(
                    "{{\"written\": {}, \"connections\": {connections}, \"messages\": {messages}}}",
                    serde_json::Value::String(out.display().to_string())
                ))
            }
        }
    }

    fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The current month, from the system clock (days since 1970 to a civil date).
    fn this_month() -> Month {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let days = (secs / 86_400) as i64 + 719_468;
        let era = days.div_euclid(146_097);
        let doe = days - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year * 12 + month - 1) as Month
    }

    fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string_pretty(value)
            .map_err(|e| format!("cannot write the result as JSON: {e}"))
    }

    /// The files at `path`: a zip or CSV file as it is, or every file in a folder.
    fn export_files(path: &std::path::Path) -> Result<Vec<ExportFile>, String> {
        let read = |file: &std::path::Path| {
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
        };
        let name = |file: &std::path::Path| {
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        if !path.is_dir() {
            return Ok(vec![ExportFile::new(name(path), read(path)?)]);
        }
        let mut files = Vec::new();
        let entries =
            std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for entry in entries {
            let file = entry
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .path();
            let lower = name(&file).to_ascii_lowercase();
            if file.is_file() && (lower.ends_with(".csv") || lower.ends_with(".zip")) {
                files.push(ExportFile::new(name(&file), read(&file)?));
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(files)
    }
}
