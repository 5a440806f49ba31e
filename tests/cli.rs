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
