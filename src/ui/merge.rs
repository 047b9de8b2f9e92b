//! Several respondents' views of one subject: each level, the spread, where
//! they disagree, their notes side by side, and the agreed assessment.

use super::pool::{chosen, label, use_choice, PoolViewProps};
use super::{level_label, name_of, use_messages, VIEW_TITLE_ID};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::merge::{agreed, choices, mixed_subjects, rows, Choices};
use crate::domain::model::rubric::{builtin, Level};
use crate::domain::storage::tab;
use crate::i18n::fill;
use crate::state::Intent;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn MergeView(props: &PoolViewProps) -> Html {
    let m = use_messages();
    let rubric = builtin();
    let (selected, choose) = use_choice(props, m.merge_pick(), tab::MERGE_CHOICE_KEY);
    // The group's choices where they differ from the median, by competency id.
    let overrides = use_state(Choices::new);
    let chosen = chosen(props, &selected);
    let rows = rows(rubric, &chosen);
    let choices = choices(&rows, &overrides);
    let name = |i: usize, a: &Assessment| {
        if a.assessor.is_empty() {
            fill(m.merge_respondent_n(), &[("n", &(i + 1).to_string())])
        } else {
            a.assessor.clone()
        }
    };
    let save = {
        let list: Vec<Assessment> = chosen.iter().map(|a| (*a).clone()).collect();
        let choices = choices.clone();
        props.on_action.reform(move |_: MouseEvent| {
            let refs: Vec<&Assessment> = list.iter().collect();
            // The id and times are the reducer's to give.
            match agreed(&refs, &choices, name, String::new(), 0) {
                Some(assessment) => Intent::SaveAgreed { assessment },
                None => Intent::DismissFlash,
            }
        })
    };
    html! {
        <article class="merge">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.merge_title() }</h1>
            <p>{ m.merge_intro() }</p>
            { choose }
            if chosen.len() < 2 {
                <p class="notice info">{ m.merge_pick_two() }</p>
            } else {
                if mixed_subjects(&chosen) { <p class="notice warning">{ m.merge_mixed() }</p> }
                <div class="table-wrap" role="region" aria-labelledby="merge-caption" tabindex="0">
                    <table role="table" class="merge-table stack">
                        <caption id="merge-caption">{ fill(m.merge_caption(), &[("n", &chosen.len().to_string())]) }</caption>
                        <thead role="rowgroup">
                            <tr role="row">
                                <th role="columnheader" scope="col">{ m.col_competency() }</th>
                                { for chosen.iter().enumerate().map(|(i, a)| html! { <th role="columnheader" scope="col">{ name(i, a) }</th> }) }
                                <th role="columnheader" scope="col">{ m.merge_spread() }</th>
                                <th role="columnheader" scope="col">{ m.merge_agreed() }</th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            { for rows.iter().map(|r| {
                                let select_id = format!("agree-{}", r.competency);
                                let current = choices.iter().find(|(c, _)| *c == r.competency).and_then(|(_, l)| *l);
                                let onchange = {
                                    let (overrides, id) = (overrides.clone(), r.competency.clone());
                                    Callback::from(move |e: Event| {
                                        let i = e.target_unchecked_into::<HtmlSelectElement>().selected_index();
                                        let level = u8::try_from(i).ok().and_then(Level::new);
                                        let mut next: Vec<_> = overrides.iter().filter(|(c, _)| *c != id).cloned().collect();
                                        next.push((id.clone(), level));
                                        overrides.set(next);
                                    })
                                };
                                html! {
                                    <tr role="row" class={classes!(r.spread.is_some_and(|s| s.disagree()).then_some("disagree"))}>
                                        <th role="rowheader" scope="row">{ name_of(m, &r.competency) }</th>
                                        { for r.levels.iter().zip(&chosen).enumerate().map(|(i, (l, a))| html! {
                                            <td role="cell" data-label={name(i, a)}>{ l.map_or_else(|| m.not_assessed().to_string(), |l| l.to_string()) }</td>
                                        }) }
                                        <td role="cell" data-label={m.merge_spread()}>
                                            { match r.spread {
                                                Some(s) => fill(m.merge_spread_value(), &[("min", &s.min.to_string()), ("median", &s.median.to_string()), ("max", &s.max.to_string())]),
                                                None => "—".to_string(),
                                            } }
                                            if r.spread.is_some_and(|s| s.disagree()) {
                                                <strong class="flag">{ m.merge_disagree() }</strong>
                                            }
                                        </td>
                                        <td role="cell" data-label={m.merge_agreed()}>
                                            <label class="visually-hidden" for={select_id.clone()}>{ fill(m.merge_agreed_for(), &[("name", &name_of(m, &r.competency))]) }</label>
                                            <select id={select_id} {onchange}>
                                                <option selected={current.is_none()}>{ m.not_assessed() }</option>
                                                { for Level::all().map(|l| html! {
                                                    <option selected={current == Some(l)}>{ level_label(m, l) }</option>
                                                }) }
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="small">{ m.merge_median_note() }</p>
                <section aria-labelledby="merge-notes">
                    <h2 id="merge-notes">{ m.merge_notes_title() }</h2>
                    { for rows.iter().filter(|r| r.notes.iter().any(|n| !n.trim().is_empty())).map(|r| html! {
                        <section class="merge-notes">
                            <h3>{ name_of(m, &r.competency) }</h3>
                            <dl class="notes side-by-side">
                                { for r.notes.iter().enumerate().filter(|(_, n)| !n.trim().is_empty()).map(|(i, n)| html! {
                                    <div><dt>{ chosen.get(i).map(|a| name(i, a)).unwrap_or_default() }</dt><dd class="note-text">{ n }</dd></div>
                                }) }
                            </dl>
                        </section>
                    }) }
                </section>
                <p class="actions">
                    <button type="button" class="button primary" onclick={save}>{ m.merge_save() }</button>
                </p>
                <p class="small">{ fill(m.merge_save_hint(), &[("names", &chosen.iter().map(|a| label(m, a)).collect::<Vec<_>>().join("; "))]) }</p>
            }
        </article>
    }
}
