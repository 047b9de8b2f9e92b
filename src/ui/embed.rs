use super::radar_chart::{Axis, RadarChart};
use super::shared::link_error_text;
use super::{competency_name, level_label, use_messages};
use crate::domain::embed::HEIGHT_MESSAGE;
use crate::domain::route::Route;
use crate::domain::rubric::builtin;
use crate::domain::scoring::Profile;
use crate::domain::share;
use crate::platform::browser::{self, HeightReporter};
use yew::prelude::*;

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
                    <h1>{ m.link_error_title }</h1>
                    <p>{ link_error_text(m, &e) }</p>
                </main>
            }
        }
    };
    let profile = Profile::of(rubric, &a);
    let axes = Axis::all(m, &profile);
    let full = format!(
        "{}{}",
        browser::page_address(),
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
                <caption>{ m.table_caption }</caption>
                <tbody>
                    { for profile.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ competency_name(m, r.competency) }</th>
                            <td>{ match r.level {
                                Some(l) => level_label(m, l),
                                None => m.not_assessed.to_string(),
                            } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="small">{ m.embed_source }</p>
            <p><a href={full} target="_blank" rel="noopener">{ m.embed_full_results }</a></p>
        </main>
    }
}
