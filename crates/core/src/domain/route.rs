//! Views live in the URL fragment, so reload, back and bookmarks work and the
//! fragment never reaches a server.

use crate::domain::formats::share::{LinkError, LINK_VERSION};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{is_slug, Rubric};

/// The segments of results carried in a link, and of the card that shows
/// them on a portal: `#/shared/<version>/<payload>`, `#/embed/…`. This
/// module is the one place fragments are read and written.
const SHARED: &str = "shared";
/// The same results, on the page that can save a copy of them.
const KEEP: &str = "keep";
const EMBED: &str = "embed";
const REGION_CARD: &str = "region-card";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    New,
    About,
    /// Edit subject, place, date and assessor.
    Details {
        id: String,
    },
    /// A new assessment of this one's subject: its details, confirmed
    /// before anything is created.
    Reassess {
        id: String,
    },
    /// Rate one competency.
    Step {
        id: String,
        competency: String,
    },
    Results {
        id: String,
    },
    /// The action plan: gaps, guidance and the actions written down.
    Plan {
        id: String,
    },
    /// One assessment as an open data package, with the licence chosen.
    Publish {
        id: String,
    },
    /// Every assessment of this one's subject over time.
    Progress {
        id: String,
    },
    /// Any assessments side by side, saved or opened from links and files.
    Compare,
    /// Several respondents' views of one subject, and the agreed one.
    Merge,
    /// Many places at once: the regional landscape.
    Region,
    /// Reference pages on the note: the innovation process, institutionalization.
    Guide(GuidePage),
    /// Results carried in the link itself (see `share`). Not checked here, so
    /// that a damaged link gets a message about the link, not "not found".
    Shared {
        version: String,
        payload: String,
    },
    /// The same results where a copy can be saved: the reader asked to
    /// keep them (`#/keep/<version>/<payload>`).
    Keep {
        version: String,
        payload: String,
    },
    /// The same results as a compact card for a portal's iframe.
    Embed {
        version: String,
        payload: String,
    },
    /// A group's distribution as a card for a portal's iframe: its levels
    /// in the link (`cohort_link`), or `version` "file" and the address of
    /// a cohort file on the same site.
    RegionCard {
        version: String,
        payload: String,
    },
    NotFound,
}

/// The page of the app that carries a view: each is its own wasm, so a
/// first visit downloads only what it shows (see ui::views).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// index.html: home (the list, importing), and the details form.
    App,
    /// report.html: rating, results, saving a copy of results from a link,
    /// about.
    Report,
    /// results.html: results carried in a link, read-only, with no Yew and
    /// no storage code: what a link's reader downloads.
    Reader,
    /// plan.html: the action plan, progress, comparing, combining, the guides.
    Planning,
    /// embed.html: the results card for a portal's iframe.
    Card,
    /// region.html: the regional view.
    Region,
    /// region-card.html: a group's distribution for a portal's iframe.
    RegionCard,
}

