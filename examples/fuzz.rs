//! Fuzzes the page reader: random markup, and every saved page (the committed samples and, when
//! present, the real pages in `../shared/fixtures`) cut, spliced, repeated and mutated at random,
//! each through `extract` with a LinkedIn, details, GitHub or other address. Prints inputs per
//! second, the slowest input per KB, and every failure (a panic, or one input running longer than
//! the watchdog allows), each written to `--out` to be kept as a regression test.
//!
//! ```text
//! cargo run --release --example fuzz -- --inputs 1000000 --seed 1
//! ```
//!
//! Deterministic: input `i` of a run depends only on the seed and `i`, so `--from i --inputs 1`
//! replays one (`--keep` also writes it out). Run by `./build.sh fuzz`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common_ground::extract::extract;

const URLS: &[&str] = &[
    "https://www.linkedin.com/in/someone/",
    "https://www.linkedin.com/in/someone/details/experience/",
    "https://nl.linkedin.com/in/someone",
    "https://github.com/someone",
    "https://someone.example/about",
];

/// Pieces of markup that reach the readers' special cases.
const FRAGMENTS: &[&str] = &[
    "<h1>",
    "</h1>",
    "<h2>Experience</h2>",
    "<h2>Ervaring</h2>",
    "<h2>Opleiding</h2>",
    "<section>",
    "</section>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<div>",
    "</div>",
    "<span aria-hidden=\"true\">",
    "<span class=\"visually-hidden\">",
    "<div role=\"button\">",
    "<div role=\"dialog\">",
    "<div id=\"experience\">",
    "<div id=\"xTopcard\"><h2>",
    "<div componentkey=\"k\">",
    "<div data-view-name=\"profile-component-entity\">",
    "<div class=\"pvs-entity__sub-components\">",
    "<code>",
    "<code>{\"publicIdentifier\":\"someone\",\"firstName\":\"",
    "<script type=\"application/ld+json\">{\"@type\":\"Person\",\"name\":\"",
    "<p itemscope itemtype=\"http://schema.org/Person\"><span itemprop=\"name\">",
    "<div class=\"h-card\"><a class=\"p-name\">",
    "<title>",
    "Ada Example | LinkedIn</title>",
    "Jan 2020 - Present · 4 yrs",
    "mrt. 2017 - heden · 4 jaar",
    "янв. 2020 г. – настоящее время",
    "A, B, and 2 other mutual connections",
    "Eva ,",
    " en 9999999999 andere gemeenschappelijke connecties",
    "Contact info",
    "Amsterdam, Noord-Holland, Nederland",
    "******* ** *****",
    "<!--",
    "-->",
    "<![CDATA[",
    "<svg><foreignObject>",
    "<template>",
    "<table><tr><td>",
    "&amp;&#x1F642;&#0;&",
    "\u{202e}\u{0}\u{feff}🙂 ·–—",
];

