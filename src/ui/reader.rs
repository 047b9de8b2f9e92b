//! results.html: results that arrive in a link, read-only. What a mayor
//! opens from a message, so it carries what reading needs and nothing
//! else: markup written once into the page (no component tree, no Yew
//! runtime), no storage but the language choice. Saving a copy opens
//! report.html (`Route::Keep`), which has the store.

use super::plan::status_text;
use super::radar_chart::{figure, Axis};
use super::shared::link_error_text;
use super::{competency_name, descriptor, level_label, level_name, name_of, VIEW_TITLE_ID};
use crate::domain::formats::share;
use crate::domain::markup::embed::escape_attr as e;
use crate::domain::model::assessment::{Assessment, Subject};
use crate::domain::model::plan::top_actions;
use crate::domain::model::rubric::{builtin, Competency, Level};
use crate::domain::model::scoring::Profile;
use crate::domain::route::{Page, Route};
use crate::domain::storage::store::{LANG_KEY, NOTICE_KEY};
use crate::i18n::{self, fill, Messages, EN};
use crate::platform::browser::{self, WindowListener, KEEP_KEY};
use crate::platform::catalogs;
use crate::platform::storage::{read_setting, write_setting};
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Starts results.html in the reader's language: a remembered choice
/// first, as on the app's pages, then the browser's.
pub fn start() {
    if !here() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let saved = read_setting(LANG_KEY);
        let preferred = browser::preferred_languages();
        let lang = i18n::negotiate(saved.iter().chain(&preferred).map(String::as_str));
        let m = catalogs::load(lang).await.unwrap_or(&EN);
        let arrived = browser::remove_boot_message();
        show(m);
        if arrived {
            // Sent here by another page of the app: as after navigating.
            browser::focus(VIEW_TITLE_ID);
        }
        // "Save a copy" tells report.html, in this tab only, that the
        // reader asked for it; "Print" prints this page.
        // Another language: its table, then the same results in it; the
        // choice is remembered, as on the app's pages.
        browser::on_every("change", |target| {
            if target.id() != "lang-select" {
                return;
            }
            let Some(code) = target
                .dyn_ref::<web_sys::HtmlSelectElement>()
                .and_then(|s| i18n::language_of(&s.value()))
            else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(m) = catalogs::load(code).await {
                    write_setting(LANG_KEY, m.lang);
                    show(m);
                }
                // Kept where it was; unchanged if the table could not come
                // (offline before it was ever fetched).
                browser::focus("lang-select");
            });
        });
        browser::on_every("click", |target| {
            if let Some(keep) = target.closest("[data-keep]").ok().flatten() {
                if let Some(payload) = keep.get_attribute("data-keep") {
                    browser::session_set(KEEP_KEY, &payload);
                }
            } else if target.closest("[data-print]").ok().flatten().is_some() {
                browser::print();
            } else if target.closest("[data-notice-ok]").ok().flatten().is_some() {
                // Read once, as in the app: remembered, and gone.
                write_setting(NOTICE_KEY, "1");
                if let Some(notice) = target.closest("[data-notice]").ok().flatten() {
                    notice.remove();
                }
                browser::focus(VIEW_TITLE_ID);
            }
        });
        std::mem::forget(WindowListener::new("hashchange", || {
            if here() {
                show(SHOWN.with(Cell::get));
                browser::focus(VIEW_TITLE_ID);
            }
        }));
    });
}

/// Whether the address is results from a link; if not, goes to the page
/// of the app that carries it.
fn here() -> bool {
    let hash = browser::current_hash();
    let route = Route::parse(&hash);
    if route.page() == Page::Reader {
        return true;
    }
    browser::replace_location(&format!("{}{hash}", route.page().file()));
    false
}

thread_local! {
    /// The language the page shows now.
    static SHOWN: Cell<&'static Messages> = const { Cell::new(&EN) };
}

