//! The cards a portal shows in an iframe: one assessment's results
//! (embed.html) and a group's distribution (region-card.html). Each only
//! shows what its address carries (or, for a group, a cohort file on the
//! same site), so it is markup written once by the core
//! (`domain::markup::embed`) into the page: no component tree, and no Yew runtime
//! in those pages, which makes a card a fraction of the app's size. They
//! read and write no storage.

use super::radar_chart::{figure, Axis};
use super::shared::link_error_text;
use super::{competency_name, halves, level_label, use_messages};
use crate::domain::formats::exchange;
use crate::domain::formats::share;
use crate::domain::markup::chart::DistRow;
use crate::domain::markup::embed::{
    card_error_html, card_html, region_card_html, Card, CardRow, HEIGHT_MESSAGE,
};
use crate::domain::model::rubric::builtin;
use crate::domain::model::rubric::{Level, LEVELS};
use crate::domain::model::scoring::Profile;
use crate::domain::region::cohort;
use crate::domain::region::cohort_link::{self, CardCohort};
use crate::domain::route::{Page, Route};
use crate::i18n::{self, Messages, EN};
use crate::platform::browser::{self, HeightReporter, WindowListener};
use crate::platform::catalogs;
use yew::prelude::*;

/// Starts embed.html: the card of the results in the address, in the
/// visitor's language.
pub fn start() {
    start_card(Page::Card, show_results);
}

/// Starts region-card.html: a group's distribution, from its address or
/// from a cohort file on the same site. A page of its own, so that the
/// results card, on many more portals, carries none of its code.
pub fn start_region() {
    start_card(Page::RegionCard, show_region);
}

/// A card page: its language, its content, its height for the host. `show`
/// is passed as a function so that each page links only its own card.
fn start_card(page: Page, show: fn(&'static Messages)) {
    if !elsewhere(page) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        // The card reads no storage, so no remembered choice: the language
        // its address names (the portal's, `?lang=es`), else the browser's.
        let named = browser::query_value("lang");
        let lang = i18n::negotiate(
            named
                .iter()
                .chain(&browser::preferred_languages())
                .map(String::as_str),
        );
        let m = catalogs::load(lang).await.unwrap_or(&EN);
        browser::set_document_lang(m.lang);
        browser::set_body_class("embedded");
        show(m);
        // For the page's life: the host hears the card's height, and
        // another address in the frame shows that card, or opens the page
        // that carries it.
        std::mem::forget(HeightReporter::new(HEIGHT_MESSAGE));
        std::mem::forget(WindowListener::new("hashchange", move || {
            if elsewhere(page) {
                show(m)
            }
        }));
    });
}

/// Whether the address is this card page's; if not, goes to the page that
/// carries it: the other card (with its `?lang=`), or the app's own page,
/// with its storage.
fn elsewhere(page: Page) -> bool {
    let hash = browser::current_hash();
    let wanted = Route::parse(&hash).page();
    if wanted == page {
        return true;
    }
    let url = match wanted {
        Page::Card | Page::RegionCard => {
            format!("{}{}{hash}", wanted.file(), browser::current_search())
        }
        _ => format!("{}{hash}", Page::App.file()),
    };
    browser::replace_location(&url);
    false
}

fn show_results(m: &'static Messages) {
    if let Route::Embed { version, payload } = Route::parse(&browser::current_hash()) {
        browser::set_title(&format!("{} – {}", m.shared_banner_title(), m.app_name()));
        let (inner, broken) = content(m, &version, &payload);
        put(&inner, broken, "embed");
    }
}

fn show_region(m: &'static Messages) {
    let Route::RegionCard { version, payload } = Route::parse(&browser::current_hash()) else {
        return;
    };
    browser::set_title(&format!("{} – {}", m.region_title(), m.app_name()));
    if version == cohort_link::FROM_FILE {
        // The group is in a file on this site: read it, then show it.
        let asked = browser::current_hash();
        wasm_bindgen_futures::spawn_local(async move {
            let (inner, broken) = region_from_file(m, &payload).await;
            // Another address may have come while the file was read.
            if browser::current_hash() == asked {
                put(&inner, broken, "region-card");
            }
        });
        return;
    }
    let (inner, broken) = match cohort_link::decode(&version, &payload, builtin()) {
        Ok(group) => (region_content(m, &group), false),
        Err(e) => (
            card_error_html(m.link_error_title(), &link_error_text(m, &e)),
            true,
        ),
    };
    put(&inner, broken, "region-card");
}

