use super::radar_chart::{Axis, RadarChart};
use super::shared::link_error_text;
use super::{competency_name, level_label, use_messages};
use crate::domain::embed::HEIGHT_MESSAGE;
use crate::domain::route::Route;
use crate::domain::rubric::builtin;
use crate::domain::scoring::Profile;
use crate::domain::share;
use crate::i18n::{self, Messages, EN};
use crate::platform::browser::{self, HeightReporter, WindowListener};
use crate::platform::catalogs;
use yew::prelude::*;

/// Starts embed.html: the card of the results in the address, in the
/// visitor's language. Any other address belongs to the app's first page.
pub fn start() {
    let Route::Embed { version, payload } = Route::parse(&browser::current_hash()) else {
        browser::replace_location(&format!("./{}", browser::current_hash()));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // The card reads no storage, so no remembered choice: the browser's.
        let lang = i18n::negotiate(browser::preferred_languages().iter().map(String::as_str));
        let messages = catalogs::load(lang).await.unwrap_or(&EN);
        browser::remove_boot_message();
        yew::Renderer::<Card>::with_props(CardProps {
            messages,
            version,
            payload,
        })
        .render();
    });
}

#[derive(Properties, PartialEq)]
struct CardProps {
    messages: &'static Messages,
    version: String,
    payload: String,
}

#[component]
fn Card(props: &CardProps) -> Html {
    // The card never becomes the app: another address in its frame or tab
    // opens the app's own page, with its storage.
    use_effect_with((), |_| {
        let hash = WindowListener::new("hashchange", || {
            if !matches!(Route::parse(&browser::current_hash()), Route::Embed { .. }) {
                browser::replace_location(&format!("./{}", browser::current_hash()));
            }
        });
        move || drop(hash)
    });
    html! {
        <ContextProvider<&'static Messages> context={props.messages}>
            <EmbedCard version={props.version.clone()} payload={props.payload.clone()} />
        </ContextProvider<&'static Messages>>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedCardProps {
    pub version: String,
    pub payload: String,
}

/// The compact results card a portal shows in an iframe: chart, levels,
/// subject, date and source, a link to the full view, and no app chrome.
#[component]
pub fn EmbedCard(props: &EmbedCardProps) -> Html {
    let m = use_messages();
    use_effect_with((), |_| {
        browser::set_body_class("embedded");
        let reporter = HeightReporter::new(HEIGHT_MESSAGE);
        move || drop(reporter)
    });
    let rubric = builtin();
    let a = match share::decode(&props.version, &props.payload, rubric) {
        Ok(a) => a,
        Err(e) => {
            return html! {
                <main class="embed-card" data-view="embed" data-link-error="">
                    <h1>{ m.link_error_title() }</h1>
                    <p>{ link_error_text(m, &e) }</p>
                </main>
            }
        }
    };
    let profile = Profile::of(rubric, &a);
    let axes = Axis::all(m, &profile);
    let full = format!(
        "{}{}",
        browser::app_address(),
        Route::shared(props.payload.to_string()).href()
    );
    html! {
        <main class="embed-card" data-view="embed">
            <h1>{ a.title() }</h1>
            <p class="meta">
                if a.place != a.title() { <span>{ &a.place }</span> }
                <span>{ m.date(a.date.as_str()) }</span>
            </p>
            <RadarChart {axes} />
            <table class="compact">
                <caption>{ m.table_caption() }</caption>
                <tbody>
                    { for profile.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ competency_name(m, r.competency) }</th>
                            <td>{ match r.level {
                                Some(l) => level_label(m, l),
                                None => m.not_assessed().to_string(),
                            } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="small">{ m.embed_source() }</p>
            <p><a href={full} target="_blank" rel="noopener">{ m.embed_full_results() }</a></p>
        </main>
    }
}
