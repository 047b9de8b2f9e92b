//! The message catalog: every string the UI shows, except the quoted rubric.
//! One struct, one value per language, so a missing translation is a compile
//! error rather than a blank on screen. Placeholders are `{name}`.

#[derive(Debug)]
pub struct Messages {
    pub lang: &'static str,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_assessments: &'static str,
    pub nav_about: &'static str,
    pub footer_source: &'static str,
    pub footer_licence: &'static str,
    pub footer_privacy: &'static str,

    // Storage notices
    pub storage_unavailable: &'static str,
    pub storage_newer: &'static str,
    pub storage_could_not_set_aside: &'static str,
    pub storage_full: &'static str,
    pub storage_failed: &'static str,
    pub set_aside_intro: &'static str,
    pub set_aside_partly: &'static str,
    pub set_aside_kept: &'static str,
    pub set_aside_memory: &'static str,
    pub set_aside_download: &'static str,
    pub set_aside_delete: &'static str,
    pub set_aside_delete_confirm: &'static str,
    pub set_aside_dismiss: &'static str,
    pub download_failed: &'static str,
    pub reason_too_large: &'static str,
    pub reason_not_json: &'static str,
    pub reason_not_ours: &'static str,
    pub reason_newer: &'static str,
    pub reason_invalid: &'static str,

    // Home
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_intro_private: &'static str,
    pub home_empty: &'static str,
    pub start_new: &'static str,
    pub subject_city: &'static str,
    pub subject_initiative: &'static str,
    pub assessed_by: &'static str,
    pub progress_count: &'static str,
    pub action_continue: &'static str,
    pub action_results: &'static str,
    pub action_edit_details: &'static str,
    pub action_delete: &'static str,
    pub delete_confirm: &'static str,
    pub delete_yes: &'static str,
    pub cancel: &'static str,

    // Details form
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub form_subject_legend: &'static str,
    pub form_subject_city: &'static str,
    pub form_subject_initiative: &'static str,
    pub form_subject_hint: &'static str,
    pub form_initiative_name: &'static str,
    pub form_place: &'static str,
    pub form_place_hint: &'static str,
    pub form_date: &'static str,
    pub form_date_hint: &'static str,
    pub form_assessor: &'static str,
    pub form_assessor_hint: &'static str,
    pub form_optional: &'static str,
    pub form_start: &'static str,
    pub form_save: &'static str,
    pub form_errors_title: &'static str,
    pub err_place_missing: &'static str,
    pub err_initiative_missing: &'static str,
    pub err_date_invalid: &'static str,
    pub err_too_long: &'static str,

    // Assessing
    pub steps_label: &'static str,
    pub pager_label: &'static str,
    pub step_not_assessed: &'static str,
    pub step_level: &'static str,
    pub progress_label: &'static str,
    pub how_to_choose: &'static str,
    pub levels_legend: &'static str,
    pub level_label: &'static str,
    pub clear_answer: &'static str,
    pub target_label: &'static str,
    pub target_hint: &'static str,
    pub target_none: &'static str,
    pub notes_label: &'static str,
    pub notes_hint: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub see_results: &'static str,
    pub quoted_from_note: &'static str,
    pub saved_automatically: &'static str,

    // Results
    pub results_title: &'static str,
    pub results_partial: &'static str,
    pub results_continue: &'static str,
    pub results_none: &'static str,
    pub start_here_title: &'static str,
    pub start_here: &'static str,
    pub no_overall_score: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub chart_item: &'static str,
    pub chart_item_missing: &'static str,
    pub chart_target_item: &'static str,
    pub legend_current: &'static str,
    pub legend_target: &'static str,
    pub chart_missing_note: &'static str,
    pub table_caption: &'static str,
    pub col_competency: &'static str,
    pub col_level: &'static str,
    pub col_holds: &'static str,
    pub col_target: &'static str,
    pub col_next: &'static str,
    pub not_assessed: &'static str,
    pub top_level_reached: &'static str,
    pub notes_title: &'static str,
    pub no_notes: &'static str,
    pub rubric_used: &'static str,

