//! What goes out: the cohort file, CSV, data packages (the group's, and
//! one assessment's on `#/a/<id>/publish`) and the regional card.

use crate::domain::formats::csv::cohort_csv;
use crate::domain::formats::datapackage::{data_package, package_name, PackageInfo, LICENCES};
use crate::domain::formats::exchange::{self};
use crate::domain::markup::embed::snippet;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::region::cohort::{self};
use crate::domain::region::cohort_link::{self, MAX_CARD_PLACES};
use crate::domain::route::{Page, Route};
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::ui::{use_messages, VIEW_TITLE_ID};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct PublishProps {
    pub(super) group: Rc<Vec<Assessment>>,
    /// What the landscape shows, by place, as indexes into `group`.
    pub(super) shown: Rc<Vec<usize>>,
}

/// The downloads (cohort file, CSV, data package) and the regional card.
#[component]
pub(super) fn Publish(props: &PublishProps) -> Html {
    let m = use_messages();
    let name = use_state(|| m.region_group_default().to_string());
    let anonymise = use_state(|| true);
    let licence = use_state(|| 0usize);
    let path = use_state(|| "cohort.json".to_string());
    let failed = use_state(|| false);
    let title = if name.trim().is_empty() {
        m.region_group_default().to_string()
    } else {
        name.trim().to_string()
    };
    // Files named after the group, in the user's words.
    let stem = package_name(&title)
        .trim_start_matches("urban-data-maturity")
        .trim_start_matches('-')
        .to_string();
    let stem = if stem.is_empty() {
        "cohort".to_string()
    } else {
        stem
    };
    let file = |ext: &str| format!("{stem}.{ext}");
    let save = |make: Rc<dyn Fn() -> String>, file_name: String, mime: &'static str| {
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            failed.set(browser::download(&file_name, mime, &make()).is_err())
        })
    };
    let json = {
        let (group, anonymise) = (props.group.clone(), *anonymise);
        save(
            Rc::new(move || {
                let list: Vec<Assessment> = if anonymise {
                    group.iter().map(cohort::anonymised).collect()
                } else {
                    group.to_vec()
                };
                exchange::export_json(&list.iter().collect::<Vec<_>>(), builtin())
            }),
            file("json"),
            "application/json",
        )
    };
    let csv = {
        let (group, shown, anonymise) = (props.group.clone(), props.shown.clone(), *anonymise);
        save(
            Rc::new(move || {
                let rows: Vec<Assessment> = shown
                    .iter()
                    .map(|&i| {
                        if anonymise {
                            cohort::anonymised(&group[i])
                        } else {
                            group[i].clone()
                        }
                    })
                    .collect();
                cohort_csv(
                    &rows.iter().collect::<Vec<_>>(),
                    builtin(),
                    &crate::ui::share_panel::csv_labels(m),
                )
            }),
            file("csv"),
            "text/csv;charset=utf-8",
        )
    };
    let package_file = format!("{}-datapackage.json", package_name(&title));
    let package = {
        let (group, shown, title, licence) = (
            props.group.clone(),
            props.shown.clone(),
            title.clone(),
            *licence,
        );
        save(
            Rc::new(move || {
                let anonymous: Vec<Assessment> = shown
                    .iter()
                    .map(|&i| cohort::anonymised(&group[i]))
                    .collect();
                data_package(
                    &anonymous.iter().collect::<Vec<_>>(),
                    builtin(),
                    &PackageInfo {
                        title: &title,
                        created: &browser::today_iso(),
                        licence: LICENCES[licence.min(LICENCES.len() - 1)],
                    },
                )
            }),
            // Named after the group, so that two packages downloaded do not
            // become "datapackage (1).json"; the validator and portals read
            // any name ending in datapackage.json.
            package_file,
            "application/json",
        )
    };
    // The card: the latest of each place, in the link when they fit.
    let latest: Vec<&Assessment> =
        cohort::latest_of(props.shown.iter().map(|&i| &props.group[i]).collect());
    let carried = cohort_link::encode(&title, &latest, builtin());
    let fits = carried.is_some();
    let path_ok = cohort_link::file_path(&path).is_some();
    let card = browser::link_address_of(Page::RegionCard.file()).and_then(|base| {
        let route = match &carried {
            Some(payload) => Route::RegionCard {
                version: crate::domain::formats::share::LINK_VERSION.to_string(),
                payload: payload.clone(),
            },
            None if path_ok => Route::RegionCard {
                version: cohort_link::FROM_FILE.to_string(),
                payload: path.to_string(),
            },
            None => return None,
        };
        Some(format!("{base}?lang={}{}", m.lang, route.href()))
    });
    let code = card.map(|url| snippet(&url, &fill(m.region_iframe_title(), &[("title", &title)])));
    let copied = use_state(|| false);
    let copy_code = |code: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, code) = (copied.clone(), code.clone());
            yew::platform::spawn_local(async move {
                // Either way the code ends up selected, so Ctrl+C works too.
                let done = browser::copy_to_clipboard(&code).await
                    || browser::select_and_copy("region-embed-code");
                copied.set(done);
            });
        })
    };
    let select_code = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
            .select();
    });
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_path = {
        let path = path.clone();
        Callback::from(move |e: InputEvent| {
            path.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_anonymise = {
        let anonymise = anonymise.clone();
        Callback::from(move |_: Event| anonymise.set(!*anonymise))
    };
    html! {
        <section class="panel" aria-labelledby="publish-title">
            <h2 id="publish-title">{ m.region_export_title() }</h2>
            <p class="field">
                <label for="region-name">{ m.region_group_label() }</label>
                <input id="region-name" type="text" maxlength="200" value={(*name).clone()} oninput={on_name} />
            </p>
            <label class="choice">
                <input type="checkbox" id="region-anonymise" checked={*anonymise} onchange={on_anonymise} />
                { m.region_anonymise() }
            </label>
            <p class="actions">
                <button type="button" class="button" onclick={json}>{ m.region_download_json() }</button>
                <button type="button" class="button" onclick={csv}>{ m.region_download_csv() }</button>
            </p>
            <p class="small">{ m.region_cohort_hint() }</p>
            <h3>{ m.package_title() }</h3>
            <p class="small">{ m.package_hint() }</p>
            { licence_field(m, "region-licence", &licence) }
            <p class="actions">
                <button type="button" class="button" onclick={package}>{ m.package_download() }</button>
            </p>
            if *failed { <p role="alert">{ m.download_failed() }</p> }
            <h3>{ m.region_embed_title() }</h3>
            if fits {
                <p class="small">{ m.region_embed_link_intro() }</p>
            } else {
                <p class="small">{ fill(m.region_embed_file_intro(), &[("max", &MAX_CARD_PLACES.to_string())]) }</p>
                <p class="field">
                    <label for="region-path">{ m.region_embed_file_label() }</label>
                    <input id="region-path" type="text" value={(*path).clone()} oninput={on_path}
                        aria-invalid={(!path_ok).then_some("true")} aria-describedby={(!path_ok).then_some("region-path-error")} />
                    if !path_ok { <span class="error" id="region-path-error">{ m.region_embed_file_bad() }</span> }
                </p>
            }
            if let Some(code) = code {
                <label for="region-embed-code" class="field-label">{ m.embed_code_label() }</label>
                <textarea id="region-embed-code" readonly=true rows="7" class="code" value={code.clone()} onfocus={select_code} />
                <p class="actions">
                    <button type="button" class="button" onclick={copy_code(code)}>{ m.embed_copy() }</button>
                </p>
                <p class="small" role="status">{ if *copied { m.embed_copied() } else { "" } }</p>
                <p class="small">{ m.embed_script_note() }</p>
            } else if fits || path_ok {
                <p class="notice info">{ m.share_on_disk() }</p>
            }
        </section>
    }
}

/// The city's choice of licence for its own data (`datapackage::LICENCES`).
pub(super) fn licence_field(
    m: &'static Messages,
    id: &'static str,
    licence: &UseStateHandle<usize>,
) -> Html {
    let onchange = {
        let licence = licence.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            licence.set(v.parse().unwrap_or(0))
        })
    };
    let names = [m.licence_cc_by(), m.licence_cc0(), m.licence_odc_by()];
    html! {
        <p class="field">
            <label for={id}>{ m.package_licence_label() }</label>
            <select {id} {onchange}>
                { for names.iter().enumerate().map(|(i, n)| html! {
                    <option value={i.to_string()} selected={**licence == i}>{ *n }</option>
                }) }
            </select>
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct PublishOneProps {
    pub assessment: Assessment,
}

/// One assessment as an open data package (`#/a/<id>/publish`): on this
/// page, so the results page carries none of the package's code.
#[component]
pub fn PublishOne(props: &PublishOneProps) -> Html {
    let m = use_messages();
    let licence = use_state(|| 0usize);
    let failed = use_state(|| false);
    let a = &props.assessment;
    let download = {
        let (a, licence, failed) = (a.clone(), *licence, failed.clone());
        Callback::from(move |_: MouseEvent| {
            let title = fill(
                m.dated_title(),
                &[("title", a.title()), ("date", a.date.as_str())],
            );
            let json = data_package(
                &[&a],
                builtin(),
                &PackageInfo {
                    title: &title,
                    created: &browser::today_iso(),
                    licence: LICENCES[licence.min(LICENCES.len() - 1)],
                },
            );
            let name = format!("{}-datapackage.json", package_name(&title));
            failed.set(browser::download(&name, "application/json", &json).is_err());
        })
    };
    html! {
        <article class="publish">
            <p><a href={Route::Results { id: a.id.clone() }.href()}>{ "← " }{ m.plan_back() }</a></p>
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ fill(m.publish_title(), &[("title", a.title())]) }</h1>
            <p>{ m.package_hint_single() }</p>
            <p class="small">{ m.publish_contents() }</p>
            <section class="panel" aria-labelledby="publish-one-title">
                <h2 id="publish-one-title">{ m.package_title() }</h2>
                { licence_field(m, "package-licence", &licence) }
                <p class="actions">
                    <button type="button" class="button primary" onclick={download}>{ m.package_download() }</button>
                </p>
                if *failed { <p role="alert">{ m.download_failed() }</p> }
            </section>
        </article>
    }
}