impl Page {
    /// The page's file, relative to the app's folder.
    pub fn file(self) -> &'static str {
        match self {
            Page::App => "./",
            Page::Report => "report.html",
            Page::Reader => "results.html",
            Page::Planning => "plan.html",
            Page::Card => "embed.html",
            Page::Region => "region.html",
            Page::RegionCard => "region-card.html",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidePage {
    Process,
    Institutions,
}

impl GuidePage {
    pub const ALL: [GuidePage; 2] = [GuidePage::Process, GuidePage::Institutions];
    fn slug(self) -> &'static str {
        match self {
            GuidePage::Process => "process",
            GuidePage::Institutions => "institutions",
        }
    }
}

impl Route {
    /// Reads `location.hash` (with or without the leading `#`). Anything
    /// unexpected becomes `NotFound`, never a panic.
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["new"] => Route::New,
            ["about"] => Route::About,
            ["compare"] => Route::Compare,
            ["merge"] => Route::Merge,
            ["region"] => Route::Region,
            ["guide", page] => GuidePage::ALL
                .into_iter()
                .find(|g| g.slug() == *page)
                .map_or(Route::NotFound, Route::Guide),
            [SHARED, rest @ ..] => Route::Shared {
                version: rest.first().map_or(String::new(), |v| v.to_string()),
                payload: rest.get(1).map_or(String::new(), |p| p.to_string()),
            },
            [KEEP, rest @ ..] => Route::Keep {
                version: rest.first().map_or(String::new(), |v| v.to_string()),
                payload: rest.get(1).map_or(String::new(), |p| p.to_string()),
            },
            [EMBED, rest @ ..] => Route::Embed {
                version: rest.first().map_or(String::new(), |v| v.to_string()),
                payload: rest.get(1).map_or(String::new(), |p| p.to_string()),
            },
            // A cohort file's address may hold slashes: the rest is its path.
            [REGION_CARD, rest @ ..] => Route::RegionCard {
                version: rest.first().map_or(String::new(), |v| v.to_string()),
                payload: rest.get(1..).map_or(String::new(), |p| p.join("/")),
            },
            ["a", id, rest @ ..] if is_slug(id) => {
                let id = id.to_string();
                match rest {
                    ["details"] => Route::Details { id },
                    ["again"] => Route::Reassess { id },
                    ["results"] => Route::Results { id },
                    ["plan"] => Route::Plan { id },
                    ["progress"] => Route::Progress { id },
                    ["publish"] => Route::Publish { id },
                    [c] if is_slug(c) => Route::Step {
                        id,
                        competency: c.to_string(),
                    },
                    _ => Route::NotFound,
                }
            }
            _ => Route::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::New => "#/new".into(),
            Route::About => "#/about".into(),
            Route::Compare => "#/compare".into(),
            Route::Merge => "#/merge".into(),
            Route::Region => "#/region".into(),
            Route::Guide(page) => format!("#/guide/{}", page.slug()),
            Route::Plan { id } => format!("#/a/{id}/plan"),
            Route::Progress { id } => format!("#/a/{id}/progress"),
            Route::Publish { id } => format!("#/a/{id}/publish"),
            Route::Details { id } => format!("#/a/{id}/details"),
            Route::Reassess { id } => format!("#/a/{id}/again"),
            Route::Step { id, competency } => format!("#/a/{id}/{competency}"),
            Route::Results { id } => format!("#/a/{id}/results"),
            Route::Shared { version, payload } => format!("#/{SHARED}/{version}/{payload}"),
            Route::Keep { version, payload } => format!("#/{KEEP}/{version}/{payload}"),
            Route::Embed { version, payload } => format!("#/{EMBED}/{version}/{payload}"),
            Route::RegionCard { version, payload } => {
                format!("#/{REGION_CARD}/{version}/{payload}")
            }
        }
    }

    /// The view's name, as `<main data-view>` carries it: tests and styles
    /// wait for a view by name rather than guess from its content.
    pub fn view_name(&self) -> &'static str {
        match self {
            Route::Home => "home",
            Route::New => "new",
            Route::About => "about",
            Route::Details { .. } => "details",
            Route::Reassess { .. } => "reassess",
            Route::Step { .. } => "step",
            Route::Results { .. } => "results",
            Route::Plan { .. } => "plan",
            Route::Progress { .. } => "progress",
            Route::Publish { .. } => "publish",
            Route::Compare => "compare",
            Route::Merge => "merge",
            Route::Region => "region",
            Route::RegionCard { .. } => "region-card",
            Route::Guide(_) => "guide",
            Route::Shared { .. } => "shared",
            Route::Keep { .. } => "keep",
            Route::Embed { .. } => "embed",
            Route::NotFound => "not-found",
        }
    }

    /// The page that carries this view.
    pub fn page(&self) -> Page {
        match self {
            Route::Plan { .. }
            | Route::Progress { .. }
            | Route::Compare
            | Route::Merge
            | Route::Guide(_) => Page::Planning,
            Route::Embed { .. } => Page::Card,
            Route::RegionCard { .. } => Page::RegionCard,
            Route::Region | Route::Publish { .. } => Page::Region,
            Route::Shared { .. } => Page::Reader,
            Route::Step { .. } | Route::Results { .. } | Route::Keep { .. } | Route::About => {
                Page::Report
            }
            _ => Page::App,
        }
    }

    /// The view of results carried in a link (`share::encode`'s payload).
    pub fn shared(payload: String) -> Route {
        Route::Shared {
            version: LINK_VERSION.to_string(),
            payload,
        }
    }

    /// The same results where a copy of them can be saved.
    pub fn keep(version: &str, payload: &str) -> Route {
        Route::Keep {
            version: version.to_string(),
            payload: payload.to_string(),
        }
    }

    /// The card of the same results, for a portal's iframe.
    pub fn embed(payload: String) -> Route {
        Route::Embed {
            version: LINK_VERSION.to_string(),
            payload,
        }
    }

    /// The assessment this view belongs to, if any.
    pub fn assessment_id(&self) -> Option<&str> {
        match self {
            Route::Details { id }
            | Route::Reassess { id }
            | Route::Step { id, .. }
            | Route::Results { id }
            | Route::Plan { id }
            | Route::Progress { id }
            | Route::Publish { id } => Some(id),
            _ => None,
        }
    }
}