    // About
    pub about_title: &'static str,
    pub about_intro: &'static str,
    pub about_competencies: &'static str,
    pub about_levels: &'static str,
    pub about_level_degree: &'static str,
    pub about_source_title: &'static str,
    pub about_source_text: &'static str,
    pub about_licence_text: &'static str,
    pub about_privacy_title: &'static str,
    pub about_privacy_text: &'static str,
    pub about_storage_text: &'static str,

    // Not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub missing_assessment_title: &'static str,
    pub missing_assessment_text: &'static str,
    pub back_home: &'static str,

    // Sharing, files
    pub share_title: &'static str,
    pub share_intro: &'static str,
    pub share_with_notes: &'static str,
    pub share_link_label: &'static str,
    pub share_copy: &'static str,
    pub share_copied: &'static str,
    pub share_copy_manual: &'static str,
    pub share_length: &'static str,
    pub qr_label: &'static str,
    pub qr_caption: &'static str,
    pub qr_too_long: &'static str,
    pub export_title: &'static str,
    pub export_json: &'static str,
    pub export_json_hint: &'static str,
    pub export_csv: &'static str,
    pub csv_subject: &'static str,
    pub csv_place: &'static str,
    pub csv_date: &'static str,
    pub csv_competency: &'static str,
    pub csv_level: &'static str,
    pub csv_level_name: &'static str,
    pub csv_target: &'static str,
    pub csv_notes: &'static str,
    pub shared_banner_title: &'static str,
    pub shared_banner_text: &'static str,
    pub shared_save: &'static str,
    pub shared_already: &'static str,
    pub shared_open_saved: &'static str,
    pub shared_similar: &'static str,
    pub shared_save_anyway: &'static str,
    pub link_error_title: &'static str,
    pub link_incomplete: &'static str,
    pub link_newer: &'static str,
    pub link_not_ours: &'static str,
    pub link_damaged: &'static str,
    pub link_too_large: &'static str,
    pub link_other_rubric: &'static str,
    pub link_error_help: &'static str,
    pub import_title: &'static str,
    pub import_label: &'static str,
    pub import_drop: &'static str,
    pub export_all: &'static str,
    pub flash_imported: &'static str,
    pub flash_already: &'static str,
    pub flash_damaged: &'static str,
    pub flash_other_rubric: &'static str,
    pub flash_import_failed: &'static str,
    pub file_too_large: &'static str,
    pub file_not_text: &'static str,
    pub file_not_json: &'static str,
    pub file_not_ours: &'static str,
    pub file_newer: &'static str,
    pub file_nothing_readable: &'static str,
    pub file_refused: &'static str,
    pub flash_saved_copy: &'static str,
    pub flash_already_saved: &'static str,
    pub dismiss: &'static str,
    /// Spreadsheets in many locales expect `;`.
    pub csv_delimiter: char,
}