fn show(m: &'static Messages) {
    let Route::Shared { version, payload } = Route::parse(&browser::current_hash()) else {
        return;
    };
    SHOWN.with(|s| s.set(m));
    browser::set_document_lang(m.lang);
    let (title, main) = match share::decode(&version, &payload, builtin()) {
        Ok(a) => (
            fill(m.results_title(), &[("title", a.title())]),
            results(m, &a, &version, &payload),
        ),
        Err(err) => (
            m.link_error_title().to_string(),
            format!(
                "<section class=\"panel\" data-link-error=\"\"><h1 id=\"{VIEW_TITLE_ID}\" tabindex=\"-1\">{}</h1><p class=\"notice warning\">{}</p><p>{}</p><p><a class=\"button\" href=\"./\">{}</a></p></section>",
                e(m.link_error_title()),
                e(&link_error_text(m, &err)),
                e(m.link_error_help()),
                e(m.back_home()),
            ),
        ),
    };
    browser::set_title(&format!("{title} – {}", m.app_name()));
    browser::set_body_html(&format!(
        "<header class=\"site-header\"><div class=\"wrap header-row\"><a class=\"brand\" href=\"./\">{}</a>{}</div></header>\
         <main id=\"main\" tabindex=\"-1\" class=\"wrap\" data-view=\"shared\">{main}</main>{}",
        e(m.app_name()),
        picker(m),
        footer(m),
    ));
}

/// The language list, as on the app's pages.
pub fn picker(m: &'static Messages) -> String {
    let mut out = format!(
        "<p class=\"lang-picker\"><label for=\"lang-select\">{}</label><select id=\"lang-select\">",
        e(m.lang_label())
    );
    for &(code, name) in i18n::LANGUAGES.iter() {
        out.push_str(&format!(
            "<option value=\"{code}\" lang=\"{code}\"{}>{}</option>",
            if code == m.lang { " selected" } else { "" },
            e(name)
        ));
    }
    out.push_str("</select></p>");
    out
}

/// The model's source, its licence, and where the data stays: every
/// page's footer.
pub fn footer(m: &Messages) -> String {
    format!(
        "<footer class=\"site-footer\"><div class=\"wrap\"><p>{}</p><p>{}</p><p>{}</p></div></footer>",
        e(m.footer_source()),
        e(m.footer_licence()),
        e(m.footer_privacy())
    )
}

/// The results: first what a busy reader came for (the place, the date,
/// who assessed, each level in words), then what the link is and how to
/// keep it, then the chart, the descriptors and the rest.
fn results(m: &'static Messages, a: &Assessment, version: &str, payload: &str) -> String {
    let rubric = builtin();
    let profile = Profile::of(rubric, a);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&format!(
        "<article class=\"results\"><header><h1 id=\"{VIEW_TITLE_ID}\" tabindex=\"-1\">{}</h1>{}",
        e(&fill(m.results_title(), &[("title", a.title())])),
        meta(m, a, true),
    ));
    out.push_str(&glance(m, &profile));
    out.push_str("</header>");

    let keep = format!(
        "{}{}",
        Page::Report.file(),
        Route::keep(version, payload).href()
    );
    out.push_str(&format!(
        "<section class=\"shared-banner no-print\" aria-label=\"{}\"><p class=\"banner-title\">{}</p><p>{}</p><p class=\"small\">{}</p>\
         <p class=\"actions\"><a class=\"button primary\" data-keep=\"{}\" href=\"{}\">{}</a> <button type=\"button\" class=\"button\" data-print=\"\">{}</button></p></section>",
        e(m.shared_banner_title()),
        e(m.shared_banner_title()),
        e(m.shared_banner_text()),
        e(m.shared_plan_note()),
        e(payload),
        e(&keep),
        e(m.shared_save()),
        e(m.action_print()),
    ));

    out.push_str(&partial(m, &profile, None));
    if m.lang != EN.lang
        && crate::domain::model::translation::for_language(m.lang).is_none()
        && read_setting(NOTICE_KEY).is_none()
    {
        out.push_str(&format!(
            "<p class=\"notice info no-print\" data-notice=\"descriptors\">{} <button type=\"button\" class=\"button subtle small-button\" data-notice-ok=\"\">{}</button></p>",
            e(m.descriptors_notice()),
            e(m.descriptors_notice_ok())
        ));
    }
    out.push_str(&body(m, a, &profile, None));
    out.push_str(&format!(
        "<p class=\"print-only link-text\">{} <span>{}</span></p>",
        e(m.report_link()),
        e(&format!(
            "{}{}",
            browser::page_address(),
            browser::current_hash()
        ))
    ));
    out.push_str(&credit(m));
    out.push_str("</article>");
    out
}

