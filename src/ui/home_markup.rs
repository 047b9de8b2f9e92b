//! Home as markup, with no Yew: the one rendering of the list of
//! assessments and the parts around it. index.html paints it first from
//! storage (`ui::first_paint`), and the app's `Home` renders the same
//! strings once it has loaded, so nothing moves when the app takes over.
//! Buttons carry `data-action` (and `data-id`); the app handles them on
//! their list.

use super::radar_chart::Axis;
use super::reader::meta;
use crate::domain::markup::chart;
use crate::domain::markup::embed::escape_attr as e;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::model::scoring::Profile;
use crate::domain::route::Route;
use crate::domain::storage::backup::{Backup, Keeping, Reminder};
use crate::i18n::{fill, Messages};
use crate::platform::browser;

/// Cards shown at first, and added by each "Show more": a device with
/// thousands of assessments still opens at once.
pub const PAGE: usize = 50;

/// The heading, what the app is, and the way to start.
pub fn intro(m: &Messages) -> String {
    format!(
        "<section class=\"intro\"><h1 id=\"{}\" tabindex=\"-1\">{}</h1><p>{}</p><p>{}</p><p><a class=\"button primary\" href=\"{}\">{}</a></p></section>",
        super::VIEW_TITLE_ID,
        e(m.home_title()),
        e(m.home_intro()),
        e(m.home_intro_private()),
        Route::New.href(),
        e(m.start_new()),
    )
}

/// No assessments here: on a first visit, and after a browser forgot them,
/// where the way back is a full copy the user made.
pub fn empty(m: &Messages) -> String {
    format!(
        "<p class=\"empty\">{}</p><p class=\"restore-line\">{} <button type=\"button\" class=\"button\" data-action=\"restore\">{}</button></p>",
        e(m.home_empty()),
        e(m.home_restore_hint()),
        e(m.home_restore()),
    )
}

/// The value of the backup line's `data-backup`: the date of the latest
/// full copy the user holds (made here or restored), or "never".
pub fn backup_mark(backup: &Backup) -> String {
    backup
        .latest_copy_ms()
        .map_or("never".to_string(), browser::iso_date_of)
}

/// Whether any of these assessments has every competency rated: what makes
/// the first full copy worth asking for at once (`Backup::first_copy_prompt`).
pub fn any_complete<A: std::borrow::Borrow<Assessment>>(list: &[A]) -> bool {
    let rubric = builtin();
    list.iter()
        .any(|a| Profile::of(rubric, a.borrow()).is_complete())
}

/// Home's word on full copies, under its title: the ask for a first copy
/// once an assessment is complete (`prompt`), else the line with the date of
/// the last one. Both carry `data-backup`. Where the browser may delete the
/// data on its own, a plain sentence says so.
pub fn backup_block(
    m: &Messages,
    backup: &Backup,
    prompt: bool,
    failed: bool,
    keeping: Keeping,
) -> String {
    let block = if prompt {
        format!(
            "<div class=\"notice info backup-prompt\" data-backup=\"never\">{}</div>",
            backup_prompt_inner(m, failed)
        )
    } else {
        format!(
            "<p class=\"actions backup-line\" data-backup=\"{}\">{}</p>",
            e(&backup_mark(backup)),
            backup_line_inner(m, backup, failed)
        )
    };
    block + &keeping_line(m, keeping)
}

/// What the browser may do with the data, in plain words, where that is
/// worse than usual (`data-keeping`); nothing otherwise. Home and About.
pub fn keeping_line(m: &Messages, keeping: Keeping) -> String {
    let (mark, text) = match keeping {
        Keeping::Usual => return String::new(),
        Keeping::Refused => ("refused", m.keeping_refused()),
        Keeping::SevenDays => ("seven-days", m.keeping_seven_days()),
    };
    format!(
        "<p class=\"keeping\" data-keeping=\"{mark}\">{}</p>",
        e(text)
    )
}

/// The ask for a first full copy, on Home and on the results: why, the
/// download as the main action, and "Not now" (`data-action`s, handled by
/// whoever shows it).
pub fn backup_prompt_inner(m: &Messages, failed: bool) -> String {
    format!(
        "<h2 class=\"notice-title\">{}</h2><p>{}</p><p class=\"actions\"><button type=\"button\" class=\"button primary\" data-action=\"download-all\">{}</button> <button type=\"button\" class=\"button subtle\" data-action=\"backup-not-now\">{}</button>{}</p>",
        e(m.backup_prompt_title()),
        e(m.backup_prompt()),
        e(m.export_all()),
        e(m.backup_not_now()),
        if failed {
            format!("<span role=\"alert\">{}</span>", e(m.download_failed()))
        } else {
            String::new()
        }
    )
}