pub static EN: Messages = Messages {
    lang: "en",
    app_name: "Urban Data Maturity Self-Assessment",
    skip_to_content: "Skip to content",
    nav_label: "Main",
    nav_assessments: "My assessments",
    nav_about: "About the model",
    footer_source: "Model: Anthony Townsend and Patricio Zambrano-Barragán, “Big Urban Data: A Strategic Guide for Cities”, Inter-American Development Bank (IDB), Technical Note IDB-TN-1655, October 2019.",
    footer_licence: "The model’s descriptions are quoted unchanged under the CC-IGO 3.0 BY-NC-ND licence. This tool is not made or endorsed by the IDB.",
    footer_privacy: "Private by design: your answers stay in this browser. This page sends nothing to any server and loads nothing from other sites.",

    storage_unavailable: "This browser does not let the app save here (private mode, a blocked setting, or an embedded page). You can keep working, but your answers will be gone when you close this tab.",
    storage_newer: "Your saved assessments were made by a newer version of this app. This version cannot read them, so it leaves them untouched. Changes you make now are not saved. Download a copy below, or open the newer version.",
    storage_could_not_set_aside: "Saved data could not be read, and there was no room to keep a copy of it. To protect it, nothing is saved in this tab. Download it below, then free some space.",
    storage_full: "Could not save your last change: this browser’s storage is full. Your work is still here while this tab stays open. Delete old assessments, or free space in the browser settings.",
    storage_failed: "Could not save your last change. Your work is still here while this tab stays open. The app will try again at your next change.",
    set_aside_intro: "Some saved data could not be read: {reason}.",
    set_aside_partly: "{n} saved assessment(s) could not be read and are not shown. The others are here as before.",
    set_aside_kept: "Nothing was deleted. A copy of the unreadable data is kept on this device. Download it to keep it or to ask for help.",
    set_aside_memory: "Nothing was deleted. Download the data to keep it.",
    set_aside_download: "Download the unreadable data",
    set_aside_delete: "Delete the kept copy",
    set_aside_delete_confirm: "Delete the kept copy for good? Download it first if you may need it.",
    set_aside_dismiss: "Hide this message",
    download_failed: "The download could not start in this browser.",
    reason_too_large: "it is larger than this app ever saves",
    reason_not_json: "it is cut off or damaged",
    reason_not_ours: "it was not written by this app",
    reason_newer: "it comes from a newer version of this app",
    reason_invalid: "parts of it are damaged",

    home_title: "Your assessments",
    home_intro: "See how well your city uses data, using the five competencies of the IDB Big Urban Data Maturity Model. For each one, you choose which of five descriptions fits your city today. It takes about 15 minutes.",
    home_intro_private: "Everything is saved in this browser only. No account, no server.",
    home_empty: "You have no assessments on this device yet.",
    start_new: "Start a new assessment",
    subject_city: "Whole city",
    subject_initiative: "Initiative",
    assessed_by: "Assessed by {name}",
    progress_count: "{done} of {total} competencies assessed",
    action_continue: "Continue",
    action_results: "Results",
    action_edit_details: "Edit details",
    action_delete: "Delete",
    delete_confirm: "Delete “{title}” ({date})? This cannot be undone.",
    delete_yes: "Yes, delete",
    cancel: "Cancel",

    new_title: "New assessment",
    edit_title: "Assessment details",
    form_subject_legend: "What are you assessing?",
    form_subject_city: "The whole city",
    form_subject_initiative: "One initiative or project",
    form_subject_hint: "Assess one initiative to see whether its impact is narrow or broad.",
    form_initiative_name: "Name of the initiative",
    form_place: "City or organisation",
    form_place_hint: "For example: Municipality of Fortaleza.",
    form_date: "Date of the assessment",
    form_date_hint: "Year-month-day, for example 2026-03-31.",
    form_assessor: "Assessed by",
    form_assessor_hint: "Your name, team or department.",
    form_optional: "(optional)",
    form_start: "Start assessing",
    form_save: "Save details",
    form_errors_title: "Please check the form",
    err_place_missing: "Enter the city or organisation.",
    err_initiative_missing: "Enter the name of the initiative.",
    err_date_invalid: "Enter a real date as year-month-day, for example 2026-03-31.",
    err_too_long: "A field is too long. Keep each one under 200 characters.",

    steps_label: "Competencies",
    pager_label: "Previous and next competency",
    step_not_assessed: "not assessed yet",
    step_level: "level {n}",
    progress_label: "{done} of {total} assessed",
    how_to_choose: "Read the five descriptions. Choose the highest level whose description fully holds for your city today. If you are between two levels, choose the lower one.",
    levels_legend: "Which description fits today?",
    level_label: "Level {n} · {name}",
    clear_answer: "Clear my answer",
    target_label: "Target level",
    target_hint: "Where do you want to be? For example, in two years.",
    target_none: "No target",
    notes_label: "Notes and evidence",
    notes_hint: "What shows this level? Documents, links, people to ask.",
    previous: "Previous: {name}",
    next: "Next: {name}",
    see_results: "See the results",
    quoted_from_note: "Descriptions quoted from the IDB note, in its original English.",
    saved_automatically: "Your answers are saved automatically.",

    results_title: "Results: {title}",
    results_partial: "{done} of {total} competencies are assessed. The others are marked “Not assessed” and left out of the chart.",
    results_continue: "Continue the assessment",
    results_none: "Nothing is assessed yet, so there is nothing to show.",
    start_here_title: "Where to start",
    start_here: "Lowest level: {names} (level {n} · {level}). Moving up here is the place to start.",
    no_overall_score: "There is no overall score: the model looks at each competency on its own.",
    chart_title: "Maturity profile",
    chart_desc: "Radar chart of the level of each competency, from 1 (centre) to 5 (edge). The table below gives the same information.",
    chart_item: "{name}: level {n}",
    chart_item_missing: "{name}: not assessed",
    chart_target_item: "target level {n}",
    legend_current: "Current level (solid line)",
    legend_target: "Target (dashed line and squares)",
    chart_missing_note: "Competencies not assessed are left out of the outline.",
    table_caption: "Level per competency",
    col_competency: "Competency",
    col_level: "Level",
    col_holds: "What holds today",
    col_target: "Target",
    col_next: "Next level: what moving up means",
    not_assessed: "Not assessed",
    top_level_reached: "This is the highest level.",
    notes_title: "Notes and evidence",
    no_notes: "No notes.",
    rubric_used: "Rubric: {title}, version {version}.",

    about_title: "About the model",
    about_intro: "The Big Urban Data Maturity Model was published by the Inter-American Development Bank (IDB) to help cities see how well their governance uses data. It has five competencies, each described at five levels. Cities can use it to assess themselves, to judge whether an initiative had narrow or broad impact, and to track progress over time.",
    about_competencies: "The five competencies",
    about_levels: "The five levels",
    about_level_degree: "Smart-city degree: {degree}",
    about_source_title: "Source and licence",
    about_source_text: "Anthony Townsend and Patricio Zambrano-Barragán, “Big Urban Data: A Strategic Guide for Cities”, Inter-American Development Bank, Technical Note IDB-TN-1655, October 2019. A Spanish edition exists: “Big Data urbana: una guía estratégica para ciudades”.",
    about_licence_text: "The note is published under the Creative Commons IGO 3.0 Attribution-NonCommercial-NoDerivatives licence (CC-IGO 3.0 BY-NC-ND). This tool quotes the definitions, level names and descriptions unchanged, in the original English, and does not translate them. This tool is free, non-commercial, and not made or endorsed by the IDB.",
    about_privacy_title: "Your data stays with you",
    about_privacy_text: "This app runs entirely in your browser. It has no server, no account, no analytics and no tracking. It does not load fonts, scripts or anything else from other sites.",
    about_storage_text: "Your assessments are saved in this browser’s local storage on this device. Clearing the browser’s site data deletes them.",

    not_found_title: "Page not found",
    not_found_text: "This address does not match any page of the app.",
    missing_assessment_title: "Assessment not found",
    missing_assessment_text: "This assessment is not on this device. It may have been deleted, or saved in another browser.",
    back_home: "Go to my assessments",

    share_title: "Share these results",
    share_intro: "The link carries the results themselves. Whoever opens it sees them at once, even offline. No server stores them.",
    share_with_notes: "Include notes and evidence in the link",
    share_link_label: "Link to these results",
    share_copy: "Copy link",
    share_copied: "Link copied.",
    share_copy_manual: "The link is selected. Press Ctrl+C (or ⌘+C on a Mac) to copy it.",
    share_length: "The link is {n} characters long.",
    qr_label: "QR code of the link to these results",
    qr_caption: "Scan it to open these results, for example from a printed report.",
    qr_too_long: "This link is too long for a QR code. Share it without notes to get one.",
    export_title: "Download",
    export_json: "Download as JSON",
    export_json_hint: "To move it to another computer, send it to a colleague, or publish it on an open-data portal. It can be imported again.",
    export_csv: "Download as CSV (spreadsheet)",
    csv_subject: "Subject",
    csv_place: "City or organisation",
    csv_date: "Date",
    csv_competency: "Competency",
    csv_level: "Level",
    csv_level_name: "Level name",
    csv_target: "Target level",
    csv_notes: "Notes",
    shared_banner_title: "Shared results",
    shared_banner_text: "These results come from a link. They are read-only, and they are not saved on this device unless you save a copy.",
    shared_save: "Save a copy on this device",
    shared_already: "This assessment is already saved on this device.",
    shared_open_saved: "Open the saved copy",
    shared_similar: "You already have an assessment of “{title}” dated {date} on this device. Saving this one keeps both.",
    shared_save_anyway: "Save as another assessment",
    link_error_title: "This link cannot be opened",
    link_incomplete: "The link has no results in it. Part of it may be missing.",
    link_newer: "The link was made by a newer version of this app.",
    link_not_ours: "This is not a results link of this app.",
    link_damaged: "The link is cut off or damaged. This often happens when a long link is split over two lines in an email.",
    link_too_large: "The link is far larger than any results link, so it was not opened.",
    link_other_rubric: "The link uses a version of the model this app does not have ({rubric}).",
    link_error_help: "Ask the sender to copy the whole link again, or to send the downloaded JSON file instead. Nothing on this device was changed.",
    import_title: "Import from a file",
    import_label: "Choose a JSON file downloaded from this app",
    import_drop: "You can also drop the file on this box.",
    export_all: "Download all as JSON",
    flash_imported: "Imported {n} assessment(s).",
    flash_already: "{n} already on this device.",
    flash_damaged: "{n} could not be read.",
    flash_other_rubric: "{n} use another version of the model and were not imported.",
    flash_import_failed: "Could not import “{file}”: {reason}. Nothing was changed.",
    file_too_large: "it is larger than any file this app makes",
    file_not_text: "it is not a text file (it may be a spreadsheet or a picture)",
    file_not_json: "it is not a complete JSON file (it may be cut off)",
    file_not_ours: "it was not downloaded from this app",
    file_newer: "it comes from a newer version of this app",
    file_nothing_readable: "no assessment in it could be read",
    file_refused: "the browser could not read it",
    flash_saved_copy: "Saved on this device. It is now in your assessments, and you can edit it.",
    flash_already_saved: "This assessment was already saved on this device. Here it is.",
    dismiss: "Dismiss",
    csv_delimiter: ',',
};

/// Catalogs are statics: the same catalog is the same address. (A derived
/// field-by-field comparison would cost wasm size for nothing.)
impl PartialEq for Messages {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Replaces each `{key}` in `template` with its value, in one pass, so a
/// value that itself contains `{…}` (a user's text) is never reinterpreted.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let key = &after[..close];
            args.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(EN.progress_count, &[("done", "3"), ("total", "5")]),
            "3 of 5 competencies assessed"
        );
    }

    #[test]
    fn fill_does_not_reinterpret_values() {
        // A user's text that looks like a placeholder stays as typed.
        assert_eq!(fill("{a} {b}", &[("a", "{b}"), ("b", "x")]), "{b} x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    }

    #[test]
    fn no_message_is_empty() {
        let json = format!("{EN:?}");
        assert!(!json.contains(": \"\""), "an empty message in the catalog");
    }
}
