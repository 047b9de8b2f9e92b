use super::use_messages;
use super::{descriptor, level_help, level_label};
use crate::domain::model::rubric::{Competency, Level, LevelInfo};
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
                        <div class={classes!("level-card", checked.then_some("selected"))}>
                            <label for={id.clone()} class="level-choice">
                                <span class="level-head">
                                    <input type="radio" id={id.clone()} name={group.clone()} value={level.to_string()} {checked} {onchange}
                                        aria-describedby={format!("{id}-help")} />
                                    <span class="level-name">{ level_label(m, level) }</span>
                                </span>
                                <span class="descriptor" lang={descriptor(m, c, level).1.to_string()}>{ descriptor(m, c, level).0 }</span>
                            </label>
                            // Beside the radio's label rather than in it (its name
                            // stays short), tied to it as its description.
                            { level_help(m, questions.get(level.index()).copied().unwrap_or_default(), Some(format!("{id}-help"))) }
                        </div>
                    }
                }) }
            </div>
            if props.selected.is_some() {
                <button type="button" class="button subtle" onclick={clear}>{ m.clear_answer() }</button>
            }
        </fieldset>
    }
}
