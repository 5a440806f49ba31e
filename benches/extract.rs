//! Extraction time per page, natively: every committed sample page, every shared real page when
//! `../shared/fixtures` is present, and a generated 10 MB profile (a very long experience list)
//! to show extraction stays linear. Run with `./build.sh bench` (it also measures the same pages
//! in Chromium's Wasm next to `DOMParser`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use common_ground::extract::extract;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn pages() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let li = "https://www.linkedin.com/in/someone/";
    let mut add = |label: &str, url: &str, path: PathBuf| {
        if let Ok(bytes) = std::fs::read(&path) {
            out.push((
                label.to_owned(),
                url.to_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    };
    let shared = root.join("../shared/fixtures/linkedin-html");
    add(
        "logged-in-2024/profile1",
        li,
        shared.join("logged-in-2024/profile1.html"),
    );
    add(
        "logged-in-2024/profile3",
        li,
        shared.join("logged-in-2024/profile3.html"),
    );
    add(
        "logged-in-2024/profile5",
        li,
        shared.join("logged-in-2024/profile5.html"),
    );
    add(
        "public-2024/profile1",
        li,
        shared.join("public-2024/profile1.html"),
    );
    add(
        "public-2024/profile3",
        li,
        shared.join("public-2024/profile3.html"),
    );
    let committed = root.join("tests/fixtures/pages");
    add(
        "sample 2024 sanne-de-vries",
        li,
        committed.join("sanne-de-vries.html"),
    );
    add(
        "sample 2026 jonas-berg",
        li,
        committed.join("jonas-berg.html"),
    );
    out.push((
        "generated 10 MB".to_owned(),
        li.to_owned(),
        ten_megabytes(&committed),
    ));
    out
}

/// A 2024 logged-in page whose experience list is repeated until the page is 10 MB.
fn ten_megabytes(committed: &Path) -> String {
    let page = std::fs::read_to_string(committed.join("sanne-de-vries.html")).unwrap_or_default();
    let (Some(start), Some(end)) = (
        page.find("<li class=\"artdeco-list__item"),
        page.find("</ul>"),
    ) else {
        return page;
    };
    let entries = &page[start..end];
    let mut big = String::with_capacity(10 << 20);
    big.push_str(&page[..start]);
    while big.len() < 10 << 20 {
        big.push_str(entries);
    }
    big.push_str(&page[end..]);
    big
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (label, url, html) in pages() {
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{label} ({} KB)", html.len() / 1024)),
            &html,
            |b, html| b.iter(|| extract(&url, html).expect("valid address")),
        );
        // The HTML parser alone, to show what the reading on top of it costs.
        group.bench_with_input(
            BenchmarkId::new("html5ever parse only", &label),
            &html,
            |b, html| b.iter(|| scraper::Html::parse_document(html)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
