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
    use common_ground::describe::fact_source;
    use common_ground::draft::favour::{check_for, Occasion};
    use common_ground::draft::{drafts, Brief, Context, Lang, Purpose, FREE_LIMIT};
    use common_ground::extract::{extract, page_text};
    use common_ground::phrases::{self, book};
    use std::collections::HashMap;

    use common_ground::calendar::{day_of, Day};
    use common_ground::history::{annotate, Annotation};
    use common_ground::import::{read_files, sample, ExportFile};
    use common_ground::model::{Contact, Conversation, Invitation, Note, Profile};
    use common_ground::people::{ContactByUser, People};
    use common_ground::relationship::Kept;

    #[derive(Parser)]
    #[command(name = "cg", version, about = "Common Ground from the command line")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    /// What the common ground is worked out from.
    #[derive(clap::Args)]
    struct Ground {
        /// You, as a Profile (`cg import --json-out DIR` writes DIR/me.json).
        #[arg(long)]
        me: PathBuf,
        /// The person, as `cg extract` prints them.
        #[arg(long)]
        profile: PathBuf,
        /// Your contacts: contacts.json, or the folder `cg import --json-out DIR` wrote
        /// (then its conversations.json and invitations.json are read too).
        #[arg(long)]
        contacts: Option<PathBuf>,
        /// The profile as your previous visit read it, to say what changed since.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// The day to count up to (YYYY-MM-DD, or YYYY-MM for its first day); today if left
        /// out.
        #[arg(long)]
        today: Option<String>,
    }

    /// A note as `cg draft --notes` reads it.
    #[derive(serde::Deserialize)]
    struct NoteArg {
        text: String,
        #[serde(default)]
        created: f64,
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
            /// Print the page's visible text as the reader sees it (headings, list items,
            /// buttons marked) instead of what it read.
            #[arg(long)]
            lines: bool,
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
        /// months you overlapped (or how far apart you were), the same city, mutual connections
        /// matched to your contacts and ranked by how well you know them, and your relationship.
        Common {
            #[command(flatten)]
            ground: Ground,
        },
        /// Drafts of a short, personal message that uses the common ground and asks for
        /// nothing: `[{"text", "chars", "facts": [{"kind", "value", "source"}]}]`, within the
        /// limit in UTF-16 code units as LinkedIn counts.
        Draft {
            #[command(flatten)]
            ground: Ground,
            /// en or nl; guessed from the person's location and profile if left out.
            #[arg(long)]
            lang: Option<Lang>,
            /// 200 (a free account) or 300 (Premium).
            #[arg(long, default_value_t = FREE_LIMIT)]
            limit: usize,
            /// connect, congratulate, share, thank, reconnect or follow-up.
            #[arg(long, default_value = "connect")]
            purpose: Purpose,
            /// Dutch drafts say "u" rather than "je".
            #[arg(long)]
            formal: bool,
            /// What to share (a link or a topic), or what to thank them for.
            #[arg(long)]
            given: Option<String>,
            /// Your notes about the person: a JSON list of {"text", "created"} (milliseconds).
            #[arg(long)]
            notes: Option<PathBuf>,
        },
        /// Read a message on stdin and say where it asks the recipient for something (a job, an
        /// introduction, a call, feedback, a sale, "what can we do for each other"), in English
        /// or Dutch: `{"asks_favour", "findings": [{"start", "end", "kind", "why"}]}` with
        /// character offsets into the input.
        CheckMessage {
            /// How strict: `first` (a connection request), `follow-up` (after they accepted
            /// or after meeting) or `keep-in-touch`.
            #[arg(long, default_value = "first", value_parser = parse_occasion)]
            context: Occasion,
        },
        /// Write a generated backup of fictional people (the options page restores it): the
        /// contacts, notes about them and logged interactions.
        SampleBackup {
            #[arg(long, default_value_t = 30_000)]
            contacts: usize,
            #[arg(long, default_value_t = 10_000)]
            notes: usize,
            #[arg(long, default_value_t = 5_000)]
            interactions: usize,
            out: PathBuf,
        },
        /// Read a backup file and say what it holds, or what is wrong with it and where.
        CheckBackup { file: PathBuf },
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
                use std::io::Write;
                // A reader that stopped early (`cg … | head`) is not a failure of cg's.
                match writeln!(std::io::stdout().lock(), "{json}") {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        eprintln!("cg: could not write the answer: {e}");
                        ExitCode::FAILURE
                    }
                    _ => ExitCode::SUCCESS,
                }
            }
            Err(message) => {
                eprintln!("cg: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn run(command: Command) -> Result<String, String> {
        match command {
            Command::Extract { url, file, lines } => {
                let bytes = std::fs::read(&file)
                    .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                // Saved pages are sometimes not valid UTF-8; the parser copes with replacement
                // characters, so a stray byte does not lose the whole page.
                let html = String::from_utf8_lossy(&bytes);
                if lines {
                    return page_text(&url, &html).map_err(|e| format!("{}: {e}", file.display()));
                }
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
            Command::Common { ground } => {
                let (_, _, annotation) = common(ground)?;
                json(&annotation)
            }
            Command::Draft {
                ground,
                lang,
                limit,
                purpose,
                formal,
                given,
                notes,
            } => {
                let (me, them, annotation) = common(ground)?;
                let notes: Vec<NoteArg> = notes
                    .map(|p| read_json(&p))
                    .transpose()?
                    .unwrap_or_default();
                let notes: Vec<Note> = notes
                    .into_iter()
                    .map(|n| Note::new(them.key(), n.text, n.created))
                    .collect();
                let context = Context {
                    me: Some(&me),
                    them: &them,
                    annotation: &annotation,
                    notes: &notes,
                    interactions: &[],
                };
                let brief = Brief {
                    purpose,
                    lang: lang.unwrap_or_else(|| Lang::guess(&them)),
                    formal,
                    limit,
                    given,
                };
                let made = drafts(&context, &brief).map_err(|e| e.to_string())?;
                // Where each fact comes from, said in words rather than as a record.
                let english = book(phrases::Lang::EN);
                let mut out = serde_json::to_value(&made).map_err(|e| e.to_string())?;
                for (shown, draft) in out.as_array_mut().into_iter().flatten().zip(&made) {
                    let facts = shown["facts"].as_array_mut().into_iter().flatten();
                    for (fact_json, fact) in facts.zip(&draft.facts) {
                        fact_json["source"] = fact_source(english, &fact.source).into();
                    }
                }
                json(&out)
            }
            Command::CheckMessage { context } => {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                    .map_err(|e| format!("cannot read the message from stdin: {e}"))?;
                let findings = check_for(&text, context);
                json(&serde_json::json!({
                    "asks_favour": !findings.is_empty(),
                    "findings": findings,
                }))
            }
            Command::SampleBackup {
                contacts,
                notes,
                interactions,
                out,
            } => {
                let text = common_ground::backup::sample(contacts, notes, interactions)
                    .to_json()
                    .map_err(|e| e.to_string())?;
                std::fs::write(&out, text)
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                json(&serde_json::json!({ "written": out.display().to_string() }))
            }
            Command::CheckBackup { file } => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                let backup = common_ground::backup::parse(&text)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                json(&serde_json::json!({ "holds": backup.summary(book(phrases::Lang::EN)) }))
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

    /// Me, the person and the annotation of a visit to them, from `cg common`'s arguments.
    fn common(ground: Ground) -> Result<(Profile, Profile, Annotation), String> {
        let Ground {
            me,
            profile,
            contacts,
            previous,
            today,
        } = ground;
        let me: Profile = read_json(&me)?;
        let them: Profile = read_json(&profile)?;
        let previous: Option<Profile> = previous.map(|p| read_json(&p)).transpose()?;
        let (contacts, conversations, invitations) = match contacts {
            Some(path) if path.is_dir() => {
                let contacts: Vec<Contact> = read_json(&path.join("contacts.json"))?;
                let conversations: Vec<Conversation> =
                    read_if_there(&path.join("conversations.json"))?;
                let invitations: Vec<Invitation> = read_if_there(&path.join("invitations.json"))?;
                (contacts, conversations, invitations)
            }
            Some(path) => (read_json(&path)?, Vec::new(), Vec::new()),
            None => Default::default(),
        };
        let today = match today {
            Some(t) => day_of(&t)
                .or_else(|| day_of(&format!("{t}-01")))
                .ok_or_else(|| format!("--today {t}: write it as YYYY-MM-DD"))?,
            None => this_day(),
        };
        let mut kept: HashMap<String, Kept> = HashMap::new();
        for invitation in invitations {
            kept.entry(invitation.person.clone())
                .or_default()
                .invitations
                .push(invitation);
        }
        let kept: Vec<(String, Kept)> = kept.into_iter().collect();
        let people = People::new(
            contacts.into_iter().map(|c| (c, ContactByUser::default())),
            conversations,
        );
        let annotation = annotate(
            Some(&me),
            &them,
            previous.as_ref(),
            &people,
            &kept,
            &[],
            today,
        );
        Ok((me, them, annotation))
    }

    fn parse_occasion(text: &str) -> Result<Occasion, String> {
        Occasion::parse(text).ok_or_else(|| {
            format!("unknown context {text:?}: use first, follow-up or keep-in-touch")
        })
    }

    fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// A list from a JSON file, or an empty one when the file is not there.
    fn read_if_there<T: serde::de::DeserializeOwned>(
        path: &std::path::Path,
    ) -> Result<Vec<T>, String> {
        if path.exists() {
            read_json(path)
        } else {
            Ok(Vec::new())
        }
    }

    /// Today, from the system clock.
    fn this_day() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        (secs / 86_400) as Day
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