/// How much is rated, when not everything is, and how many levels are
/// carried over unconfirmed; for the owner (`owner`: the assessment's id),
/// the way to each.
pub fn partial(m: &'static Messages, profile: &Profile, owner: Option<&str>) -> String {
    let (done, total, carried) = (profile.done(), profile.total(), profile.carried());
    let total_text = total.to_string();
    let link = |c: Option<&Competency>, text: &str| match (owner, c) {
        (Some(id), Some(c)) => format!(
            "<p><a class=\"button\" href=\"{}\">{}</a></p>",
            e(&Route::Step {
                id: id.to_string(),
                competency: c.id.clone(),
            }
            .href()),
            e(text)
        ),
        _ => String::new(),
    };
    let mut out = String::new();
    if done < total {
        let text = if done == 0 {
            m.results_none().to_string()
        } else {
            fill(
                &m.count(m.results_partial_n(), done),
                &[("total", &total_text)],
            )
        };
        out.push_str(&format!(
            "<div class=\"notice info\"><p>{}</p>{}</div>",
            e(&text),
            link(profile.first_missing(), m.results_continue())
        ));
    }
    if carried > 0 {
        let first = profile
            .rows
            .iter()
            .find(|r| r.carried)
            .map(|r| r.competency);
        // Named: the link opens the first, and the steps lead on.
        let confirm = first.map_or(String::new(), |c| {
            fill(
                &m.count(m.results_confirm_n(), carried),
                &[("name", competency_name(m, c))],
            )
        });
        out.push_str(&format!(
            "<div class=\"notice info\" data-notice=\"carried\"><p>{}</p>{}</div>",
            e(&fill(
                &m.count(m.results_carried_n(), carried),
                &[("total", &total_text)]
            )),
            link(first, &confirm)
        ));
    }
    out
}

/// The model and its source, under the results; the source only on paper,
/// where the page's footer, which credits it on screen, is not printed.
pub fn credit(m: &'static Messages) -> String {
    let rubric = builtin();
    format!(
        "<p class=\"small source-credit\">{} <span class=\"print-only\">{}</span></p>",
        e(&fill(
            m.rubric_used(),
            &[("title", &rubric.title), ("version", &rubric.version)]
        )),
        e(m.footer_source())
    )
}

