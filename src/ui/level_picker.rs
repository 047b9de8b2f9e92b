use super::use_messages;
use super::{descriptor, level_label};
use crate::domain::rubric::{Competency, Level, LevelInfo};
use crate::i18n::Messages;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LevelPickerProps {
    pub competency: &'static Competency,
    pub levels: &'static [LevelInfo],
    pub selected: Option<Level>,
    pub on_select: Callback<Option<Level>>,
}

/// The five descriptors side by side as one native radio group: arrow keys
/// move between levels, and screen readers announce "n of 5".
#[component]
pub fn LevelPicker(props: &LevelPickerProps) -> Html {
    let m = use_messages();
    let c = props.competency;
    let group = format!("level-{}", c.id);
    let clear = props.on_select.reform(|_| None);
    // Our guided-mode questions of each level say, in the user's language,
    // what a city at that level has: help beside the quote, never a
    // translation of it.
    let questions = m.questions(&c.id);
    html! {
        <fieldset class="level-picker">
            <legend>{ m.levels_legend() }</legend>
            <div class="level-grid">
                { for Level::all().map(|level| {
                    let id = format!("{group}-{}", level.get());
                    let checked = props.selected == Some(level);
                    let onchange = props.on_select.reform(move |_| Some(level));
                    html! {
                        <label for={id.clone()} class={classes!("level-card", checked.then_some("selected"))}>
                            <span class="level-head">
                                <input type="radio" id={id} name={group.clone()} value={level.to_string()} {checked} {onchange} />
                                <span class="level-name">{ level_label(m, level) }</span>
                            </span>
                            <span class="descriptor" lang={descriptor(m, c, level).1.to_string()}>{ descriptor(m, c, level).0 }</span>
                            { level_help(m, questions.get(level.index()).copied().unwrap_or_default()) }
                        </label>
                    }
                }) }
            </div>
            if props.selected.is_some() {
                <button type="button" class="button subtle" onclick={clear}>{ m.clear_answer() }</button>
            }
        </fieldset>
    }
}

/// Our questions of one level, inside the radio's label: phrasing content
/// only, so spans, not a list. A plain function: a component of its own
/// would cost the page more code for nothing.
fn level_help(m: &'static Messages, questions: &'static [&'static str]) -> Html {
    if questions.is_empty() {
        return Html::default();
    }
    html! {
        <span class="our-help">
            <span class="our-help-mark">{ m.our_help() }</span>
            <span class="our-help-intro">{ m.level_help() }</span>
            { for questions.iter().map(|q| html! { <span class="our-help-item">{ *q }</span> }) }
        </span>
    }
}