/// Why pasted text opens no results here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotResults {
    /// An address of an assessment saved on the device that made it
    /// (`#/a/<id>/…`): only a results link carries the results.
    SavedElsewhere,
    /// Not a link of this app at all.
    NotOurs,
    /// Far longer than any results link: not sent to the results page.
    TooLarge,
}

/// The view of results a pasted link opens here, whatever host it names
/// (another copy of the app, a file on someone's disk): only its fragment
/// counts, so it opens offline too. A card's link opens as results, and
/// words pasted around the link are left out. The payload is checked by
/// the view, which says what is wrong with it.
pub fn received_link(text: &str) -> Result<Route, NotResults> {
    // Unwrapped from mail scanners and unescaped. Not opened here (the view
    // that shows it says what is wrong): a one-line field has no line
    // breaks to choose between.
    if let Some(found) = crate::domain::formats::pasted::first(text, None) {
        return if found.payload.len() > crate::domain::formats::share::MAX_PAYLOAD_CHARS {
            Err(NotResults::TooLarge)
        } else if found.version.is_empty() || found.payload.is_empty() {
            Err(NotResults::NotOurs)
        } else {
            Ok(Route::Shared {
                version: found.version,
                payload: found.payload,
            })
        };
    }
    let text = crate::domain::formats::pasted::readable(text);
    let link = text
        .split_whitespace()
        .find(|w| w.contains("#/"))
        .unwrap_or(text.trim());
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    match Route::parse(fragment) {
        r if r.assessment_id().is_some() => Err(NotResults::SavedElsewhere),
        _ => Err(NotResults::NotOurs),
    }
}

