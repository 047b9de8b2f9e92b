use super::plan::status_text;
use super::radar_chart::{radar_chart, Axis};
use super::share_panel::SharePanel;
use super::{
    competency_name, descriptor, level_help, level_label, level_name, meta, name_of, use_messages,
    VIEW_TITLE_ID,
};
use crate::domain::assessment::Assessment;
use crate::domain::plan::top_actions;
use crate::domain::route::Route;
use crate::domain::rubric::{builtin, Competency, Level};
use crate::domain::scoring::Profile;
use crate::i18n::fill;
use crate::platform::browser;
use crate::state::Intent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub assessment: Assessment,
    /// Opened from a link: read-only, no editing or sharing controls.
    #[prop_or_default]
    pub shared: bool,
    /// Other assessments of the same subject exist: offer progress over time.
    #[prop_or_default]
    pub earlier: bool,
    #[prop_or_default]
    pub on_action: Option<Callback<Intent>>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let m = use_messages();
    let rubric = builtin();
    let a = &props.assessment;
    let profile = Profile::of(rubric, a);
    let (done, total) = (profile.done(), profile.total());
    let continue_href = profile.first_missing().map(|c| {
        Route::Step {
            id: a.id.clone(),
            competency: c.id.clone(),
        }
        .href()
    });
    let axes = Axis::all(m, &profile);
    let (lowest_level, lowest) = profile.lowest();
    let top = top_actions(a, 5);
    let print = Callback::from(|_: MouseEvent| browser::print());
    // Our help under each quoted descriptor, in the UI language; on screen
    // only, so the printed report keeps to two pages.
    let help = |c: &Competency, l: Level| {
        html! {
            <div class="no-print">{ level_help(m, m.questions(&c.id).get(l.index()).copied().unwrap_or_default(), None) }</div>
        }
    };
    let notes: Vec<_> = profile
        .rows
        .iter()
        .filter(|r| !r.notes.trim().is_empty())
        .collect();

    html! {
        <article class="results">
            <header>
                <h1 id={VIEW_TITLE_ID} tabindex="-1">{ fill(m.results_title(), &[("title", a.title())]) }</h1>
                { meta(m, a, true) }
                // The action bar: sharing and printing within reach at the top.
                <p class="actions no-print">
                    if !props.shared {
                        <a class="button" href={Route::Plan { id: a.id.clone() }.href()}>{ m.action_plan() }</a>
                        if props.earlier {
                            <a class="button" href={Route::Progress { id: a.id.clone() }.href()}>{ m.action_progress() }</a>
                        }
                        <a class="button" href={Route::Reassess { id: a.id.clone() }.href()}>{ m.action_reassess() }</a>
                        <button type="button" class="button primary" onclick={Callback::from(|_: MouseEvent| browser::focus("share-title"))}>{ m.action_share() }</button>
                    }
                    <button type="button" class="button" onclick={print}>{ m.action_print() }</button>
                </p>
            </header>
            if done < total {
                <div class="notice info">
                    <p>{ if done == 0 { m.results_none().to_string() } else {
                        fill(&m.count(m.results_partial_n(), done), &[("total", &total.to_string())])
                    } }</p>
                    if let (Some(href), false) = (continue_href, props.shared) { <p><a class="button" href={href}>{ m.results_continue() }</a></p> }
                </div>
            }
            <div class="results-body">
                { radar_chart(m, &axes) }
                <div class="side">
                    if let Some(level) = lowest_level {
                        <section class="start-here" aria-labelledby="start-here">
                            <h2 id="start-here">{ m.start_here_title() }</h2>
                            <p>{ fill(m.start_here(), &[
                                ("names", &lowest.iter().map(|c| competency_name(m, c)).collect::<Vec<_>>().join(", ")),
                                ("n", &level.to_string()),
                                ("level", level_name(m, level)),
                            ]) }</p>
                            <p class="small">{ m.no_overall_score() }</p>
                        </section>
                    }
                </div>
            </div>
                // Focusable so keyboard users can scroll it on a narrow screen.
                <div class="table-wrap" role="region" aria-labelledby="levels-caption" tabindex="0">
                    <table role="table" id="levels-table" class="stack">
                        <caption id="levels-caption">{ m.table_caption() }</caption>
                        <thead role="rowgroup">
                            <tr role="row">
                                <th role="columnheader" scope="col">{ m.col_competency() }</th>
                                <th role="columnheader" scope="col">{ m.col_level() }</th>
                                <th role="columnheader" scope="col">{ m.col_holds() }</th>
                                <th role="columnheader" scope="col">{ m.col_target() }</th>
                                <th role="columnheader" scope="col">{ m.col_next() }</th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            { for profile.rows.iter().map(|r| html! {
                                <tr role="row" class={classes!(r.level.is_none().then_some("missing"))}>
                                    <th role="rowheader" scope="row">{ competency_name(m, r.competency) }</th>
                                    <td role="cell" class="level-cell" data-label={m.col_level()}>{ match r.level {
                                        Some(l) => level_label(m, l),
                                        None => m.not_assessed().to_string(),
                                    } }
                                    if let Some(g) = a.rating(&r.competency.id).and_then(|x| x.guided.as_ref()) {
                                        if let Some(s) = g.suggested {
                                            <span class="guided-record">{ fill(m.guided_record(), &[("n", &s.to_string()), ("choice", if g.accepted { m.guided_choice_accepted() } else { m.guided_choice_overridden() })]) }</span>
                                        }
                                    }
                                    </td>
                                    <td role="cell" data-label={m.col_holds()}>
                                        { match r.level {
                                            Some(l) => { let (text, lang) = descriptor(m, r.competency, l); html! { <>
                                                <span lang={lang.to_string()}>{ text }</span>
                                                { help(r.competency, l) }
                                            </> } }
                                            None => html! { "—" },
                                        } }
                                        if !props.shared {
                                            <a class="row-action no-print" href={Route::Step { id: a.id.clone(), competency: r.competency.id.clone() }.href()}>
                                                { m.action_change() }<span class="visually-hidden">{ format!(" — {}", competency_name(m, r.competency)) }</span>
                                            </a>
                                        }
                                    </td>
                                    <td role="cell" data-label={m.col_target()}>{ match r.target {
                                        Some(t) => level_label(m, t),
                                        None => "—".to_string(),
                                    } }</td>
                                    <td role="cell" data-label={m.col_next()}>{ match (r.level, r.next_descriptor()) {
                                        (Some(_), Some(_)) => match r.next {
                                            Some(n) => { let (text, lang) = descriptor(m, r.competency, n); html! { <>
                                                <span lang={lang.to_string()}>{ text }</span>
                                                { help(r.competency, n) }
                                            </> } }
                                            None => html! {},
                                        },
                                        (Some(_), None) => html! { m.top_level_reached() },
                                        (None, _) => html! { "—" },
                                    } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            if !top.is_empty() {
                <section class="top-actions" aria-labelledby="top-actions-title">
                    <h2 id="top-actions-title">{ m.top_actions_title() }</h2>
                    <ol>
                        { for top.iter().map(|p| html! {
                            <li>
                                <strong>{ &p.what }</strong>
                                { format!(" — {}", name_of(m, &p.competency)) }
                                if !p.owner.is_empty() { { format!(" · {}", fill(m.plan_owned_by(), &[("name", &p.owner)])) } }
                                if let Some(d) = &p.due { { format!(" · {}", fill(m.plan_due_on(), &[("date", d.as_str())])) } }
                                { format!(" · {}", status_text(m, p.status)) }
                            </li>
                        }) }
                    </ol>
                    if !props.shared { <p class="no-print"><a href={Route::Plan { id: a.id.clone() }.href()}>{ m.plan_open() }</a></p> }
                </section>
            }
            <section class="notes-section" aria-labelledby="notes-title">
                <h2 id="notes-title">{ m.notes_title() }</h2>
                if notes.is_empty() {
                    <p>{ m.no_notes() }</p>
                } else {
                    <dl class="notes">
                        { for notes.iter().map(|r| html! {
                            <>
                                <dt>{ competency_name(m, r.competency) }</dt>
                                <dd class="note-text">{ &r.notes }</dd>
                            </>
                        }) }
                    </dl>
                }
            </section>
            if props.shared {
                // The printed report leads back to these results.
                <p class="print-only link-text">{ m.report_link() }{" "}<span>{ format!("{}{}", browser::page_address(), browser::current_hash()) }</span></p>
            } else {
                <SharePanel assessment={a.clone()} />
            }
            <p class="small source-credit">{ fill(m.rubric_used(), &[("title", &rubric.title), ("version", &rubric.version)]) }{" "}{ m.footer_source() }</p>
        </article>
    }
}
