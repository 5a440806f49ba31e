//! Extraction against saved pages, table-driven: the committed sample pages (written here,
//! fictional people) always, and the real pages in `../shared/fixtures` when that folder is
//! beside the checkout. Expected values were written by reading each page.

use std::path::{Path, PathBuf};

use common_ground::extract::{complete, extract, page_part, Extraction, NoProfile, PagePart};
use common_ground::model::{Profile, Site};

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

/// A position as (org, title, start, end, current).
type Pos = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    bool,
);
/// A school as (school, degree, start, end).
type School = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

struct Want {
    site: Site,
    name: &'static str,
    headline: Option<&'static str>,
    location: Option<&'static str>,
    /// Every position, in page order.
    positions: &'static [Pos],
    education: &'static [School],
    mutuals: (&'static [&'static str], u32),
}

const NONE: Want = Want {
    site: Site::Linkedin,
    name: "",
    headline: None,
    location: None,
    positions: &[],
    education: &[],
    mutuals: (&[], 0),
};

fn profile_of(path: &Path, url: &str) -> Profile {
    match extract(url, &read(path)).unwrap() {
        Extraction::Profile(p) => *p,
        other => panic!("{}: no profile: {other:?}", path.display()),
    }
}

fn check(path: &Path, url: &str, want: &Want) {
    let p = profile_of(path, url);
    let at = path.display();
    assert_eq!(p.site, want.site, "{at}");
    assert_eq!(p.name, want.name, "{at}");
    assert_eq!(p.headline.as_deref(), want.headline, "{at}");
    assert_eq!(p.location.as_deref(), want.location, "{at}");
    let positions: Vec<Pos> = p
        .positions
        .iter()
        .map(|x| {
            (
                leak(&x.org),
                x.title.as_deref().map(leak),
                x.start.as_deref().map(leak),
                x.end.as_deref().map(leak),
                x.current,
            )
        })
        .collect();
    assert_eq!(positions, want.positions, "{at}");
    let schools: Vec<School> = p
        .education
        .iter()
        .map(|e| {
            (
                leak(&e.school),
                e.degree.as_deref().map(leak),
                e.start.as_deref().map(leak),
                e.end.as_deref().map(leak),
            )
        })
        .collect();
    assert_eq!(schools, want.education, "{at}");
    let names: Vec<&str> = p.mutuals.names.iter().map(String::as_str).collect();
    assert_eq!((names.as_slice(), p.mutuals.count), want.mutuals, "{at}");
}

/// Test-only: lets expected tables be plain `&'static str` tuples.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

#[test]
fn linkedin_2024_logged_in_english() {
    check(
        &committed("sanne-de-vries.html"),
        "https://www.linkedin.com/in/sanne-de-vries/",
        &Want {
            name: "Sanne de Vries",
            headline: Some("Product Lead at Veldwerk Analytics · Open data and civic tech"),
            location: Some("Utrecht, Utrecht, Netherlands"),
            positions: &[
                (
                    "Veldwerk Analytics",
                    Some("Product Lead"),
                    Some("2021-11"),
                    None,
                    true,
                ),
                (
                    "Gemeente Utrecht",
                    Some("Data Analyst"),
                    Some("2017-03"),
                    Some("2021-10"),
                    false,
                ),
            ],
            education: &[(
                "Universiteit Utrecht",
                Some("MSc, Applied Data Science"),
                Some("2015"),
                Some("2017"),
            )],
            mutuals: (&["Pieter Bakker", "Lotte Jansen"], 4),
            ..NONE
        },
    );
}

#[test]
fn linkedin_2024_logged_in_dutch_with_grouped_roles() {
    check(
        &committed("lotte-jansen.html"),
        "https://www.linkedin.com/in/lotte-jansen/",
        &Want {
            name: "Lotte Jansen",
            headline: Some("Beleidsadviseur duurzame mobiliteit"),
            location: Some("Amsterdam, Noord-Holland, Nederland"),
            positions: &[
                (
                    "Gemeente Amsterdam",
                    Some("Beleidsadviseur"),
                    Some("2021-03"),
                    None,
                    true,
                ),
                (
                    "Gemeente Amsterdam",
                    Some("Projectmedewerker"),
                    Some("2018-10"),
                    Some("2021-02"),
                    false,
                ),
                (
                    "Veldwerk Analytics",
                    Some("Stagiair onderzoek"),
                    Some("2018-05"),
                    Some("2018-08"),
                    false,
                ),
            ],
            education: &[(
                "Universiteit van Amsterdam",
                Some("Master, Planologie"),
                Some("2016"),
                Some("2018"),
            )],
            mutuals: (&["Pieter Bakker", "Sanne de Vries"], 4),
            ..NONE
        },
    );
}