/// What goes inside the backup line: when the last full copy was made, and
/// the download.
pub fn backup_line_inner(m: &Messages, backup: &Backup, failed: bool) -> String {
    let text = match backup.latest_copy_ms() {
        Some(ms) => fill(
            if backup.latest_is_restored() {
                m.backup_restored()
            } else {
                m.backup_last()
            },
            &[("date", &m.date(&browser::iso_date_of(ms)))],
        ),
        None => m.backup_never().to_string(),
    };
    format!("<span>{}</span> {}", e(&text), download_all(m, failed))
}

/// "Download all as JSON", handled by whoever holds the assessments.
pub fn download_all(m: &Messages, failed: bool) -> String {
    format!(
        "<button type=\"button\" class=\"button\" data-action=\"download-all\">{}</button>{}",
        e(m.export_all()),
        if failed {
            format!("<span role=\"alert\">{}</span>", e(m.download_failed()))
        } else {
            String::new()
        }
    )
}

/// The reminder to make a full copy, as the notices show it on Home.
pub fn reminder(m: &Messages, r: Reminder) -> String {
    let text = match r {
        Reminder::NeverCopied => m.backup_reminder_never().to_string(),
        Reminder::CopyIsOld { copied_ms } => fill(
            m.backup_reminder_old(),
            &[("date", &m.date(&browser::iso_date_of(copied_ms)))],
        ),
    };
    format!(
        "<div class=\"notice info\" data-notice=\"backup-reminder\"><p>{}</p><p class=\"actions\">{}<button type=\"button\" class=\"button subtle\" data-action=\"backup-not-now\">{}</button></p></div>",
        e(&text),
        download_all(m, false),
        e(m.backup_not_now()),
    )
}

/// The id of the button that opens and closes a card's rename form.
pub fn rename_toggle_id(id: &str) -> String {
    format!("rename-toggle-{id}")
}

