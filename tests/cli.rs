//! `cg` as a user runs it: JSON on stdout, one clear line on stderr and a non-zero exit on error.

use std::process::Command;

fn cg(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cg"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn extract_prints_the_profile_schema() {
    let (ok, stdout, _) = cg(&[
        "extract",
        "--url",
        "https://www.linkedin.com/in/sanne-de-vries/",
        "tests/fixtures/pages/sanne-de-vries.html",
    ]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["site"], "linkedin");
    assert_eq!(json["url"], "https://www.linkedin.com/in/sanne-de-vries/");
    assert_eq!(json["handle"], "sanne-de-vries");
    assert_eq!(json["name"], "Sanne de Vries");
    for field in ["headline", "location", "positions", "education", "mutuals"] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn extract_says_why_a_page_holds_no_profile() {
    let (ok, stdout, _) = cg(&[
        "extract",
        "--url",
        "https://www.linkedin.com/in/nobody/",
        "tests/fixtures/pages/not-found.html",
    ]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["profile"], serde_json::Value::Null);
    assert_eq!(json["reason"], "not_found");
}

#[test]
fn a_missing_file_is_one_clear_line_and_a_failure() {
    let (ok, stdout, stderr) = cg(&[
        "extract",
        "--url",
        "https://www.linkedin.com/in/a/",
        "no/such.html",
    ]);
    assert!(!ok);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no/such.html"), "{stderr}");
}

#[test]
fn import_prints_a_report_and_writes_json_for_the_other_commands() {
    let dir = std::env::temp_dir().join(format!("cg-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("export.zip");
    let (ok, _, stderr) = cg(&[
        "sample-export",
        "--connections",
        "50",
        "--messages",
        "20",
        zip.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    let out = dir.join("json");
    let (ok, stdout, stderr) = cg(&[
        "import",
        zip.to_str().unwrap(),
        "--json-out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["files"]["Connections.csv"]["rows"], 50);
    assert_eq!(report["files"]["Connections.csv"]["imported"], 50);
    assert_eq!(
        report["files"]["Connections.csv"]["skipped"],
        serde_json::json!([])
    );
    let me: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("me.json")).unwrap()).unwrap();
    assert_eq!(me["name"], "Sam Example");
    assert_eq!(me["positions"][0]["org"], "Veldwerk Analytics");
    let contacts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("contacts.json")).unwrap()).unwrap();
    assert_eq!(contacts.as_array().unwrap().len(), 50);
}

#[test]
fn import_of_a_broken_zip_is_one_clear_line() {
    let dir = std::env::temp_dir().join(format!("cg-cli-badzip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("broken.zip");
    std::fs::write(&zip, b"PK\x03\x04 not really a zip").unwrap();
    let (ok, _, stderr) = cg(&["import", zip.to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("broken.zip is not a readable zip archive"),
        "{stderr}"
    );
}

#[test]
fn common_ground_from_an_imported_me_and_an_extracted_page() {
    let dir = std::env::temp_dir().join(format!("cg-cli-common-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    assert!(
        cg(&[
            "sample-export",
            "--connections",
            "20",
            "--messages",
            "5",
            &path("export.zip")
        ])
        .0
    );
    assert!(cg(&["import", &path("export.zip"), "--json-out", &path("json")]).0);
    let (ok, profile, _) = cg(&[
        "extract",
        "--url",
        "https://www.linkedin.com/in/sanne-de-vries/",
        "tests/fixtures/pages/sanne-de-vries.html",
    ]);
    assert!(ok);
    std::fs::write(dir.join("sanne.json"), profile).unwrap();
    let (ok, stdout, stderr) = cg(&[
        "common",
        "--me",
        &path("json/me.json"),
        "--profile",
        &path("sanne.json"),
        "--contacts",
        &path("json"),
        "--today",
        "2026-11",
    ]);
    assert!(ok, "{stderr}");
    let a: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // The sample user: Veldwerk Analytics since Jan 2020, Gemeente Utrecht Mar 2016 - Dec 2019.
    // Sanne: Veldwerk Analytics since Nov 2021, Gemeente Utrecht Mar 2017 - Oct 2021.
    assert_eq!(a["shared_employers"][0]["org"], "Veldwerk Analytics");
    assert_eq!(
        a["shared_employers"][0]["overlap_months"], 61,
        "Nov 2021 to Nov 2026"
    );
    assert_eq!(a["shared_employers"][1]["org"], "Gemeente Utrecht");
    assert_eq!(
        a["shared_employers"][1]["overlap_months"], 34,
        "Mar 2017 to Dec 2019"
    );
    assert_eq!(a["shared_schools"][0]["org"], "Universiteit Utrecht");
    assert_eq!(a["same_city"], "Utrecht");
    // The page names two mutual connections, neither of them a sample contact; the sample
    // contacts at Veldwerk Analytics work with Sanne now, the most written-to first.
    let mutuals = a["mutuals"].as_array().unwrap();
    let named: Vec<&serde_json::Value> = mutuals
        .iter()
        .filter(|m| m["colleague_at"].is_null())
        .collect();
    assert_eq!(named.len(), 2);
    assert!(named.iter().all(|m| m["contact"].is_null()));
    let colleagues: Vec<&serde_json::Value> = mutuals
        .iter()
        .filter(|m| m["colleague_at"] == "Veldwerk Analytics")
        .collect();
    assert!(!colleagues.is_empty() && colleagues.len() <= 12);
    let scores: Vec<u64> = colleagues
        .iter()
        .map(|m| m["tie"]["score"].as_u64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(a["mutual_count"], 4);
    // Sanne is not a contact and there is no history with her.
    assert!(a["relationship"].is_null());
    // Drafts on the same ground: within the limit, each naming its facts.
    std::fs::write(
        dir.join("notes.json"),
        r#"[{"text": "Met at the Open Data meetup", "created": 1760000000000}]"#,
    )
    .unwrap();
    let draft = |extra: &[&str]| {
        let mut args = vec![
            "draft".to_owned(),
            "--me".into(),
            path("json/me.json"),
            "--profile".into(),
            path("sanne.json"),
            "--contacts".into(),
            path("json"),
            "--notes".into(),
            path("notes.json"),
            "--today".into(),
            "2026-11".into(),
        ];
        args.extend(extra.iter().map(|a| a.to_string()));
        cg(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let (ok, stdout, stderr) = draft(&["--lang", "nl", "--limit", "200"]);
    assert!(ok, "{stderr}");
    let drafts: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let drafts = drafts.as_array().unwrap();
    assert!(drafts.len() >= 3);
    assert!(drafts[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Hoi Sanne,\nLeuk je te hebben ontmoet op de Open Data meetup."));
    assert_eq!(drafts[0]["facts"][0]["kind"], "met");
    assert_eq!(drafts[0]["facts"][0]["source"], "your note of 9 Oct 2025");
    for d in drafts {
        let text = d["text"].as_str().unwrap();
        assert_eq!(
            d["chars"].as_u64().unwrap() as usize,
            text.encode_utf16().count()
        );
        assert!(text.encode_utf16().count() <= 200);
        for f in d["facts"].as_array().unwrap() {
            assert!(text.contains(f["value"].as_str().unwrap()), "{f} in {text}");
        }
    }
    // Nothing new since a previous visit that was never made: nothing to congratulate on.
    let (ok, _, stderr) = draft(&["--purpose", "congratulate"]);
    assert!(
        !ok && stderr.contains("nothing to congratulate"),
        "{stderr}"
    );
    // After they accepted: thanks and something given, in Dutch with "u" too; no wish to
    // connect, no question.
    for (lang, formal, thanks) in [
        ("en", false, "Thanks for connecting."),
        ("nl", false, "Dank je voor het connecten."),
        (
            "nl",
            true,
            "Dank u voor het accepteren van mijn uitnodiging.",
        ),
    ] {
        let mut args = vec!["--purpose", "first-message", "--lang", lang];
        if formal {
            args.push("--formal");
        }
        let (ok, stdout, stderr) = draft(&args);
        assert!(ok, "{stderr}");
        let drafts: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
        assert!(drafts.len() >= 2, "{stdout}");
        for d in &drafts {
            let text = d["text"].as_str().unwrap();
            assert!(text.encode_utf16().count() <= 200, "{text}");
            assert!(!text.contains('?') && !text.contains("connect."), "{text}");
        }
        assert!(
            drafts[0]["text"].as_str().unwrap().contains(thanks),
            "{}",
            drafts[0]["text"]
        );
        if formal {
            assert!(drafts
                .iter()
                .all(|d| !d["text"].as_str().unwrap().contains(" je ")));
        }
    }
    let (ok, _, stderr) = draft(&["--purpose", "apologise"]);
    assert!(!ok && stderr.contains("first-message"), "{stderr}");
    let (ok, _, stderr) = cg(&[
        "common",
        "--me",
        "no/such.json",
        "--profile",
        &path("sanne.json"),
    ]);
    assert!(!ok && stderr.contains("no/such.json"), "{stderr}");
}

#[test]
fn check_message_reads_stdin_and_gives_character_spans() {
    use std::io::Write;
    let run_in = |context: &str, message: &str| -> serde_json::Value {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cg"))
            .args(["check-message", "--context", context])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(message.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let run = |message: &str| run_in("first", message);
    let message = "Leuk, Zoë! Wat kunnen wij voor elkaar betekenen?";
    let answer = run(message);
    assert_eq!(answer["asks_favour"], true);
    let finding = &answer["findings"][0];
    assert_eq!(finding["kind"], "mutual_benefit");
    let (start, end) = (
        finding["start"].as_u64().unwrap() as usize,
        finding["end"].as_u64().unwrap() as usize,
    );
    let span: String = message.chars().skip(start).take(end - start).collect();
    assert_eq!(span, "Wat kunnen wij voor elkaar betekenen?");
    // The rewrite is in the message's language.
    assert!(finding["suggestion"]
        .as_str()
        .is_some_and(|s| s.contains("als ik")));
    assert_eq!(
        run("Zullen we connecten?"),
        serde_json::json!({"asks_favour": false, "findings": []})
    );
    // How they are doing is a fair question between people in touch, not in a first message.
    assert_eq!(run("Hoe gaat het met je?")["asks_favour"], true);
    assert_eq!(
        run_in("keep-in-touch", "Hoe gaat het met je?")["asks_favour"],
        false
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_cg"))
        .args(["check-message", "--context", "later"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("first, follow-up or keep-in-touch"));
}
