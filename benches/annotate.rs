//! The common ground natively, with the largest store LinkedIn allows: 30,000 contacts and
//! 100,000 messages from the generated export, against the sample 2024 profile (whose current
//! employer one in eight generated contacts shares). Measures what the service worker does per
//! visit (`involved`: the lookups), what the overlay does (`annotate`), and building the index
//! once per service-worker lifetime (`People::new`). `./build.sh bench` also measures all of it
//! in Chromium.

use std::hint::black_box;

use common_ground::calendar::day_of;
use common_ground::extract::{extract, Extraction};
use common_ground::history::{annotate, involved};
use common_ground::import::{read_files, sample, ExportFile};
use common_ground::people::{ContactByUser, People};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let zip = sample::export_zip(30_000, 100_000);
    let export = read_files(vec![ExportFile::new("export.zip", zip)]).expect("the sample reads");
    let html = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pages/sanne-de-vries.html"
    ))
    .expect("the sample page is committed");
    let Ok(Extraction::Profile(them)) =
        extract("https://www.linkedin.com/in/sanne-de-vries/", &html)
    else {
        panic!("the sample page holds a profile");
    };
    let me = export.me.clone().expect("the sample has a me");
    let today = day_of("2026-11-22").expect("a date");
    let build = || {
        People::new(
            export
                .contacts
                .iter()
                .cloned()
                .map(|c| (c, ContactByUser::default())),
            export.conversations.iter().cloned(),
        )
    };
    let people = build();
    let few = People::of(involved(&them, &people));
    println!(
        "{} contacts indexed; {} involved in the visit",
        people.len(),
        few.len()
    );

    let mut group = c.benchmark_group("annotation, 30,000 contacts");
    group.bench_function("People::new (once per worker)", |b| {
        b.iter(|| black_box(build()))
    });
    group.bench_function("involved (service worker, per visit)", |b| {
        b.iter(|| black_box(involved(&them, &people)))
    });
    group.bench_function("annotate (overlay, per visit)", |b| {
        b.iter(|| black_box(annotate(Some(&me), &them, None, &few, &[], &[], today)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