/// xorshift64*: small, fast and plenty for choosing mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
        r.next();
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One input: what made it, and the bytes.
fn input(rng: &mut Rng, seeds: &[Vec<u8>]) -> (&'static str, Vec<u8>) {
    let window = |rng: &mut Rng| {
        let page = &seeds[rng.below(seeds.len())];
        let len = 256 + rng.below(16 * 1024);
        let start = rng.below(page.len().saturating_sub(len).max(1));
        page[start..(start + len).min(page.len())].to_vec()
    };
    let roll = rng.below(1000);
    let (kind, mut bytes) = if roll < 100 {
        let parts = rng.below(200);
        let text: String = (0..parts)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect();
        ("random markup", text.into_bytes())
    } else if roll < 850 {
        ("a mutated window of a page", window(rng))
    } else if roll < 998 {
        let mut a = window(rng);
        a.extend(window(rng));
        ("two pages spliced", a)
    } else {
        (
            "a whole page mutated",
            seeds[rng.below(seeds.len())].clone(),
        )
    };
    if kind != "random markup" {
        for _ in 0..1 + rng.below(8) {
            mutate(rng, &mut bytes);
        }
    }
    (kind, bytes)
}

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(8) {
        0 => {
            if at < bytes.len() {
                bytes[at] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let end = (at + rng.below(512)).min(bytes.len());
            bytes.drain(at..end);
        }
        2 => {
            // A stretch repeated: lists of thousands of entries, runs of one tag.
            let end = (at + 1 + rng.below(128)).min(bytes.len());
            let piece = bytes[at.min(end)..end].to_vec();
            let copies = 1 + rng.below(200);
            let tail = bytes.split_off(at.min(bytes.len()));
            for _ in 0..copies {
                bytes.extend_from_slice(&piece);
            }
            bytes.extend(tail);
        }
        3 => {
            let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
            bytes.splice(at..at, fragment.iter().copied());
        }
        4 => {
            // Deep nesting, closed or not.
            let tag = ["<div>", "<li>", "<span>", "<ul>", "<section>", "<a href=x>"][rng.below(6)];
            let depth = rng.below(5000);
            let deep: Vec<u8> = tag.as_bytes().repeat(depth);
            bytes.splice(at..at, deep);
        }
        5 => {
            let long: Vec<u8> = b"word ".repeat(rng.below(20_000));
            bytes.splice(at..at, long);
        }
        6 => bytes.truncate(at),
        _ => {
            let byte = [b'<', b'>', b'"', b'\'', b'&', b'/', b'=', 0, 0xFF][rng.below(9)];
            bytes.insert(at, byte);
        }
    }
}

/// Every `.html` file under `dir`, recursively.
fn html_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

struct Options {
    inputs: u64,
    from: u64,
    seed: u64,
    out: PathBuf,
    limit: Duration,
    /// Write every input to `out` too (with `--from`, to look at one).
    keep: bool,
}