/// The first results link in pasted text (a whole address, or just its
/// fragment, however mail and chat left it: `pasted`), read.
pub fn decode_link(text: &str, rubric: &Rubric) -> Result<Assessment, LinkError> {
    let read = crate::domain::formats::pasted::read_all(text, rubric);
    let first_link = read
        .iter()
        .position(|(_, r)| r != &Err(LinkError::NotALink));
    first_link
        .and_then(|i| read.into_iter().nth(i))
        .map_or(Err(LinkError::NotALink), |(_, r)| r)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::formats::share;

    #[test]
    fn pasted_links_decode_whole_or_as_a_fragment() {
        use crate::domain::model::rubric::builtin;
        let a = crate::domain::model::samples::reference(false);
        let payload = share::encode(&a, builtin(), true);
        let whole = format!(
            "  https://city.example/app/index.html{}\n",
            Route::shared(payload.clone()).href()
        );
        assert!(decode_link(&whole, builtin()).unwrap().same_content(&a));
        assert!(decode_link(&Route::embed(payload).href(), builtin()).is_ok());
        assert_eq!(
            decode_link("https://example.org/", builtin()),
            Err(LinkError::NotALink)
        );
        assert_eq!(
            decode_link("x#/shared/1", builtin()),
            Err(LinkError::Incomplete)
        );
        assert!(decode_link(&whole[..whole.len() / 2], builtin()).is_err());
    }
    use proptest::prelude::*;

    #[test]
    fn parses_every_view() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/new"), Route::New);
        assert_eq!(Route::parse("#/about"), Route::About);
        assert_eq!(
            Route::parse("#/a/x1/analytics"),
            Route::Step {
                id: "x1".into(),
                competency: "analytics".into()
            }
        );
        assert_eq!(
            Route::parse("#/a/x1/results"),
            Route::Results { id: "x1".into() }
        );
        assert_eq!(
            Route::parse("#/a/x1/details"),
            Route::Details { id: "x1".into() }
        );
        assert_eq!(
            Route::parse("#/a/x1/again"),
            Route::Reassess { id: "x1".into() }
        );
        assert_eq!(Route::Reassess { id: "x1".into() }.page(), Page::App);
        assert_eq!(Route::parse("#/region"), Route::Region);
        assert_eq!(Route::Region.page(), Page::Region);
        assert_eq!(Route::Publish { id: "x1".into() }.page(), Page::Region);
        assert_eq!(
            Route::parse("#/region-card/file/data/cohort-2027.json"),
            Route::RegionCard {
                version: "file".into(),
                payload: "data/cohort-2027.json".into()
            }
        );
        assert_eq!(Route::parse("#/region-card/1/abc").page(), Page::RegionCard);
        assert_eq!(Route::parse("#/shared/1/abc").page(), Page::Reader);
        let keep = Route::keep("1", "abc");
        assert_eq!(Route::parse(&keep.href()), keep);
        assert_eq!(keep.page(), Page::Report);
    }

    #[test]
    fn planning_views_parse_back() {
        for r in [
            Route::Compare,
            Route::Merge,
            Route::Guide(GuidePage::Process),
            Route::Guide(GuidePage::Institutions),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse("#/a/x1/plan"), Route::Plan { id: "x1".into() });
    }

    #[test]
    fn shared_links_parse_whatever_their_payload() {
        assert_eq!(
            Route::parse("#/shared/1/abc-_"),
            Route::Shared {
                version: "1".into(),
                payload: "abc-_".into()
            }
        );
        assert_eq!(
            Route::parse("#/shared/1"),
            Route::Shared {
                version: "1".into(),
                payload: String::new()
            }
        );
        assert_eq!(
            Route::parse("#/embed/1/xyz"),
            Route::Embed {
                version: "1".into(),
                payload: "xyz".into()
            }
        );
        let r = Route::Shared {
            version: "1".into(),
            payload: "xyz".into(),
        };
        assert_eq!(Route::parse(&r.href()), r);
    }

    #[test]
    fn a_received_link_opens_here_whatever_its_host() {
        let here = Route::Shared {
            version: "1".into(),
            payload: "abc".into(),
        };
        for text in [
            "https://datos.ciudad.gob/madurez/report.html#/shared/1/abc",
            "  file:///C:/Users/ana/urban-data-maturity.html#/shared/1/abc\n",
            "http://127.0.0.1:8080/embed.html?lang=es#/embed/1/abc",
            "#/shared/1/abc",
            "Here are our results: https://x.example/#/shared/1/abc (2026)",
        ] {
            assert_eq!(received_link(text), Ok(here.clone()), "{text}");
        }
        for text in [
            "https://x.example/report.html#/a/k3x9/results",
            "#/a/k3x9/plan",
        ] {
            assert_eq!(
                received_link(text),
                Err(NotResults::SavedElsewhere),
                "{text}"
            );
        }
        let huge = format!(
            "#/shared/1/{}",
            "a".repeat(crate::domain::formats::share::MAX_PAYLOAD_CHARS + 1)
        );
        assert_eq!(received_link(&huge), Err(NotResults::TooLarge));
        for text in [
            "",
            "https://example.org/",
            "#/shared/1",
            "#/shared",
            "shared/1/abc#/about",
            "#/about",
        ] {
            assert_eq!(received_link(text), Err(NotResults::NotOurs), "{text}");
        }
    }

    #[test]
    fn hostile_fragments_are_not_found() {
        for h in [
            "#/a/<script>/results",
            "#/a/x/y/z",
            "#/nope",
            "#/a/X1/results",
            "#/a",
            "#/guide/nothing",
            "#/guide",
        ] {
            assert_eq!(Route::parse(h), Route::NotFound, "{h}");
        }
    }

    proptest! {
        #[test]
        fn href_parses_back(id in "[a-z0-9-]{1,20}", c in "[a-z0-9-]{1,20}") {
            prop_assume!(!["results", "details", "plan", "progress", "again", "publish"].contains(&c.as_str()));
            for r in [
                Route::Details { id: id.clone() },
                Route::Reassess { id: id.clone() },
                Route::Results { id: id.clone() },
                Route::Plan { id: id.clone() },
                Route::Progress { id: id.clone() },
                Route::Publish { id: id.clone() },
                Route::Step { id: id.clone(), competency: c.clone() },
            ] {
                prop_assert_eq!(Route::parse(&r.href()), r);
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,60}") {
            let _ = Route::parse(&s);
        }
    }
}
