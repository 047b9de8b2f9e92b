use super::{competency_name, definition, level_label, our_help, use_messages, VIEW_TITLE_ID};
use crate::domain::model::rubric::{builtin, Level};
use crate::domain::storage::backup::Keeping;
use crate::domain::storage::store::PERSIST_KEY;
use crate::platform::browser;
use crate::platform::storage::read_setting;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AboutProps {
    /// What the browser promises about the data.
    pub keeping: Keeping,
}

#[component]
pub fn About(props: &AboutProps) -> Html {
    let m = use_messages();
    let r = builtin();
    // What the browser says now; the answer to the app's request (made when
    // the first assessment was saved) is remembered, for browsers that
    // cannot be asked again.
    let persisted = use_state(|| None::<Option<bool>>);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            browser::persisted(move |answer| {
                let remembered = read_setting(PERSIST_KEY).and_then(|a| match a.as_str() {
                    "granted" => Some(true),
                    "denied" => Some(false),
                    _ => None, // asked, no answer yet; or cannot be asked
                });
                persisted.set(Some(answer.or(remembered)));
            })
        });
    }
    // Refusal has its own line here (the answer below); Safari's rule is
    // said as on Home.
    let seven_days = (props.keeping == Keeping::SevenDays)
        .then(|| super::home_markup::keeping_line(m, Keeping::SevenDays));
    let (persist_attr, persist_text) = match *persisted {
        Some(Some(true)) => ("granted", m.about_persist_granted()),
        Some(Some(false)) => ("denied", m.about_persist_denied()),
        _ => ("unknown", m.about_persist_unknown()),
    };
    html! {
        <article class="panel prose">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.about_title() }</h1>
            <p>{ m.about_intro() }</p>
            <h2>{ m.about_competencies() }</h2>
            <dl>
                { for r.competencies.iter().map(|c| {
                    let (text, lang) = definition(m, c);
                    html! {
                        <>
                            <dt>{ competency_name(m, c) }</dt>
                            <dd><span lang={lang.to_string()}>{ text }</span>{ our_help(m, m.competency_help(&c.id)) }</dd>
                        </>
                    }
                }) }
            </dl>
            <h2>{ m.about_levels() }</h2>
            <ol class="levels">
                { for r.levels.iter().map(|l| html! {
                    <li>
                        <strong>{ Level::new(l.level).map(|l| level_label(m, l)).unwrap_or_default() }</strong>
                        { " — " }<span lang="en">{ &l.meaning }</span>
                        <br /><span class="small">{ degree(m.about_level_degree(), &l.smart_city_degree) }</span>
                        { our_help(m, m.level_meaning_help().get(usize::from(l.level).saturating_sub(1)).copied()) }
                    </li>
                }) }
            </ol>
            <h2 id="source">{ m.about_source_title() }</h2>
            <p>{ m.about_source_text() }</p>
            <p>{ m.about_licence_text() }{" "}<a href={r.source.licence_url.clone()} rel="license">{ &r.source.licence }</a></p>
            // An official translation in use is credited with its own citation.
            if let Some(t) = crate::domain::model::translation::for_language(m.lang) {
                <p class="small" lang={t.language.clone()} data-quote="">{ &t.source }</p>
            }
            <h2>{ m.about_privacy_title() }</h2>
            <p>{ m.about_privacy_text() }</p>
            <p>{ m.about_storage_text() }</p>
            <h2>{ m.about_sharing_title() }</h2>
            <p>{ m.about_sharing_text() }</p>
            <h2 id="keeping">{ m.about_keeping_title() }</h2>
            if let Some(line) = seven_days { { Html::from_html_unchecked(AttrValue::from(line)) } }
            <p data-persist={persist_attr}>{ persist_text }</p>
        </article>
    }
}

/// "Smart city degree: {degree}", the degree quoted from the note and
/// marked as English inside the sentence in the UI language.
fn degree(template: &str, quoted: &str) -> Html {
    let (before, after) = template.split_once("{degree}").unwrap_or((template, ""));
    html! { <>{ before.to_string() }<span lang="en">{ quoted.to_string() }</span>{ after.to_string() }</> }
}
