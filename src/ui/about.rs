use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::rubric::builtin;
use crate::i18n::fill;
use yew::prelude::*;

#[component]
pub fn About() -> Html {
    let m = use_messages();
    let r = builtin();
    html! {
        <article class="panel prose">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.about_title }</h1>
            <p>{ m.about_intro }</p>
            <h2>{ m.about_competencies }</h2>
            <dl>
                { for r.competencies.iter().map(|c| html! {
                    <>
                        <dt>{ &c.title }</dt>
                        <dd lang="en">{ &c.definition }</dd>
                    </>
                }) }
            </dl>
            <h2>{ m.about_levels }</h2>
            <ol class="levels">
                { for r.levels.iter().map(|l| html! {
                    <li>
                        <strong>{ fill(m.level_label, &[("n", &l.level.to_string()), ("name", &l.name)]) }</strong>
                        { " — " }<span lang="en">{ &l.meaning }</span>
                        <br /><span class="small">{ fill(m.about_level_degree, &[("degree", &l.smart_city_degree)]) }</span>
                    </li>
                }) }
            </ol>
            <h2 id="source">{ m.about_source_title }</h2>
            <p>{ m.about_source_text }</p>
            <p>{ m.about_licence_text }{" "}<a href={r.source.licence_url.clone()} rel="license">{ &r.source.licence }</a></p>
            <p lang="en" class="small">{ &r.source.quoted }</p>
            <h2>{ m.about_privacy_title }</h2>
            <p>{ m.about_privacy_text }</p>
            <p>{ m.about_storage_text }</p>
        </article>
    }
}
