//! Finds the phrase books: every `src/phrases/<language>.txt` is a language of the interface, so
//! that adding one is adding one file (`src/phrases/mod.rs` reads them).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("src/phrases");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut codes: Vec<String> = std::fs::read_dir(dir)
        .expect("src/phrases is readable")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            println!("cargo:rerun-if-changed={}", path.display());
            (path.extension()? == "txt").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    // English first: the book every other one falls back to.
    codes.sort_by_key(|code| (code != "en", code.clone()));
    assert_eq!(
        codes.first().map(String::as_str),
        Some("en"),
        "src/phrases/en.txt is missing"
    );
    let mut out = String::from("pub(super) const BOOKS: &[(&str, &str)] = &[\n");
    for code in &codes {
        let path = std::fs::canonicalize(dir.join(format!("{code}.txt"))).expect("book exists");
        writeln!(out, "    ({code:?}, include_str!({:?})),", path.display()).unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("books.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