/// The body of the results, the same for the owner (`ui::results`) and a
/// link's reader: the chart and where to start, the table of levels with
/// the quoted descriptors and our help, the top actions and the notes.
/// `owner` is the assessment's id on this device: then each row links to
/// its step and the actions to the plan.
// Inlined at its one call on each page, so that results.html, which has no
// owner, carries none of the owner's links.
#[inline(always)]
pub fn body(
    m: &'static Messages,
    a: &Assessment,
    profile: &Profile,
    owner: Option<&str>,
) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<div class=\"results-body\">");
    out.push_str(&figure(m, &Axis::all(m, profile)));
    out.push_str("<div class=\"side\">");
    let (lowest_level, lowest) = profile.lowest();
    if let Some(level) = lowest_level {
        let names: Vec<&str> = lowest.iter().map(|c| competency_name(m, c)).collect();
        // For the owner, the way to plan it (the plan takes any competency).
        let plan = match owner {
            Some(id) => format!(
                "<p class=\"no-print\"><a href=\"{}\">{}</a></p>",
                e(&Route::Plan { id: id.to_string() }.href()),
                e(m.start_here_plan())
            ),
            None => String::new(),
        };
        out.push_str(&format!(
            "<section class=\"start-here\" aria-labelledby=\"start-here\"><h2 id=\"start-here\">{}</h2><p>{}</p><p class=\"small\">{}</p>{plan}</section>",
            e(m.start_here_title()),
            e(&fill(
                m.start_here(),
                &[
                    ("names", &names.join(", ")),
                    ("n", &level.to_string()),
                    ("level", level_name(m, level)),
                ],
            )),
            e(m.no_overall_score()),
        ));
    }
    out.push_str("</div></div>");
    out.push_str(&table(m, a, profile, owner));

    let top = top_actions(a, 5);
    if !top.is_empty() {
        out.push_str(&format!(
            "<section class=\"top-actions\" aria-labelledby=\"top-actions-title\"><h2 id=\"top-actions-title\">{}</h2><ol>",
            e(m.top_actions_title())
        ));
        for p in &top {
            let mut line = format!(" — {}", name_of(m, &p.competency));
            if !p.owner.is_empty() {
                line.push_str(&format!(
                    " · {}",
                    fill(m.plan_owned_by(), &[("name", &p.owner)])
                ));
            }
            if let Some(d) = &p.due {
                line.push_str(&format!(
                    " · {}",
                    fill(m.plan_due_on(), &[("date", &m.date(d.as_str()))])
                ));
            }
            line.push_str(&format!(" · {}", status_text(m, p.status)));
            out.push_str(&format!(
                "<li><strong>{}</strong>{}</li>",
                e(&p.what),
                e(&line)
            ));
        }
        out.push_str("</ol>");
        if let Some(id) = owner {
            out.push_str(&format!(
                "<p class=\"no-print\"><a href=\"{}\">{}</a></p>",
                e(&Route::Plan { id: id.to_string() }.href()),
                e(m.plan_open())
            ));
        }
        out.push_str("</section>");
    }

    let notes: Vec<_> = profile
        .rows
        .iter()
        .filter(|r| !r.notes.trim().is_empty())
        .collect();
    // On paper, the notes only when there are some.
    out.push_str(&format!(
        "<section class=\"notes-section{}\" aria-labelledby=\"notes-title\"><h2 id=\"notes-title\">{}</h2>",
        if notes.is_empty() { " no-print" } else { "" },
        e(m.notes_title())
    ));
    if notes.is_empty() {
        out.push_str(&format!("<p>{}</p>", e(m.no_notes())));
    } else {
        out.push_str("<dl class=\"notes\">");
        for r in notes {
            out.push_str(&format!(
                "<dt>{}</dt><dd class=\"note-text\">{}</dd>",
                e(competency_name(m, r.competency)),
                e(&r.notes)
            ));
        }
        out.push_str("</dl>");
    }
    out.push_str("</section>");
    out
}

/// The line under the title: city or initiative, the place, the date, who
/// assessed (as `ui::meta`).
pub fn meta(m: &'static Messages, a: &Assessment, with_date: bool) -> String {
    let initiative = matches!(a.subject, Subject::Initiative { .. });
    let mut out = format!(
        "<p class=\"meta\"><span class=\"tag\">{}</span>",
        e(if initiative {
            m.subject_initiative()
        } else {
            m.subject_city()
        })
    );
    let mut span = |text: &str| out.push_str(&format!("<span>{}</span>", e(text)));
    if initiative {
        span(&a.place);
    }
    if with_date {
        span(&m.date(a.date.as_str()));
    }
    if !a.assessor.is_empty() {
        span(&fill(m.assessed_by(), &[("name", &a.assessor)]));
    }
    if let Some(n) = a.respondents {
        span(&fill(m.agreed_from(), &[("n", &n.to_string())]));
    }
    out.push_str("</p>");
    out
}

/// Each competency's level in words, for the first screen (on paper, the
/// table of levels says it).
pub fn glance(m: &'static Messages, profile: &Profile) -> String {
    // A list of pairs, not a second table: the table of levels below is
    // the one screen readers are offered as such.
    let mut out = String::from("<dl class=\"glance no-print\">");
    for r in &profile.rows {
        let level = match r.level {
            Some(l) => level_label(m, l),
            None => m.not_assessed().to_string(),
        };
        out.push_str(&format!(
            "<div><dt>{}</dt><dd>{}</dd></div>",
            e(competency_name(m, r.competency)),
            e(&level)
        ));
    }
    out.push_str("</dl>");
    out
}

/// A descriptor as published (in its language), with our help under it, on
/// screen and on paper: the help is what a reader without English reads.
fn described(m: &'static Messages, c: &Competency, l: Level) -> String {
    let (text, lang) = descriptor(m, c, l);
    let mut out = format!("<span lang=\"{}\">{}</span>", e(lang), e(text));
    let questions = m
        .questions(&c.id)
        .get(l.index())
        .copied()
        .unwrap_or_default();
    out.push_str(&level_help(m, questions, None));
    out
}

