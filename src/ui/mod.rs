//! Yew components: a thin layer that renders state and sends actions.

pub mod about;
pub mod app;
pub mod assess;
pub mod backup;
pub mod compare;
pub mod details_form;
pub mod drop_zone;
pub mod embed;
pub mod first_paint;
pub mod guide;
pub mod guided;
pub mod home;
pub mod home_markup;
pub mod level_picker;
pub mod merge;
pub mod notices;
pub mod plan;
pub mod pool;
pub mod radar_chart;
pub mod reader;
pub mod region;
pub mod results;
pub mod share_panel;
pub mod shared;
pub mod views;

use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::{builtin, Competency, Level};
use crate::domain::model::translation::{self, RubricTranslation};
use crate::i18n::{fill, Messages, EN};
use yew::prelude::*;

/// Tells the app whether a form holds input not yet saved, so that loading
/// a new version waits for it. Closing the form (or leaving the view) says
/// it is no longer open.
#[hook]
pub fn use_open_form(name: String, open: bool, on_action: &Callback<crate::state::Intent>) {
    let on_action = on_action.clone();
    use_effect_with((name, open), move |(name, open)| {
        let (name, open) = (name.clone(), *open);
        if open {
            on_action.emit(crate::state::Intent::FormOpen {
                form: name.clone(),
                open: true,
            });
        }
        move || {
            if open {
                on_action.emit(crate::state::Intent::FormOpen {
                    form: name,
                    open: false,
                });
            }
        }
    });
}

/// The active message catalog (English until more languages land).
#[hook]
pub fn use_messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

/// The official translation of the rubric for the UI language, if shipped.
fn official(m: &Messages) -> Option<&'static RubricTranslation> {
    translation::for_language(m.lang)
}

/// A competency's name in the UI language: the official translation's, else
/// our catalog's, else the rubric's own.
pub fn competency_name<'a>(m: &'static Messages, c: &'a Competency) -> &'a str {
    official(m)
        .and_then(|t| t.competency(&c.id))
        .map(|t| t.title.as_str())
        .or_else(|| m.competency_name(&c.id))
        .unwrap_or(&c.title)
}

/// The same, by competency id (the id itself if the rubric lacks it).
pub fn name_of(m: &'static Messages, id: &str) -> String {
    builtin()
        .competency(id)
        .map_or_else(|| id.to_string(), |c| competency_name(m, c).to_string())
}

pub fn level_name(m: &'static Messages, level: Level) -> &'static str {
    official(m)
        .and_then(|t| t.levels.get(level.index()))
        .map_or_else(|| m.level_name(level), String::as_str)
}

/// A group's distribution (`chart::distribution_html`) with its words in
/// the reader's language: the regional view and the regional card.
pub fn distribution_markup(
    m: &'static Messages,
    rows: &[crate::domain::markup::chart::DistRow],
) -> String {
    let levels: Vec<String> = Level::all().map(|l| level_label(m, l)).collect();
    crate::domain::markup::chart::distribution_html(
        rows,
        &crate::domain::markup::chart::DistWords {
            caption: m.region_dist_caption(),
            competency: m.col_competency(),
            levels: &levels,
            missing: m.region_col_missing(),
            median: m.region_col_median(),
        },
    )
}

/// A level in halves (a median, a quartile) in the reader's words: "3",
/// "3.5" or "3,5".
pub fn halves(m: &Messages, h: crate::domain::region::cohort::Halves) -> String {
    match h.parts() {
        (n, false) => n.to_string(),
        (n, true) => crate::i18n::fill(m.decimal_half(), &[("n", &n.to_string())]),
    }
}

/// "Level 3 · Intermediate" in the UI language.
pub fn level_label(m: &'static Messages, level: Level) -> String {
    fill(
        m.level_label(),
        &[("n", &level.to_string()), ("name", level_name(m, level))],
    )
}

/// A descriptor as published, with its language: the official translation
/// for the UI language when there is one, else the English original.
pub fn descriptor<'a>(m: &'static Messages, c: &'a Competency, level: Level) -> (&'a str, &'a str) {
    match official(m).and_then(|t| Some((t.competency(&c.id)?, t.language.as_str()))) {
        Some((t, lang)) => (t.descriptors[level.index()].as_str(), lang),
        None => (c.descriptor(level), "en"),
    }
}

/// Our own words beside a quote of the note, in the UI language, marked as
/// ours: the licence forbids shipping a translation of the quote itself.
pub fn our_help(m: &'static Messages, text: Option<&'static str>) -> Html {
    match text {
        Some(text) => html! {
            <p class="our-help"><span class="our-help-mark">{ m.our_help() }</span>{ text }</p>
        },
        None => Html::default(),
    }
}

/// Our guided-mode questions of one level, as help in the UI language
/// (`reader::level_help`, the one markup of it).
pub fn level_help(
    m: &'static Messages,
    questions: &'static [&'static str],
    id: Option<String>,
) -> Html {
    Html::from_html_unchecked(AttrValue::from(reader::level_help(
        m,
        questions,
        id.as_deref(),
    )))
}

/// A competency's definition from the note, with its language.
pub fn definition<'a>(m: &'static Messages, c: &'a Competency) -> (&'a str, &'a str) {
    match official(m).and_then(|t| Some((t.competency(&c.id)?, t.language.as_str()))) {
        Some((t, lang)) => (t.definition.as_str(), lang),
        None => (c.definition.as_str(), "en"),
    }
}

/// Names for CSV exports, in the UI language.
pub fn csv_names(m: &'static Messages) -> crate::domain::formats::csv::Names<'static> {
    crate::domain::formats::csv::Names {
        competencies: builtin()
            .competencies
            .iter()
            .map(|c| competency_name(m, c))
            .collect(),
        levels: Level::all().map(|l| level_name(m, l)).collect(),
    }
}

/// The id of each view's main heading, focused after navigation.
pub const VIEW_TITLE_ID: &str = "view-title";

/// One line under an assessment's title: whole city or initiative, the
/// place (for an initiative), the date (unless the title has it), and who
/// assessed (`reader::meta`, the one markup of it).
pub fn meta(m: &'static Messages, a: &Assessment, with_date: bool) -> Html {
    Html::from_html_unchecked(AttrValue::from(reader::meta(m, a, with_date)))
}

#[derive(Properties, PartialEq)]
pub struct MissingProps {
    pub assessment: bool,
}

/// An assessment that is not on this device, or an address that is not a view.
#[component]
pub fn Missing(props: &MissingProps) -> Html {
    let m = use_messages();
    let (title, text) = if props.assessment {
        (m.missing_assessment_title(), m.missing_assessment_text())
    } else {
        (m.not_found_title(), m.not_found_text())
    };
    html! {
        <section class="panel">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ title }</h1>
            <p>{ text }</p>
            <p><a class="button" href="#/">{ m.back_home() }</a></p>
        </section>
    }
}