#[test]
fn linkedin_2024_public_with_json_ld() {
    check(
        &committed("pieter-bakker.html"),
        "https://www.linkedin.com/in/pieter-bakker/",
        &Want {
            name: "Pieter Bakker",
            headline: Some("Data Engineer bij Veldwerk Analytics"),
            location: Some("Utrecht, Utrecht, Netherlands"),
            positions: &[
                (
                    "Veldwerk Analytics",
                    Some("Data Engineer"),
                    Some("2020-02"),
                    None,
                    true,
                ),
                (
                    "Gemeente Utrecht",
                    Some("Data Analyst"),
                    Some("2018-01"),
                    Some("2020-01"),
                    false,
                ),
                (
                    "Gemeente Utrecht",
                    Some("Trainee"),
                    Some("2016-09"),
                    Some("2017-12"),
                    false,
                ),
            ],
            education: &[(
                "Hogeschool Utrecht",
                Some("Bachelor, Informatica"),
                Some("2012"),
                Some("2016"),
            )],
            ..NONE
        },
    );
}

#[test]
fn linkedin_2026_before_and_after_the_lazy_cards_arrive() {
    let url = "https://www.linkedin.com/in/jonas-berg/";
    // Before: only the top card; its company and school stand in for the lists.
    check(
        &committed("jonas-berg.html"),
        url,
        &Want {
            name: "Jonas Berg",
            headline: Some("Platform engineer · Rust, distributed systems"),
            location: Some("Delft, South Holland, Netherlands"),
            positions: &[("Noordlicht Systems", None, None, None, true)],
            education: &[("TU Delft", None, None, None)],
            mutuals: (&["Eva Smit"], 2),
            ..NONE
        },
    );
    // After: the cards replace the lazy anchor.
    let page = read(&committed("jonas-berg.html"));
    let cards = read(&committed("jonas-berg.cards.html"));
    let anchor = r#"<div componentkey="profile_top_card_experience_lazy_anchor_jonas-berg"></div>"#;
    assert!(page.contains(anchor));
    let loaded = page.replace(anchor, &cards);
    let dir = std::env::temp_dir().join(format!("cg-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jonas-berg-loaded.html");
    std::fs::write(&path, loaded).unwrap();
    check(
        &path,
        url,
        &Want {
            name: "Jonas Berg",
            headline: Some("Platform engineer · Rust, distributed systems"),
            location: Some("Delft, South Holland, Netherlands"),
            positions: &[
                (
                    "Noordlicht Systems",
                    Some("Platform Engineer"),
                    Some("2022-03"),
                    None,
                    true,
                ),
                (
                    "Veldwerk Analytics",
                    Some("Software Engineer"),
                    Some("2018-09"),
                    Some("2022-02"),
                    false,
                ),
            ],
            education: &[(
                "TU Delft",
                Some("MSc, Computer Science"),
                Some("2014"),
                Some("2018"),
            )],
            mutuals: (&["Eva Smit"], 2),
            ..NONE
        },
    );
}

#[test]
fn a_details_page_completes_the_main_page() {
    let main = profile_of(
        &committed("sanne-de-vries.html"),
        "https://www.linkedin.com/in/sanne-de-vries/",
    );
    let url = "https://www.linkedin.com/in/sanne-de-vries/details/experience/";
    assert_eq!(page_part(url).unwrap(), PagePart::Experience);
    let details = profile_of(&committed("sanne-de-vries.details-experience.html"), url);
    assert_eq!(details.name, "", "a details page does not name the person");
    assert_eq!(details.positions.len(), 3);
    let merged = complete(Some(&main), details.clone(), PagePart::Experience).unwrap();
    assert_eq!(merged.name, "Sanne de Vries");
    assert_eq!(merged.education, main.education);
    assert_eq!(merged.positions, details.positions);
    // Seen first, before any main page: nothing to attach it to.
    assert_eq!(complete(None, details, PagePart::Experience), None);
    // A later main page keeps what only the details page listed.
    let again = complete(Some(&merged), main, PagePart::Main).unwrap();
    assert_eq!(again.positions.len(), 3);
}

#[test]
fn mutual_connections_whose_names_are_links_of_their_own() {
    let page = r#"<main><section><h1>Ada Example</h1><p><a href="/in/p/"><strong>Pieter Bakker</strong></a>, <a href="/in/l/"><strong>Lotte Jansen</strong></a>, and 2 other mutual connections</p></section></main>"#;
    let p = extract("https://www.linkedin.com/in/ada-example/", page).unwrap();
    let m = &p.profile().unwrap().mutuals;
    assert_eq!(
        (m.names.as_slice(), m.count),
        (
            &["Pieter Bakker".to_owned(), "Lotte Jansen".to_owned()][..],
            4
        )
    );
}

#[test]
fn github_and_schema_org_pages() {
    check(
        &committed("github-ada-example.html"),
        "https://github.com/ada-example?tab=repositories",
        &Want {
            site: Site::Github,
            name: "Ada Example",
            headline: Some("Maintainer of small, boring, reliable tools."),
            location: Some("Rotterdam"),
            positions: &[("noordlicht", None, None, None, true)],
            ..NONE
        },
    );
    check(
        &committed("schema-person.html"),
        "https://noor.example/about/",
        &Want {
            site: Site::Web,
            name: "Noor El Amrani",
            headline: Some("Research Software Engineer"),
            location: Some("Groningen, NL"),
            positions: &[("Kennislab Noord", None, None, None, true)],
            education: &[("Rijksuniversiteit Groningen", None, None, None)],
            ..NONE
        },
    );
    let web = profile_of(
        &committed("schema-person.html"),
        "https://noor.example/about/?x=1#top",
    );
    assert_eq!(
        (web.url.as_str(), web.handle.as_str()),
        ("https://noor.example/about/", "noor.example/about")
    );
}

#[test]
fn on_a_personal_page_visible_text_completes_and_beats_the_markup() {
    let page = |markup: &str| {
        format!(
            r#"<html><head><script type="application/ld+json">{markup}</script></head><body>
            <header><nav><a href="/">Home</a></nav></header>
            <main><h1>Noor El Amrani</h1><p>Research software engineer at Kennislab Noord</p>
            <p>Groningen, Netherlands</p><p>I write code for researchers.</p></main></body></html>"#
        )
    };
    let read = |markup: &str| match extract("https://noor.example/about/", &page(markup)).unwrap() {
        Extraction::Profile(p) => *p,
        other => panic!("{other:?}"),
    };
    // A name alone: the page under it says the rest.
    let thin = read(r#"{"@type":"Person","name":"Noor El Amrani"}"#);
    assert_eq!(
        thin.headline.as_deref(),
        Some("Research software engineer at Kennislab Noord")
    );
    assert_eq!(thin.location.as_deref(), Some("Groningen, Netherlands"));
    // A title the page no longer shows: what it shows wins.
    let stale = read(r#"{"@type":"Person","name":"Noor El Amrani","jobTitle":"PhD student"}"#);
    assert_eq!(
        stale.headline.as_deref(),
        Some("Research software engineer at Kennislab Noord")
    );
    // Markup the page agrees with stays as it is.
    let agreed = read(
        r#"{"@type":"Person","name":"Noor El Amrani","jobTitle":"Research software engineer at Kennislab Noord"}"#,
    );
    assert_eq!(
        agreed.headline.as_deref(),
        Some("Research software engineer at Kennislab Noord")
    );
}

#[test]
fn schema_org_in_every_dialect() {
    let cases: [(&str, &str); 4] = [
        (
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Ada Example","jobTitle":"Engineer","homeLocation":{"@type":"Place","name":"Leiden"}}}</script>"#,
            "Ada Example",
        ),
        (
            r#"<div vocab="https://schema.org/" typeof="Person"><span property="name">Ada Example</span><span property="jobTitle">Engineer</span></div>"#,
            "Ada Example",
        ),
        (
            r#"<div class="h-card"><span class="p-name">Ada Example</span><span class="p-job-title">Engineer</span></div>"#,
            "Ada Example",
        ),
        (
            r#"<div itemscope itemtype="http://schema.org/Person"><span itemprop="givenName">Ada</span> <span itemprop="familyName">Example</span></div>"#,
            "Ada Example",
        ),
    ];
    for (html, name) in cases {
        let got = extract("https://ada.example/", html).unwrap();
        assert_eq!(got.profile().map(|p| p.name.as_str()), Some(name), "{html}");
    }
    // A Person that is only an article's author, or an h-card inside an h-entry, is not the page's subject.
    let authors = [
        r#"<article itemscope itemtype="http://schema.org/Article"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Ada</span></span></article>"#,
        r#"<div class="h-entry"><a class="p-author h-card" href="/">Ada</a></div>"#,
    ];
    for html in authors {
        assert_eq!(
            extract("https://ada.example/post", html).unwrap().profile(),
            None,
            "{html}"
        );
    }
}

#[test]
fn addresses_that_can_hold_a_profile() {
    use common_ground::extract::is_profile_address;
    let cases = [
        ("https://www.linkedin.com/in/ada-example/", true),
        (
            "https://www.linkedin.com/in/ada-example/details/experience/",
            true,
        ),
        ("https://www.linkedin.com/feed/", false),
        (
            "https://www.linkedin.com/search/results/people/?keywords=ada",
            false,
        ),
        ("https://github.com/ada-example", true),
        ("https://github.com/ada-example/tool", false),
        ("https://github.com/settings", false),
        ("https://ada.example/about", true),
        ("not an address", false),
    ];
    for (url, want) in cases {
        assert_eq!(is_profile_address(url), want, "{url}");
    }
}

#[test]
fn pages_that_hold_no_profile_say_why() {
    let cases = [(
        committed("not-found.html"),
        "https://www.linkedin.com/in/nobody-here/",
        NoProfile::NotFound,
    )];
    for (path, url, reason) in cases {
        assert_eq!(
            extract(url, &read(&path)).unwrap(),
            Extraction::NoProfile {
                profile: None,
                reason
            },
            "{}",
            path.display()
        );
    }
    let addresses = [
        (
            "https://www.linkedin.com/feed/",
            NoProfile::NotAProfileAddress,
        ),
        (
            "https://github.com/ada-example/tool",
            NoProfile::NotAProfileAddress,
        ),
        ("https://github.com/settings", NoProfile::NotAProfileAddress),
        ("https://example.com/about", NoProfile::NoPerson),
    ];
    for (url, reason) in addresses {
        assert_eq!(
            extract(url, "<h1>A</h1>").unwrap(),
            Extraction::NoProfile {
                profile: None,
                reason
            },
            "{url}"
        );
    }
    assert!(extract("not a url", "").is_err());
}

#[test]
fn real_saved_pages() {
    let li = |h: &str| format!("https://www.linkedin.com/in/{h}/");
    let eduardo = Want {
        name: "Eduardo Alvarez Nowak",
        headline: Some("Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential"),
        location: Some("Greater Stockholm Metropolitan Area"),
        positions: &[
            (
                "Novare Potential",
                Some("Tech Education Team Lead"),
                Some("2021-07"),
                None,
                true,
            ),
            (
                "KTH Royal Institute of Technology",
                Some("Research Engineer"),
                Some("2020-08"),
                Some("2021-06"),
                false,
            ),
            (
                "CheVera Producción Sólida",
                Some("Head Of Digital Media"),
                Some("2018-08"),
                Some("2019-07"),
                false,
            ),
            (
                "Bu Multimedia",
                Some("General Manager"),
                Some("2014-01"),
                Some("2017-12"),
                false,
            ),
            (
                "Bu Multimedia",
                Some("Project Lead"),
                Some("2012-02"),
                Some("2013-12"),
                false,
            ),
            (
                "TC Television",
                Some("Head of the Digital Media Department"),
                Some("2015-04"),
                Some("2017-10"),
                false,
            ),
            (
                "TC Television",
                Some("Front End Lead"),
                Some("2015-04"),
                Some("2017-10"),
                false,
            ),
        ],
        education: &[
            (
                "KTH Royal Institute of Technology",
                Some("Master's degree, Arts, Entertainment, and Media Management"),
                Some("2019"),
                Some("2021"),
            ),
            (
                "Universidad de Guayaquil",
                Some("Bachelor's degree, Graphic Design"),
                Some("2008"),
                Some("2012"),
            ),
        ],
        ..NONE
    };
    let abgar = Want {
        name: "Abgar Gulo",
        headline: Some("Board member of Mobvilla AB"),
        location: Some("Greater Stockholm Metropolitan Area"),
        positions: &[
            (
                "Recruitjob.se",
                Some("Co-Founder"),
                Some("2022-02"),
                None,
                true,
            ),
            (
                "Work&Coaching i Sverige AB",
                Some("Member Of The Management Board & Partner"),
                Some("2019-04"),
                None,
                true,
            ),
            (
                "Mobvilla AB",
                Some("Member of the Board"),
                Some("2017-12"),
                None,
                true,
            ),
            (
                "Work&Coaching AB",
                Some("Board Of Directors & Key Account Manager"),
                Some("2019-04"),
                Some("2020-02"),
                false,
            ),
            (
                "Arbetsförmedlingen",
                Some("Employer consultant"),
                Some("2010-01"),
                Some("2019-04"),
                false,
            ),
        ],
        education: &[
            (
                "University of Nebraska-Lincoln",
                Some("BSBA, Business Administration and Management, General"),
                Some("2000"),
                Some("2003"),
            ),
            (
                "TUC Sweden AB",
                Some("Key Account Manager Certification, Key Account Management"),
                Some("2018"),
                Some("2018"),
            ),
        ],
        ..NONE
    };
    let vasileios = Want {
        name: "Vasileios Alevizos",
        headline: Some("Researcher."),
        location: Some("Sweden"),
        ..NONE
    };
    let cases: Vec<(&str, String, &Want)> = vec![
        (
            "linkedin-html/logged-in-2024/profile1.html",
            li("eduardo-alvarez-nowak"),
            &eduardo,
        ),
        (
            "linkedin-html/logged-in-2024/profile3.html",
            li("abgar-gulo"),
            &abgar,
        ),
        (
            "linkedin-html/logged-in-2024/profile5.html",
            li("vasileios-alevizos"),
            &vasileios,
        ),
    ];
    let mut seen = 0;
    for (rel, url, want) in &cases {
        if let Some(path) = shared(rel) {
            check(&path, url, want);
            seen += 1;
        }
    }
    // Company pages are kept with each position: the surest sign two spellings are one employer.
    if let Some(path) = shared("linkedin-html/logged-in-2024/profile1.html") {
        let p = profile_of(&path, &li("eduardo-alvarez-nowak"));
        let pages: Vec<(&str, Option<&str>)> = p
            .positions
            .iter()
            .take(3)
            .map(|x| (x.org.as_str(), x.org_url.as_deref()))
            .collect();
        assert_eq!(
            pages,
            [
                (
                    "Novare Potential",
                    Some("https://www.linkedin.com/company/10464352/")
                ),
                (
                    "KTH Royal Institute of Technology",
                    Some("https://www.linkedin.com/company/4814/")
                ),
                ("CheVera Producción Sólida", None),
            ]
        );
    }
    // The public view of the same people: every position with dates, titles from the page.
    if let Some(path) = shared("linkedin-html/public-2024/profile1.html") {
        let p = profile_of(&path, &li("eduardo-alvarez-nowak"));
        assert_eq!(p.name, "Eduardo Alvarez Nowak");
        assert_eq!(p.positions.len(), 8);
        assert_eq!(p.positions[0].org, "Novare Potential");
        assert!(p.positions[0].current);
        assert_eq!(
            (
                p.positions[1].start.as_deref(),
                p.positions[1].end.as_deref()
            ),
            (Some("2020-08"), Some("2021-06"))
        );
        assert_eq!(
            (p.positions[3].org.as_str(), p.positions[3].title.as_deref()),
            ("Bu Multimedia", Some("General Manager"))
        );
        assert_eq!(p.education.len(), 3);
        seen += 1;
    }
    if let Some(path) = shared("linkedin-html/public-2024/profile3.html") {
        let p = profile_of(&path, &li("abgar-gulo"));
        assert_eq!(
            (p.name.as_str(), p.positions.len(), p.education.len()),
            ("Abgar Gulo", 12, 5)
        );
        seen += 1;
    }
    if let Some(path) = shared("linkedin-html/legacy-2016/julianbei-public-profile-2016.html") {
        // Robustness only: the 2016 layout must not panic; a name is a bonus we do get.
        let p = profile_of(&path, &li("julianbei"));
        assert!(!p.name.is_empty());
        seen += 1;
    }
    let none = [
        (
            "linkedin-html/public-2024/profilePrivate.html",
            NoProfile::NotFound,
        ),
        (
            "linkedin-html/public-2024/bannedPage.html",
            NoProfile::RateLimited,
        ),
        (
            "linkedin-html/public-2024/bannedPage2.html",
            NoProfile::LoginWall,
        ),
    ];
    for (rel, reason) in none {
        if let Some(path) = shared(rel) {
            assert_eq!(
                extract(&li("someone"), &read(&path)).unwrap(),
                Extraction::NoProfile {
                    profile: None,
                    reason
                },
                "{rel}"
            );
            seen += 1;
        }
    }
    if let Some(path) = shared("github-html/piuccio_github-piuccio-repositories.html") {
        check(
            &path,
            "https://github.com/piuccio?tab=repositories",
            &Want {
                site: Site::Github,
                name: "Fabio Crisci",
                location: Some("Tokyo"),
                positions: &[("en-japan-air", None, None, None, true)],
                ..NONE
            },
        );
        seen += 1;
    }
    let schema_pages = [
        (
            "schema-org-person/edsu-microdata_example.html",
            Some("Jane Doe"),
        ),
        (
            "schema-org-person/edsu-microdata_unlinked.html",
            Some("Jane Doe"),
        ),
        (
            "schema-org-person/extruct_w3c.rdfalite.example003.html",
            Some("Manu Sporny"),
        ),
        (
            "schema-org-person/extruct_w3c.rdfalite.example005.html",
            Some("Manu Sporny"),
        ),
        // A blog post whose Person is its author, and comments by people: no page subject.
        ("schema-org-person/edsu-microdata_multiple-props.html", None),
        ("schema-org-person/extruct_microdata.7.1.html", None),
        ("schema-org-person/extruct_microformat_test.html", None),
    ];
    for (rel, name) in schema_pages {
        if let Some(path) = shared(rel) {
            let got = extract("https://example.org/page", &read(&path)).unwrap();
            assert_eq!(got.profile().map(|p| p.name.as_str()), name, "{rel}");
            seen += 1;
        }
    }
    eprintln!("checked {seen} shared fixture pages");
}

#[test]
fn hidden_code_blocks_count_only_when_they_are_about_this_page() {
    // A logged-in page whose visible name has not rendered yet, carrying the hidden JSON of
    // the first page of the browser session (someone else) and, on the second page, of this one.
    let someone_else = r#"<code style="display: none" id="bpr-guid-1">{"included":[{"publicIdentifier":"someone-else","firstName":"Other","lastName":"Person","occupation":"Not them"}]}</code>"#;
    let this_one = r#"<code style="display: none" id="bpr-guid-2">{"data":{"x":[{"publicIdentifier":"ada-example","firstName":"Ada","lastName":"Example","headline":"Engineer at Acme"}]}}</code>"#;
    let url = "https://www.linkedin.com/in/ada-example/";
    let only_other = format!("<main><section></section></main>{someone_else}");
    assert_eq!(
        extract(url, &only_other).unwrap(),
        Extraction::NoProfile {
            profile: None,
            reason: NoProfile::NoName
        }
    );
    let both = format!("<main><section></section></main>{someone_else}{this_one}");
    let p = extract(url, &both).unwrap().profile().cloned().unwrap();
    assert_eq!(
        (p.name.as_str(), p.headline.as_deref()),
        ("Ada Example", Some("Engineer at Acme"))
    );
}