/// Our guided-mode questions of one level, as help in the UI language:
/// what a city at that level has. Empty when the level has none.
pub fn level_help(m: &'static Messages, questions: &[&str], id: Option<&str>) -> String {
    if questions.is_empty() {
        return String::new();
    }
    let mut out = String::from("<div class=\"our-help\"");
    if let Some(id) = id {
        out.push_str(" id=\"");
        out.push_str(&e(id));
        out.push('"');
    }
    out.push_str("><p class=\"our-help-mark\">");
    out.push_str(&e(m.our_help()));
    out.push_str("</p><p class=\"our-help-intro\">");
    out.push_str(&e(m.level_help()));
    out.push_str("</p><ul>");
    for q in questions {
        out.push_str("<li class=\"our-help-item\">");
        out.push_str(&e(q));
        out.push_str("</li>");
    }
    out.push_str("</ul></div>");
    out
}

/// The table of levels, descriptors, targets and next steps (as
/// `ui::results`, read-only).
#[inline(always)]
fn table(m: &'static Messages, a: &Assessment, profile: &Profile, owner: Option<&str>) -> String {
    let mut out = format!(
        "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"levels-caption\" tabindex=\"0\"><table role=\"table\" id=\"levels-table\" class=\"stack\"><caption id=\"levels-caption\">{}</caption><thead role=\"rowgroup\"><tr role=\"row\">",
        e(m.table_caption())
    );
    for col in [
        m.col_competency(),
        m.col_level(),
        m.col_holds(),
        m.col_target(),
        m.col_next(),
    ] {
        out.push_str(&format!(
            "<th role=\"columnheader\" scope=\"col\">{}</th>",
            e(col)
        ));
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for r in &profile.rows {
        let c = r.competency;
        out.push_str(&format!(
            "<tr role=\"row\"{}><th role=\"rowheader\" scope=\"row\">{}</th><td role=\"cell\" class=\"level-cell\" data-label=\"{}\">{}",
            if r.level.is_none() { " class=\"missing\"" } else { "" },
            e(competency_name(m, c)),
            e(m.col_level()),
            e(&match r.level {
                Some(l) => level_label(m, l),
                None => m.not_assessed().to_string(),
            }),
        ));
        if r.carried {
            out.push_str(&format!(
                "<span class=\"carried-record\">{}</span>",
                e(m.level_carried())
            ));
        }
        if let Some(g) = a.rating(&c.id).and_then(|x| x.guided.as_ref()) {
            if let Some(s) = g.suggested {
                let choice = if g.accepted {
                    m.guided_choice_accepted()
                } else {
                    m.guided_choice_overridden()
                };
                out.push_str(&format!(
                    "<span class=\"guided-record\">{}</span>",
                    e(&fill(
                        m.guided_record(),
                        &[("n", &s.to_string()), ("choice", choice)]
                    ))
                ));
            }
        }
        let mut holds = match r.level {
            Some(l) => described(m, c, l),
            None => "—".to_string(),
        };
        if let Some(id) = owner {
            let step = Route::Step {
                id: id.to_string(),
                competency: c.id.clone(),
            };
            holds.push_str(&format!(
                "<a class=\"row-action no-print\" href=\"{}\">{}<span class=\"visually-hidden\">{}</span></a>",
                e(&step.href()),
                e(m.action_change()),
                e(&format!(" — {}", competency_name(m, c)))
            ));
        }
        let target = match r.target {
            Some(t) => e(&level_label(m, t)),
            None => "—".to_string(),
        };
        let next = match (r.level, r.next_descriptor(), r.next) {
            (Some(_), Some(_), Some(n)) => described(m, c, n),
            (Some(_), Some(_), None) => String::new(),
            (Some(_), None, _) => e(m.top_level_reached()),
            (None, _, _) => "—".to_string(),
        };
        out.push_str(&format!(
            "</td><td role=\"cell\" data-label=\"{}\">{holds}</td><td role=\"cell\" data-label=\"{}\">{target}</td><td role=\"cell\" data-label=\"{}\">{next}</td></tr>",
            e(m.col_holds()),
            e(m.col_target()),
            e(m.col_next()),
        ));
    }
    out.push_str("</tbody></table></div>");
    out
}