/// One assessment on Home: its chart, title and line, progress, and what
/// can be done with it (one main action by state, the rest secondary).
pub fn card(m: &'static Messages, a: &Assessment, earlier: bool, renaming: bool) -> String {
    let rubric = builtin();
    let profile = Profile::of(rubric, a);
    let continue_to = profile.first_to_do().unwrap_or(&rubric.competencies[0]);
    let id = e(&a.id);
    let axes = Axis::all(m, &profile);
    let summary = axes
        .iter()
        .map(|x| match x.level {
            Some(l) => fill(m.chart_item(), &[("name", &x.title), ("n", &l.to_string())]),
            None => fill(m.chart_item_missing(), &[("name", &x.title)]),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let levels: Vec<_> = axes.iter().map(|x| x.level).collect();
    // Levels carried over from the earlier assessment count once confirmed.
    let (done, total, carried) = (profile.confirmed(), profile.total(), profile.carried());
    let results = Route::Results { id: a.id.clone() }.href();
    let button = |href: &str, class: &str, text: &str| {
        format!(
            "<a class=\"button {class}\" href=\"{}\">{}</a>",
            e(href),
            e(text)
        )
    };
    let mut out = String::with_capacity(4096);
    out.push_str(&format!(
        "<article class=\"card\" aria-labelledby=\"card-{id}\"><div class=\"card-head\">{}<div><h2 id=\"card-{id}\">{}</h2>{}</div></div>",
        chart::mini_svg(&levels, &fill(m.mini_chart_label(), &[("levels", &summary)])),
        e(&fill(m.dated_title(), &[("title", a.title()), ("date", &m.date(a.date.as_str()))])),
        meta(m, a, false),
    ));
    let mut progress = fill(
        &m.count(m.progress_count_n(), done),
        &[("total", &total.to_string())],
    );
    if carried > 0 {
        progress.push_str(" · ");
        progress.push_str(&m.count(m.carried_count_n(), carried));
    }
    out.push_str(&format!(
        "<p class=\"progress-line\"><progress max=\"{total}\" value=\"{done}\" aria-hidden=\"true\"></progress>{}</p>",
        e(&progress),
    ));
    out.push_str("<p class=\"actions\">");
    out.push_str(&if done < total {
        button(
            &Route::Step {
                id: a.id.clone(),
                competency: continue_to.id.clone(),
            }
            .href(),
            "primary",
            m.action_continue(),
        )
    } else {
        button(&results, "primary", m.action_results())
    });
    out.push_str("</p><p class=\"actions secondary\">");
    if done < total {
        out.push_str(&button(&results, "subtle", m.action_results()));
    }
    out.push_str(&button(
        &Route::Plan { id: a.id.clone() }.href(),
        "subtle",
        m.action_plan(),
    ));
    if earlier {
        out.push_str(&button(
            &Route::Progress { id: a.id.clone() }.href(),
            "subtle",
            m.action_progress(),
        ));
    }
    out.push_str(&button(
        &Route::Reassess { id: a.id.clone() }.href(),
        "subtle",
        m.action_reassess(),
    ));
    out.push_str(&format!(
        "<button type=\"button\" class=\"button subtle\" id=\"{}\" data-action=\"rename\" data-id=\"{id}\" aria-expanded=\"{renaming}\">{}</button>",
        e(&rename_toggle_id(&a.id)),
        e(m.action_rename()),
    ));
    out.push_str(&button(
        &Route::Details { id: a.id.clone() }.href(),
        "subtle",
        m.action_edit_details(),
    ));
    out.push_str(&format!(
        "<button type=\"button\" class=\"button subtle\" data-action=\"delete\" data-id=\"{id}\">{}</button></p>",
        e(m.action_delete()),
    ));
    if renaming {
        out.push_str(&format!(
            "<form class=\"rename\" data-id=\"{id}\"><label for=\"rename-{id}\">{}</label><input id=\"rename-{id}\" type=\"text\" maxlength=\"200\" value=\"{}\" required=\"\"><button type=\"submit\" class=\"button primary\">{}</button><button type=\"button\" class=\"button subtle\" data-action=\"rename-cancel\" data-id=\"{id}\">{}</button></form>",
            e(m.rename_label()),
            e(a.title()),
            e(m.rename_save()),
            e(m.cancel()),
        ));
    }
    out.push_str("</article>");
    out
}

/// "Showing 50 of 120" and the button that shows more.
pub fn more(m: &Messages, shown: usize, total: usize) -> String {
    format!(
        "<span>{}</span> <button type=\"button\" class=\"button\" data-action=\"more\">{}</button>",
        e(&fill(
            m.home_shown(),
            &[("shown", &shown.to_string()), ("total", &total.to_string())]
        )),
        e(&m.count(m.home_show_more_n(), (total - shown).min(PAGE))),
    )
}

/// Compare and merge, below the list.
pub fn list_links(m: &Messages) -> String {
    format!(
        "<p class=\"actions\"><a class=\"button\" href=\"{}\">{}</a><a class=\"button\" href=\"{}\">{}</a></p>",
        Route::Compare.href(),
        e(m.nav_compare()),
        Route::Merge.href(),
        e(m.nav_merge()),
    )
}

/// "Open a link you received", as the app's form is before anything is
/// typed in it.
pub fn open_link(m: &Messages) -> String {
    format!(
        "<section class=\"panel open-link\" aria-labelledby=\"open-link-title\"><h2 id=\"open-link-title\">{}</h2><form novalidate=\"\"><label for=\"open-link\" class=\"field-label\">{}</label><p class=\"hint\" id=\"open-link-hint\">{}</p><div class=\"copy-row\"><input id=\"open-link\" type=\"url\" inputmode=\"url\" autocomplete=\"off\" aria-invalid=\"false\" aria-describedby=\"open-link-hint\"><button type=\"submit\" class=\"button\">{}</button></div></form></section>",
        e(m.open_link_title()),
        e(m.open_link_label()),
        e(m.open_link_hint()),
        e(m.open_link_button()),
    )
}

/// The import box, as the app's is before a file comes.
pub fn import_box(m: &Messages) -> String {
    format!(
        "<section class=\"import panel\" aria-labelledby=\"import-title\"><h2 id=\"import-title\">{}</h2><label for=\"import-file\" class=\"field-label\">{}</label><input id=\"import-file\" type=\"file\" accept=\".json,application/json\" aria-describedby=\"import-hint\"><p class=\"small\" id=\"import-hint\">{} {}</p><div class=\"import-status\" role=\"status\" aria-live=\"polite\"></div></section>",
        e(m.import_title()),
        e(m.import_label()),
        e(m.import_drop()),
        e(m.import_restore()),
    )
}

/// The offline edition, offered unless this copy is it (opened from a file).
pub fn offline(m: &Messages) -> String {
    if browser::page_address().starts_with("file:") {
        return String::new();
    }
    format!(
        "<section class=\"panel offline\" aria-labelledby=\"offline-title\"><h2 id=\"offline-title\">{}</h2><p>{}</p><p><a class=\"button\" href=\"budmm-offline.html\" download=\"urban-data-maturity.html\" aria-describedby=\"offline-network\">{}</a></p><p class=\"small\" id=\"offline-network\">{}</p></section>",
        e(m.offline_title()),
        e(m.offline_text()),
        e(m.offline_download()),
        e(m.offline_needs_network()),
    )
}