fn put(inner: &str, broken: bool, view: &str) {
    browser::set_body_html(&format!(
        "<main class=\"embed-card\" data-view=\"{view}\"{}>{inner}</main>",
        if broken { " data-link-error=\"\"" } else { "" }
    ));
}

/// A regional card whose group is a cohort file on this site: its latest
/// assessment of each place, levels only.
async fn region_from_file(m: &'static Messages, path: &str) -> (String, bool) {
    let failed = || {
        (
            card_error_html(m.link_error_title(), m.region_card_failed()),
            true,
        )
    };
    let Some(path) = cohort_link::file_path(path) else {
        return failed();
    };
    let Some(text) = catalogs::fetch_text(path).await else {
        return failed();
    };
    let Ok(parsed) = exchange::parse_file(text.as_bytes(), builtin()) else {
        return failed();
    };
    let rubric = builtin();
    let places = cohort::latest_per_place(&parsed.assessments)
        .into_iter()
        .map(|a| rubric.competencies.iter().map(|c| a.level(&c.id)).collect())
        .collect();
    // A cohort file has no title of its own.
    let title = m.region_group_default().to_string();
    (region_content(m, &CardCohort { title, places }), false)
}

/// The regional card: how many places sit at each level of each competency.
pub fn region_content(m: &'static Messages, group: &CardCohort) -> String {
    let rubric = builtin();
    let rows: Vec<DistRow> = rubric
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let levels: Vec<Level> = group
                .places
                .iter()
                .filter_map(|p| p.get(i).copied().flatten())
                .collect();
            let mut at = [0; LEVELS];
            for l in &levels {
                at[l.index()] += 1;
            }
            DistRow {
                name: competency_name(m, c).to_string(),
                at,
                missing: group.places.len() - levels.len(),
                median: cohort::spread(&levels).map_or("–".to_string(), |s| halves(m, s.median)),
            }
        })
        .collect();
    let distribution = super::distribution_markup(m, &rows);
    region_card_html(
        &group.title,
        &m.count(m.region_places_n(), group.places.len()),
        &distribution,
        m.embed_source(),
    )
}

/// The card's content for this link in the language of `m`, and whether
/// the link could not be read.
pub fn content(m: &'static Messages, version: &str, payload: &str) -> (String, bool) {
    let rubric = builtin();
    let a = match share::decode(version, payload, rubric) {
        Ok(a) => a,
        Err(e) => {
            return (
                card_error_html(m.link_error_title(), &link_error_text(m, &e)),
                true,
            )
        }
    };
    let profile = Profile::of(rubric, &a);
    let rows: Vec<CardRow> = profile
        .rows
        .iter()
        .map(|r| CardRow {
            name: competency_name(m, r.competency).to_string(),
            level: match r.level {
                Some(l) => level_label(m, l),
                None => m.not_assessed().to_string(),
            },
        })
        .collect();
    let full = format!(
        "{}{}",
        browser::page_address_of(Page::Reader.file()),
        Route::shared(payload.to_string()).href()
    );
    let html = card_html(&Card {
        title: a.title(),
        place: (a.place != a.title()).then_some(a.place.as_str()),
        date: &m.date(a.date.as_str()),
        figure: &figure(m, &Axis::all(m, &profile)),
        caption: m.table_caption(),
        rows: &rows,
        source: m.embed_source(),
        full_href: &full,
        full_text: m.embed_full_results(),
    });
    (html, false)
}

#[derive(Properties, PartialEq)]
pub struct EmbedCardProps {
    pub version: String,
    pub payload: String,
}

/// The card inside the offline edition, which has no separate card page.
#[component]
pub fn EmbedCard(props: &EmbedCardProps) -> Html {
    let m = use_messages();
    let (inner, _) = content(m, &props.version, &props.payload);
    html! {
        <div class="embed-card">{ Html::from_html_unchecked(AttrValue::from(inner)) }</div>
    }
}

/// The regional card inside the offline edition, from a link (a file on
/// a site is for the web card).
#[component]
pub fn RegionCard(props: &EmbedCardProps) -> Html {
    let m = use_messages();
    let inner = match cohort_link::decode(&props.version, &props.payload, builtin()) {
        Ok(group) => region_content(m, &group),
        Err(e) => card_error_html(m.link_error_title(), &link_error_text(m, &e)),
    };
    html! {
        <div class="embed-card">{ Html::from_html_unchecked(AttrValue::from(inner)) }</div>
    }
}
