//! Extraction against saved pages: the committed sample pages (written here, fictional people)
//! always, and the real pages in `../shared/fixtures` when that folder is beside the checkout.

use std::path::{Path, PathBuf};

use common_ground::extract::{extract, Extraction, NoProfile};

fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name)
}

/// `../shared/fixtures/<rel>`, or `None` when the shared folder is not there (a bare clone).
fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures")
        .join(rel);
    path.exists().then_some(path)
}

fn read(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

enum Want {
    Name(&'static str),
    None(NoProfile),
}

fn check(path: &Path, url: &str, want: &Want) {
    let got = extract(url, &read(path)).unwrap();
    match (want, &got) {
        (Want::Name(name), Extraction::Profile(p)) => {
            assert_eq!(p.name, *name, "{}", path.display());
            assert_eq!(p.url, url.split('?').next().unwrap(), "{}", path.display());
        }
        (Want::None(reason), Extraction::NoProfile { reason: r, .. }) => {
            assert_eq!(r, reason, "{}", path.display())
        }
        _ => panic!("{}: got {got:?}", path.display()),
    }
}

#[test]
fn committed_sample_pages() {
    let cases = [
        (
            "sanne-de-vries.html",
            "https://www.linkedin.com/in/sanne-de-vries/",
            Want::Name("Sanne de Vries"),
        ),
        (
            "jonas-berg.html",
            "https://www.linkedin.com/in/jonas-berg/",
            Want::Name("Jonas Berg"),
        ),
        (
            "not-found.html",
            "https://www.linkedin.com/in/nobody-here/",
            Want::None(NoProfile::NotFound),
        ),
    ];
    for (file, url, want) in &cases {
        check(&committed(file), url, want);
    }
}

#[test]
fn real_saved_linkedin_pages() {
    let cases = [
        (
            "linkedin-html/logged-in-2024/profile1.html",
            "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
            Want::Name("Eduardo Alvarez Nowak"),
        ),
        (
            "linkedin-html/logged-in-2024/profile3.html",
            "https://www.linkedin.com/in/abgar-gulo/",
            Want::Name("Abgar Gulo"),
        ),
        (
            "linkedin-html/logged-in-2024/profile5.html",
            "https://www.linkedin.com/in/vasileios-alevizos/",
            Want::Name("Vasileios Alevizos"),
        ),
        (
            "linkedin-html/public-2024/profile1.html",
            "https://www.linkedin.com/in/eduardo-alvarez-nowak/",
            Want::Name("Eduardo Alvarez Nowak"),
        ),
        (
            "linkedin-html/public-2024/profile3.html",
            "https://www.linkedin.com/in/abgar-gulo/",
            Want::Name("Abgar Gulo"),
        ),
        (
            "linkedin-html/public-2024/profilePrivate.html",
            "https://www.linkedin.com/in/someone/",
            Want::None(NoProfile::NotFound),
        ),
        (
            "linkedin-html/public-2024/bannedPage.html",
            "https://www.linkedin.com/in/someone/",
            Want::None(NoProfile::RateLimited),
        ),
        (
            "linkedin-html/public-2024/bannedPage2.html",
            "https://www.linkedin.com/in/someone/",
            Want::None(NoProfile::LoginWall),
        ),
    ];
    let mut seen = 0;
    for (rel, url, want) in &cases {
        if let Some(path) = shared(rel) {
            check(&path, url, want);
            seen += 1;
        }
    }
    eprintln!("checked {seen} of {} shared fixture pages", cases.len());
}

#[test]
fn pages_that_are_not_profiles_never_panic() {
    let odd = [
        "",
        "<",
        "<html><h1></h1></html>",
        "\u{0}\u{feff}<h1>\u{202e}evil</h1>",
        "<h1><script>alert(1)</script></h1>",
    ];
    for html in odd {
        let got = extract("https://www.linkedin.com/in/x/", html).unwrap();
        if let Extraction::Profile(p) = got {
            assert!(!p.name.is_empty());
        }
    }
    assert!(extract("not a url", "").is_err());
    assert_eq!(
        extract("https://example.com/about", "<h1>A</h1>").unwrap(),
        Extraction::NoProfile {
            profile: None,
            reason: NoProfile::NoPerson
        }
    );
}
