//! The boundaries the build does not check by itself: the pure modules (every `pub mod` of
//! `src/lib.rs` without a `#[cfg]`) import neither the browser shell (`store`, `background`,
//! `reader`, `ui`, `chrome`) nor a browser crate, and they form no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SHELL_CRATES: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "idb",
    "gloo",
    "serde_wasm_bindgen",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The crate's modules from `lib.rs`: (name, whether it is pure).
fn modules() -> Vec<(String, bool)> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut out = Vec::new();
    let mut behind_cfg = false;
    for line in lib.lines().map(str::trim) {
        if line.starts_with("#[cfg(") {
            behind_cfg = true;
        } else if let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'))
        {
            out.push((name.to_owned(), !behind_cfg));
            behind_cfg = false;
        }
    }
    out
}

/// The text of a module: `src/<name>.rs`, or every file under `src/<name>/`.
fn text_of(name: &str) -> String {
    let file = src().join(format!("{name}.rs"));
    if file.exists() {
        return std::fs::read_to_string(file).unwrap();
    }
    let mut text = String::new();
    let mut dirs = vec![src().join(name)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    text
}

/// Which of `known` a module's text names as `crate::<module>`.
fn uses(text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    text.split("crate::")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            known.contains(&name).then_some(name)
        })
        .collect()
}

#[test]
fn the_pure_modules_import_no_shell() {
    let all = modules();
    let shell: BTreeSet<String> = all
        .iter()
        .filter(|(_, pure)| !pure)
        .map(|(n, _)| n.clone())
        .collect();
    assert!(shell.contains("store") && shell.contains("ui"), "{shell:?}");
    for (name, _) in all.iter().filter(|(_, pure)| *pure) {
        let text = text_of(name);
        let reached = uses(&text, &shell);
        assert!(
            reached.is_empty(),
            "the pure module {name} uses the shell: {reached:?}"
        );
        for krate in SHELL_CRATES {
            assert!(
                !text.contains(&format!("{krate}::")),
                "the pure module {name} uses {krate}"
            );
        }
    }
}

#[test]
fn the_pure_modules_form_no_cycle() {
    let pure: BTreeSet<String> = modules()
        .into_iter()
        .filter(|(_, p)| *p)
        .map(|(n, _)| n)
        .collect();
    let graph: BTreeMap<String, BTreeSet<String>> = pure
        .iter()
        .map(|m| {
            let mut deps = uses(&text_of(m), &pure);
            deps.remove(m);
            (m.clone(), deps)
        })
        .collect();
    // Depth first; a module met again while it is on the path closes a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!(
                "the pure modules form a cycle: {} → {m}",
                path[at..].join(" → ")
            );
        }
        if !done.insert(m.to_owned()) {
            return;
        }
        path.push(m.to_owned());
        for dep in &graph[m] {
            visit(dep, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
    // The basics are leaves.
    for leaf in ["calendar", "model"] {
        assert!(graph[leaf].is_empty(), "{leaf} uses {:?}", graph[leaf]);
    }
}
