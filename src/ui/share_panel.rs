use super::radar_chart::{download, Axis};
use super::use_messages;
use crate::domain::formats::csv::{export_csv, CsvLabels};
use crate::domain::formats::{exchange, qr, share};
use crate::domain::markup::embed;
use crate::domain::markup::embed::escape_attr as e;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::model::scoring::Profile;
use crate::domain::route::{Page, Route};
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub assessment: Assessment,
}

/// How the last copy went: to the clipboard, or left selected for Ctrl+C.
#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Copied,
    Manual,
}

/// The fields whose text can be copied, by element id.
const LINK_FIELD: &str = "share-link";
const MAIL_FIELD: &str = "share-mail";
const CODE_FIELD: &str = "embed-code";
/// The longest mailto address offered (see `mailto` below).
const MAX_MAILTO: usize = 1800;

/// A file name from the assessment's title and date, safe on every system.
pub fn file_name(a: &Assessment, extension: &str) -> String {
    let title: String = a
        .title()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let title = title.trim_matches('-');
    let title: String = title.chars().take(60).collect();
    format!(
        "{}-{}.{extension}",
        if title.is_empty() {
            "assessment"
        } else {
            &title
        },
        a.date.as_str()
    )
}

pub fn csv_labels(m: &'static Messages) -> CsvLabels<'static> {
    CsvLabels {
        delimiter: m.csv_delimiter(),
        headers: [
            m.csv_initiative(),
            m.csv_place(),
            m.csv_date(),
            m.csv_competency(),
            m.csv_level(),
            m.csv_level_name(),
            m.csv_target(),
            m.csv_notes(),
        ],
        not_assessed: m.not_assessed(),
        names: super::csv_names(m),
    }
}

/// Share link (copy, QR code), downloads and the portal card's code for
/// one of the user's assessments. Notes stay out of links unless asked for:
/// a link goes to whoever it is forwarded to.
/// Markup with no handlers, as one piece: lighter than elements one by one.
fn raw(html: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(html))
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let m = use_messages();
    let with_notes = use_state(|| false);
    // Which field was copied last, and how: one message at a time.
    let copied = use_state(|| None::<(&'static str, Copy)>);
    let failed = use_state(|| false);
    let a = &props.assessment;
    // Encoded again only when the assessment or the choice changes, not on
    // every render of the results. `None` in a copy on disk with no public
    // address: such a link would open only on this computer.
    let link = use_memo((a.clone(), *with_notes), |(a, with_notes)| {
        browser::link_address_of(Page::Reader.file()).map(|base| {
            format!(
                "{base}{}",
                Route::shared(share::encode(a, builtin(), *with_notes)).href()
            )
        })
    });
    let qr = use_memo(link.clone(), |link| link.as_deref().map(qr::encode));
    let link = (*link).clone();

    let toggle = {
        let (with_notes, copied) = (with_notes.clone(), copied.clone());
        Callback::from(move |_: Event| {
            with_notes.set(!*with_notes);
            copied.set(None);
        })
    };
    let copier = |text: String, field: &'static str| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            copied.set(None);
            let (copied, text) = (copied.clone(), text.clone());
            yew::platform::spawn_local(async move {
                // Either way the field ends up selected, so Ctrl+C works too.
                let done =
                    browser::copy_to_clipboard(&text).await || browser::select_and_copy(field);
                copied.set(Some((
                    field,
                    if done { Copy::Copied } else { Copy::Manual },
                )));
            });
        })
    };
    // The link in a few words for an e-mail: mail scanners and replies
    // mangle a bare link, and `domain::formats::pasted` reads it back either way.
    let dated = fill(
        m.dated_title(),
        &[("title", a.title()), ("date", &m.date(a.date.as_str()))],
    );
    let mail = link
        .as_deref()
        .map(|link| fill(m.mail_text(), &[("title", &dated), ("link", link)]));
    // Files are made when asked for, not on every render.
    let save =
        |make: fn(&Assessment, &'static Messages) -> String, name: String, mime: &'static str| {
            let (failed, a) = (failed.clone(), a.clone());
            Callback::from(move |_: MouseEvent| {
                failed.set(browser::download(&name, mime, &make(&a, m)).is_err())
            })
        };
    let json = save(
        |a, _| exchange::export_json(&[a], builtin()),
        file_name(a, "json"),
        "application/json",
    );
    let csv = save(
        |a, m| export_csv(a, builtin(), &csv_labels(m)),
        file_name(a, "csv"),
        "text/csv;charset=utf-8",
    );
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .select();
    });
    let select_code = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
            .select();
    });
    // The card shows no notes, so its link carries none.
    // In the maker's language: the card cannot see the portal's page.
    let embed_url = use_memo((a.clone(), m.lang), |(a, lang)| {
        browser::link_address_of(Page::Card.file()).map(|base| {
            format!(
                "{base}?lang={lang}{}",
                Route::embed(share::encode(a, builtin(), false)).href()
            )
        })
    });
    let code = embed_url
        .as_deref()
        .map(|url| embed::snippet(url, &fill(m.embed_iframe_title(), &[("title", a.title())])));
    let chart = {
        let (failed, a, caption) = (failed.clone(), a.clone(), dated.clone());
        let name = file_name(&a, "svg");
        Callback::from(move |_: MouseEvent| {
            let axes = Axis::all(m, &Profile::of(builtin(), &a));
            let svg = download(m, &axes, &caption);
            failed.set(browser::download(&name, "image/svg+xml", &svg).is_err());
        })
    };
    let status = |field: &str, done: &'static str, manual: &'static str| match *copied {
        Some((f, Copy::Copied)) if f == field => done,
        Some((f, Copy::Manual)) if f == field => manual,
        _ => "",
    };
    // Mail programs on Windows cut a mailto address past about two thousand
    // characters, with no word: past that, the text is for copying only.
    let mailto = mail
        .as_deref()
        .map(|mail| browser::mailto(&dated, mail))
        .filter(|href| href.len() <= MAX_MAILTO);

    html! {
        <section class="share panel" id="share" aria-labelledby="share-title">
            <h2 id="share-title" tabindex="-1">{ m.share_title() }</h2>
            <div class="share-grid">
                <div>
                  if let Some(link) = &link {
                    <div class="no-print">
                      <p>{ m.share_intro() }</p>
                      <label class="choice">
                          <input type="checkbox" checked={*with_notes} onchange={toggle} />
                          { m.share_with_notes() }
                      </label>
                      <label for="share-link" class="field-label">{ m.share_link_label() }</label>
                      <div class="copy-row">
                          <input id={LINK_FIELD} type="text" readonly=true value={link.clone()} onfocus={select_all} aria-describedby="share-length" />
                          <button type="button" class="button primary" onclick={copier(link.clone(), LINK_FIELD)}>{ m.share_copy() }</button>
                      </div>
                      <p class="small" id="share-length">{ fill(m.share_length(), &[("n", &link.chars().count().to_string())]) }</p>
                      <p class="small" role="status">{ status(LINK_FIELD, m.share_copied(), m.share_copy_manual()) }</p>
                      if let Some(mail) = mail {
                        <label for={MAIL_FIELD} class="field-label">{ m.mail_text_label() }</label>
                        <textarea id={MAIL_FIELD} readonly=true rows="4" class="code" value={mail.clone()} onfocus={select_code.clone()} />
                        <p class="actions">
                            <button type="button" class="button" onclick={copier(mail.clone(), MAIL_FIELD)}>{ m.mail_copy() }</button>
                            if let Some(href) = mailto {
                                <a class="button subtle" {href}>{ m.mail_write() }</a>
                            }
                        </p>
                        <p class="small" role="status">{ status(MAIL_FIELD, m.mail_copied(), m.mail_copy_manual()) }</p>
                      }
                    </div>
                    <p class="print-only link-text">{ m.report_link() }{" "}<span>{ link.clone() }</span></p>
                  } else {
                    <p class="notice info no-print" data-on-disk="">{ m.share_on_disk() }</p>
                  }
                  <div class="no-print">
                    { raw(format!("<h3>{}</h3><p class=\"small\">{}</p>", e(m.export_title()), e(m.export_json_hint()))) }
                    <p class="actions">
                        <button type="button" class="button" onclick={json}>{ m.export_json() }</button>
                        <button type="button" class="button" onclick={csv}>{ m.export_csv() }</button>
                    </p>
                    <p class="actions">
                        <button type="button" class="button" onclick={chart}>{ m.download_chart() }</button>
                    </p>
                    { raw(format!(
                        "<p class=\"small\">{}</p><h3>{}</h3><p class=\"small\">{}</p><p class=\"actions\"><a class=\"button\" href=\"{}\">{}</a></p>",
                        e(m.download_chart_hint()), e(m.package_title()), e(m.package_hint_single()),
                        e(&Route::Publish { id: a.id.clone() }.href()), e(m.publish_link()),
                    )) }
                    if *failed { <p role="alert">{ m.download_failed() }</p> }
                    if let Some(code) = code {
                        { raw(format!("<h3>{}</h3><p class=\"small\">{}</p>", e(m.embed_title()), e(m.embed_intro()))) }
                        <label for={CODE_FIELD} class="field-label">{ m.embed_code_label() }</label>
                        <textarea id={CODE_FIELD} readonly=true rows="7" class="code" value={code.clone()} onfocus={select_code} aria-describedby="embed-note" />
                        <p class="actions">
                            <button type="button" class="button" onclick={copier(code, CODE_FIELD)}>{ m.embed_copy() }</button>
                        </p>
                        <p class="small" role="status">{ status(CODE_FIELD, m.embed_copied(), m.share_copy_manual()) }</p>
                        <p class="small" id="embed-note">{ m.embed_script_note() }</p>
                    }
                  </div>
                </div>
                { match &*qr {
                    Some(Ok(code)) => {
                        let side = code.size + 8;
                        raw(format!(
                            "<figure class=\"qr\"><svg viewBox=\"-4 -4 {side} {side}\" role=\"img\" aria-label=\"{}\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\"><rect x=\"-4\" y=\"-4\" width=\"{side}\" height=\"{side}\" fill=\"#fff\"></rect><path d=\"{}\" fill=\"#000\"></path></svg><figcaption class=\"small\">{}</figcaption></figure>",
                            e(m.qr_label()), e(&code.path), e(m.qr_caption()),
                        ))
                    }
                    Some(Err(_)) => html! { <figure class="qr"><p class="notice info">{ m.qr_too_long() }</p></figure> },
                    None => html! {},
                } }
            </div>
        </section>
    }
}