fn options() -> Result<Options, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        inputs: 1_000_000,
        from: 0,
        seed: 1,
        out: root.join("target/fuzz-found"),
        limit: Duration::from_secs(10),
        keep: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{v}: {e}"));
        match arg.as_str() {
            "--inputs" => o.inputs = number(value()?)?,
            "--from" => o.from = number(value()?)?,
            "--seed" => o.seed = number(value()?)?,
            "--out" => o.out = PathBuf::from(value()?),
            "--limit-seconds" => o.limit = Duration::from_secs(number(value()?)?),
            "--keep" => o.keep = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz: {e}");
            std::process::exit(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    html_under(&root.join("tests/fixtures"), &mut files);
    html_under(&root.join("../shared/fixtures"), &mut files);
    files.sort();
    let seeds: Arc<Vec<Vec<u8>>> =
        Arc::new(files.iter().filter_map(|f| std::fs::read(f).ok()).collect());
    let seed_bytes: usize = seeds.iter().map(Vec::len).sum();
    println!(
        "fuzzing the reader: {} inputs from seed {}, mutating {} pages ({:.1} MB); failures go to {}",
        o.inputs,
        o.seed,
        seeds.len(),
        seed_bytes as f64 / 1e6,
        o.out.display()
    );
    std::panic::set_hook(Box::new(|_| {}));
    // The readers build their selectors on first use: done before the clock starts.
    for url in URLS {
        let _ = extract(url, "<main><h1>Warm</h1></main>");
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = Arc::new(AtomicU64::new(o.from));
    let end = o.from + o.inputs;
    let done = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    // Per thread: the index it is on and since when (ms since start; u64::MAX when idle).
    let current: Arc<Vec<(AtomicU64, AtomicU64)>> = Arc::new(
        (0..threads)
            .map(|_| (AtomicU64::new(u64::MAX), AtomicU64::new(u64::MAX)))
            .collect(),
    );
    let slowest = Arc::new(Mutex::new((0f64, 0usize, "", 0u64)));
    let started = Instant::now();
    std::fs::create_dir_all(&o.out).ok();

    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (seeds, next, done, failures, stop, current, slowest) = (
                seeds.clone(),
                next.clone(),
                done.clone(),
                failures.clone(),
                stop.clone(),
                current.clone(),
                slowest.clone(),
            );
            let (seed, out, keep) = (o.seed, o.out.clone(), o.keep);
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end || stop.load(Ordering::Relaxed) {
                    current[t].1.store(u64::MAX, Ordering::Relaxed);
                    return;
                }
                let mut rng = Rng::new(seed, i);
                let (kind, bytes) = input(&mut rng, &seeds);
                let url = URLS[rng.below(URLS.len())];
                let html = String::from_utf8_lossy(&bytes);
                if keep {
                    std::fs::write(out.join(format!("seed{seed}-input{i}.html")), &bytes).ok();
                }
                current[t].0.store(i, Ordering::Relaxed);
                current[t]
                    .1
                    .store(started.elapsed().as_millis() as u64, Ordering::Relaxed);
                let begun = Instant::now();
                let outcome = std::panic::catch_unwind(|| extract(url, &html).map(|_| ()));
                let took = begun.elapsed();
                current[t].1.store(u64::MAX, Ordering::Relaxed);
                let kb = (bytes.len() as f64 / 1024.0).max(1.0);
                let per_kb = took.as_secs_f64() * 1000.0 / kb;
                {
                    let mut s = slowest.lock().unwrap();
                    if per_kb > s.0 {
                        *s = (per_kb, bytes.len(), kind, i);
                    }
                }
                if outcome.is_err() {
                    failures.fetch_add(1, Ordering::Relaxed);
                    let file = out.join(format!("panic-seed{seed}-input{i}.html"));
                    std::fs::write(&file, &bytes).ok();
                    println!(
                        "  FAILED: input {i} ({kind}, {} bytes, {url}) panicked; kept as {}",
                        bytes.len(),
                        file.display()
                    );
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n % 100_000 == 0 {
                    let secs = started.elapsed().as_secs_f64();
                    println!("  {n} inputs, {:.0} inputs/s", n as f64 / secs);
                }
            })
        })
        .collect();

    // The watchdog: one input running past the limit is a hang; it is kept and the run stops.
    let limit_ms = o.limit.as_millis() as u64;
    while workers.iter().any(|w| !w.is_finished()) {
        std::thread::sleep(Duration::from_millis(200));
        let now = started.elapsed().as_millis() as u64;
        for (index, since) in current.iter() {
            let since = since.load(Ordering::Relaxed);
            if since != u64::MAX && now.saturating_sub(since) > limit_ms {
                let i = index.load(Ordering::Relaxed);
                let mut rng = Rng::new(o.seed, i);
                let (kind, bytes) = input(&mut rng, &seeds);
                let file = o.out.join(format!("hang-seed{}-input{i}.html", o.seed));
                std::fs::write(&file, &bytes).ok();
                println!(
                    "  FAILED: input {i} ({kind}, {} bytes) ran over {} s; kept as {}",
                    bytes.len(),
                    o.limit.as_secs(),
                    file.display()
                );
                stop.store(true, Ordering::Relaxed);
                std::process::exit(1);
            }
        }
    }
    for w in workers {
        w.join().ok();
    }
    let secs = started.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    let (per_kb, len, kind, i) = *slowest.lock().unwrap();
    println!(
        "{n} inputs in {secs:.1} s on {threads} threads: {:.0} inputs/s",
        n as f64 / secs
    );
    println!("slowest per KB: {per_kb:.3} ms/KB (input {i}, {kind}, {len} bytes)");
    let failed = failures.load(Ordering::Relaxed);
    println!("failures: {failed}");
    if failed > 0 {
        std::process::exit(1);
    }
}
