//! The regional view (`#/region`, region.html): many places at once, where
//! each stands among its peers, and the group published as open data. The
//! group is the view's own reducer (`cohort::Group`), so the other pages
//! carry none of it; what is shown of it (which dates, the order, the
//! chosen place) is the view's choice. The tables and
//! charts are markup made by the core, so a thousand rows cost one string.

use super::notices::file_error_text;
use super::shared::link_error_text;
use super::{competency_name, halves, level_label, use_messages, VIEW_TITLE_ID};
use crate::domain::assessment::Assessment;
use crate::domain::chart::{self, BandAxis, BandWords, ChartWords, DistRow};
use crate::domain::cohort::{
    self, GroupAction, LoadReport, Quarter, Refusal, Rejected, Selection, SortKey,
};
use crate::domain::cohort_link::{self, MAX_CARD_PLACES};
use crate::domain::csv::cohort_csv;
use crate::domain::datapackage::{data_package, package_name, PackageInfo, LICENCES};
use crate::domain::embed::{escape_attr, snippet};
use crate::domain::exchange::{self, Parsed};
use crate::domain::route::{Page, Route};
use crate::domain::rubric::builtin;
use crate::i18n::{fill, Messages};
use crate::platform::browser;
use crate::state::Intent;
use std::cmp::Ordering;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegionProps {
    /// The assessments saved on this device, which the user may add.
    pub saved: Vec<Assessment>,
    pub on_action: Callback<Intent>,
}

/// The group as Yew's reducer: `cohort::Group` does the work.
#[derive(Default, PartialEq)]
struct Model(cohort::Group);

impl Reducible for Model {
    type Action = GroupAction;
    fn reduce(self: Rc<Self>, action: GroupAction) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        Rc::new(Model(next))
    }
}

/// The group by identity: a new group is a new `Rc`, so memos compare one
/// pointer instead of a thousand assessments.
#[derive(Clone)]
struct Group(Rc<Vec<Assessment>>);

impl PartialEq for Group {
    fn eq(&self, other: &Group) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Rows of the landscape on one page, unless the user asks for more: each
/// row costs about 0.2 ms to draw again, so 25 keep a new order within a
/// frame even with a thousand places loaded (benches/region.mjs).
const PAGE: usize = 25;

/// Names joined as a list: "a, b and c".
fn list(m: &Messages, names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{}{}{last}", rest.join(", "), m.region_and()),
    }
}

#[component]
pub fn RegionView(props: &RegionProps) -> Html {
    let m = use_messages();
    let selection = use_state(|| Selection::Latest);
    let sort = use_state(|| (SortKey::Place, false));
    let page_size = use_state(|| PAGE);
    let page = use_state_eq(|| 0usize);
    let chosen = use_state(String::new);
    let model = use_reducer(Model::default);
    let cohort = model.0.held.clone();
    let group = Group(cohort.clone());
    let years = use_memo(group.clone(), |g| cohort::years(&g.0));
    // A year chosen before "Remove all" may be gone from what is loaded now.
    let selection_now = match *selection {
        Selection::Year(y) if !years.contains(&y) => Selection::Latest,
        s => s,
    };
    // A file dropped beside the drop zone must not replace the page and
    // the group it holds.
    use_effect_with((), |_| {
        let guard = browser::FileDropGuard::hold();
        move || drop(guard)
    });
    {
        // A new group, order, choice or page size starts from the first rows.
        let page = page.clone();
        use_effect_with(
            (group.clone(), selection_now, *sort, *page_size),
            move |_| page.set(0),
        );
    }

    // What is shown (by place), the table's order, the statistics and the
    // places to choose from, each kept until what it depends on changes:
    // a new order redraws the table and nothing else. Indexes into the
    // group, so that no memo borrows it.
    let indexes = |g: &Group, list: Vec<&Assessment>| -> Vec<usize> {
        list.into_iter()
            .filter_map(|a| cohort::index_in(&g.0, a))
            .collect()
    };
    let shown = use_memo((group.clone(), selection_now), |(g, selection)| {
        indexes(g, cohort::select(&g.0, *selection))
    });
    let rows = use_memo(
        (group.clone(), shown.clone(), *sort),
        |(g, shown, (key, descending))| {
            let mut list: Vec<&Assessment> = shown.iter().map(|&i| &g.0[i]).collect();
            cohort::sort_rows(&mut list, *key, *descending, builtin());
            indexes(g, list)
        },
    );
    let landscape = use_memo((group.clone(), shown.clone()), |(g, shown)| {
        cohort::landscape(
            &shown.iter().map(|&i| &g.0[i]).collect::<Vec<_>>(),
            builtin(),
        )
    });
    let place_rows = use_memo((group.clone(), shown.clone()), |(g, shown)| {
        indexes(
            g,
            cohort::latest_of(shown.iter().map(|&i| &g.0[i]).collect()),
        )
    });
    let places: Vec<&Assessment> = place_rows.iter().map(|&i| &cohort[i]).collect();
    let chosen_a = places
        .iter()
        .find(|a| cohort::place_key(a) == *chosen)
        .copied();

    let on_selection = {
        let selection = selection.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            selection.set(match v.as_str() {
                "latest" => Selection::Latest,
                "all" => Selection::All,
                y => y.parse().map_or(Selection::Latest, Selection::Year),
            });
        })
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };

    let held = cohort.len();
    let place_count = *use_memo(group.clone(), |g| cohort::latest_per_place(&g.0).len());
    // The table is markup made in one go (a thousand rows), so its sort
    // buttons are heard here, on the element around it; after a new order
    // the pressed button is a new element, and gets the focus back.
    // Long tables show a page at a time: a browser lays out a table of a
    // thousand rows in a tenth of a second, too slow for each new order.
    let total = rows.len();
    // Saturating: "all" is a page of usize::MAX rows.
    let from = page.saturating_mul(*page_size).min(total.saturating_sub(1));
    let to = from.saturating_add(*page_size).min(total);
    let table = use_memo(
        (group.clone(), rows.clone(), *sort, from, to, m.lang),
        |(g, rows, sort, from, to, _)| {
            table_html(m, rows[*from..*to].iter().map(|&i| &g.0[i]), *sort)
        },
    );
    let pager = {
        let turn = |delta: isize| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| {
                page.set(page.saturating_add_signed(delta));
            })
        };
        let on_size = {
            let page_size = page_size.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                page_size.set(v.parse().unwrap_or(usize::MAX));
            })
        };
        html! {
            <nav class="pager" aria-label={m.region_pages_label()}>
                <span class="field">
                    <label for="region-rows">{ m.region_rows_label() }</label>
                    <select id="region-rows" onchange={on_size}>
                        { for [PAGE, 100].into_iter().map(|n| html! {
                            <option value={n.to_string()} selected={*page_size == n}>{ n.to_string() }</option>
                        }) }
                        <option value="all" selected={*page_size == usize::MAX}>{ m.region_rows_all() }</option>
                    </select>
                </span>
                <button type="button" class="button subtle" disabled={from == 0} onclick={turn(-1)}>{ m.region_prev() }</button>
                <span role="status" class="pager-status">{ fill(m.region_rows_status(), &[
                    ("from", &(from + 1).min(total).to_string()),
                    ("to", &to.to_string()),
                    ("total", &total.to_string()),
                ]) }</span>
                <button type="button" class="button subtle" disabled={to >= total} onclick={turn(1)}>{ m.region_next() }</button>
            </nav>
        }
    };
    let refocus = use_mut_ref(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect_with(table.clone(), move |_| {
            if let Some(id) = refocus.borrow_mut().take() {
                browser::focus(&id);
            }
        });
    }
    let on_table_click = {
        let (sort, refocus) = (sort.clone(), refocus.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("button[data-sort]").ok().flatten())
            else {
                return;
            };
            let Some(key) = button.get_attribute("data-sort").and_then(|k| sort_key(&k)) else {
                return;
            };
            let (current, descending) = *sort;
            // A level column starts from the highest; place and date from A and the oldest.
            let first = matches!(key, SortKey::Competency(_));
            *refocus.borrow_mut() = Some(button.id());
            sort.set((key, if current == key { !descending } else { first }));
        })
    };

    html! {
        <article class="region">
            <h1 id={VIEW_TITLE_ID} tabindex="-1">{ m.region_title() }</h1>
            <p>{ m.region_intro() }</p>
            <p class="small">{ m.region_kept() }</p>
            <Loader saved={props.saved.clone()} on_add={{ let model = model.clone(); Callback::from(move |a: GroupAction| model.dispatch(a)) }} />
            <Report report={model.0.report.clone()} />
            // Mounted before there is anything to say, so that what it
            // says is read out.
            <p role="status" class="region-status">{ if held == 0 { String::new() } else {
                fill(m.region_status(), &[
                    ("assessments", &m.count(m.region_assessments_n(), held)),
                    ("places", &m.count(m.region_places_n(), place_count)),
                ])
            } }</p>
            if held == 0 {
                <p class="notice info">{ m.region_empty() }</p>
            } else {
                <p class="actions">
                    <button type="button" class="button" onclick={{
                        let (on_action, all) = (props.on_action.clone(), cohort.clone());
                        move |_: MouseEvent| on_action.emit(Intent::Import { parsed: Parsed {
                            assessments: all.to_vec(), damaged: 0, other_rubric: 0, shortened: 0,
                        } })
                    }}>{ m.count(m.region_save_n(), held) }</button>
                    <button type="button" class="button subtle" onclick={{ let model = model.clone(); move |_: MouseEvent| model.dispatch(GroupAction::Clear) }}>{ m.region_clear() }</button>
                </p>

                <section aria-labelledby="landscape-title">
                    <h2 id="landscape-title">{ m.region_landscape_title() }</h2>
                    <p class="field">
                        <label for="region-show">{ m.region_show_label() }</label>
                        <select id="region-show" onchange={on_selection}>
                            <option value="latest" selected={selection_now == Selection::Latest}>{ m.region_show_latest() }</option>
                            <option value="all" selected={selection_now == Selection::All}>{ m.region_show_all() }</option>
                            { for years.iter().map(|y| html! {
                                <option value={y.to_string()} selected={selection_now == Selection::Year(*y)}>{ fill(m.region_show_year(), &[("year", &y.to_string())]) }</option>
                            }) }
                        </select>
                    </p>
                    { pager }
                    <div class="table-wrap" role="region" aria-labelledby="landscape-caption" tabindex="0" onclick={on_table_click}>
                        { Html::from_html_unchecked(AttrValue::from((*table).clone())) }
                    </div>
                </section>

                <section aria-labelledby="dist-title">
                    <h2 id="dist-title">{ m.region_dist_title() }</h2>
                    { distribution(m, &landscape) }
                </section>

                <section aria-labelledby="band-title-h">
                    <h2 id="band-title-h">{ m.region_band_title() }</h2>
                    <PlaceChoice group={cohort.clone()} places={place_rows.clone()} chosen={(*chosen).clone()} {on_choose} />
                    <div role="status">
                        if let Some(a) = chosen_a {
                            <p class="standing">{ standing_words(m, a, &landscape) }</p>
                        }
                    </div>
                    { band(m, &landscape, chosen_a) }
                    { spread_table(m, &landscape, chosen_a) }
                </section>

                <Publish group={cohort.clone()} shown={shown.clone()} />
            }
        </article>
    }
}

/// A sort button's name for a column, and back.
fn sort_name(key: SortKey) -> String {
    match key {
        SortKey::Place => "place".into(),
        SortKey::Date => "date".into(),
        SortKey::Competency(i) => format!("c{i}"),
    }
}

fn sort_key(name: &str) -> Option<SortKey> {
    match name {
        "place" => Some(SortKey::Place),
        "date" => Some(SortKey::Date),
        c => c
            .strip_prefix('c')?
            .parse()
            .ok()
            .filter(|i| *i < builtin().competencies.len())
            .map(SortKey::Competency),
    }
}

/// The landscape: a header cell per place, then its date and each
/// competency's level as digit and name (shaded by level, not by colour
/// alone). Each column heading is a button that sorts by it.
fn table_html<'a>(
    m: &'static Messages,
    rows: impl Iterator<Item = &'a Assessment>,
    (sorted_by, descending): (SortKey, bool),
) -> String {
    let rubric = builtin();
    let names: Vec<String> = rubric
        .competencies
        .iter()
        .map(|c| escape_attr(competency_name(m, c)))
        .collect();
    let date_label = escape_attr(m.region_col_date());
    let not_assessed = escape_attr(m.not_assessed());
    let mut out = format!(
        "<table role=\"table\" class=\"stack landscape\" id=\"landscape\"><caption id=\"landscape-caption\">{}</caption><thead role=\"rowgroup\"><tr role=\"row\">",
        escape_attr(m.region_table_caption())
    );
    let columns = [
        (SortKey::Place, escape_attr(m.region_col_place())),
        (SortKey::Date, date_label.clone()),
    ]
    .into_iter()
    .chain(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (SortKey::Competency(i), n.clone())),
    );
    for (key, label) in columns {
        let (aria, mark) = match (key == sorted_by, descending) {
            (true, true) => (" aria-sort=\"descending\"", "▼"),
            (true, false) => (" aria-sort=\"ascending\"", "▲"),
            _ => ("", "↕"),
        };
        let name = sort_name(key);
        out.push_str(&format!(
            "<th role=\"columnheader\" scope=\"col\"{aria}><button type=\"button\" class=\"sort\" id=\"sort-{name}\" data-sort=\"{name}\">{label}<span class=\"sort-mark\" aria-hidden=\"true\">{mark}</span></button></th>"
        ));
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for a in rows {
        out.push_str(&format!(
            "<tr role=\"row\"><th role=\"rowheader\" scope=\"row\">{}</th><td role=\"cell\" data-label=\"{date_label}\">{}</td>",
            escape_attr(a.title()),
            escape_attr(&m.date(a.date.as_str()))
        ));
        for (c, name) in rubric.competencies.iter().zip(&names) {
            match a.level(&c.id) {
                Some(l) => out.push_str(&format!(
                    "<td role=\"cell\" class=\"lv lv{l}\" data-label=\"{name}\"><span class=\"digit\">{l}</span> {}</td>",
                    escape_attr(super::level_name(m, l))
                )),
                None => out.push_str(&format!(
                    "<td role=\"cell\" class=\"lv missing\" data-label=\"{name}\">{not_assessed}</td>"
                )),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn distribution(m: &'static Messages, rows: &[cohort::Row]) -> Html {
    let rubric = builtin();
    let dist: Vec<DistRow> = rows
        .iter()
        .zip(&rubric.competencies)
        .map(|(r, c)| DistRow {
            name: competency_name(m, c).to_string(),
            at: r.distribution.at,
            missing: r.distribution.missing,
            median: r.spread.map_or("–".to_string(), |s| halves(m, s.median)),
        })
        .collect();
    Html::from_html_unchecked(AttrValue::from(super::distribution_markup(m, &dist)))
}

fn band(m: &'static Messages, rows: &[cohort::Row], place: Option<&Assessment>) -> Html {
    let rubric = builtin();
    let axes: Vec<BandAxis> = rows
        .iter()
        .zip(&rubric.competencies)
        .map(|(r, c)| BandAxis {
            title: competency_name(m, c).to_string(),
            band: r.spread.map(|s| (s.q1.0, s.median.0, s.q3.0)),
            place: place.and_then(|a| a.level(&c.id)),
        })
        .collect();
    let items: Vec<String> = rows
        .iter()
        .zip(&axes)
        .map(|(r, axis)| {
            let mut item = match r.spread {
                Some(s) => fill(
                    m.region_chart_item(),
                    &[
                        ("name", &axis.title),
                        ("median", &halves(m, s.median)),
                        ("q1", &halves(m, s.q1)),
                        ("q3", &halves(m, s.q3)),
                    ],
                ),
                None => fill(m.chart_item_missing(), &[("name", &axis.title)]),
            };
            if let (Some(a), Some(l)) = (place, axis.place) {
                item.push_str(", ");
                item.push_str(&fill(
                    m.region_chart_place(),
                    &[("place", a.title()), ("n", &l.to_string())],
                ));
            }
            item
        })
        .collect();
    let summary = format!("{}.", items.join("; "));
    Html::from_html_unchecked(AttrValue::from(chart::band_figure_html(
        &axes,
        &BandWords {
            chart: ChartWords {
                title: m.region_chart_title(),
                desc: m.region_chart_desc(),
                summary: &summary,
                not_assessed: m.not_assessed(),
            },
            legend_band: m.region_legend_band(),
            legend_median: m.region_col_median(),
            legend_place: place.map(Assessment::title),
            key: &items,
        },
    )))
}

/// The same as the chart, as a table: each competency's spread, and the
/// chosen place's level.
fn spread_table(m: &'static Messages, rows: &[cohort::Row], place: Option<&Assessment>) -> Html {
    let rubric = builtin();
    let heads = [
        m.region_col_min(),
        m.region_col_q1(),
        m.region_col_median(),
        m.region_col_q3(),
        m.region_col_max(),
        m.region_col_n(),
    ];
    html! {
        <div class="table-wrap" role="region" aria-labelledby="spread-caption" tabindex="0">
            <table role="table" class="stack spread">
                <caption id="spread-caption">{ m.region_spread_caption() }</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th role="columnheader" scope="col">{ m.col_competency() }</th>
                        { for heads.iter().map(|h| html! { <th role="columnheader" scope="col">{ *h }</th> }) }
                        if let Some(a) = place { <th role="columnheader" scope="col">{ a.title().to_string() }</th> }
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    { for rows.iter().zip(&rubric.competencies).map(|(r, c)| {
                        let values: Vec<String> = match r.spread {
                            Some(s) => vec![
                                s.min.to_string(), halves(m, s.q1), halves(m, s.median),
                                halves(m, s.q3), s.max.to_string(), s.n.to_string(),
                            ],
                            None => vec!["–".to_string(); 5].into_iter().chain(["0".to_string()]).collect(),
                        };
                        html! {
                            <tr role="row">
                                <th role="rowheader" scope="row">{ competency_name(m, c) }</th>
                                { for heads.iter().zip(values).map(|(h, v)| html! { <td role="cell" data-label={*h}>{ v }</td> }) }
                                if let Some(a) = place {
                                    <td role="cell" data-label={a.title().to_string()}>{ a.level(&c.id).map_or_else(|| m.not_assessed().to_string(), |l| level_label(m, l)) }</td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Where a place stands, in words: "Where Quito stands: above the median
/// in analytics; in the lowest quarter in open data."
fn standing_words(m: &'static Messages, a: &Assessment, rows: &[cohort::Row]) -> String {
    let rubric = builtin();
    let name = |id: &str| {
        rubric
            .competency(id)
            .map_or(id.to_string(), |c| competency_name(m, c).to_string())
    };
    let standings = cohort::profile_standing(a, rows);
    let pick = |f: &dyn Fn(&cohort::Standing) -> bool| -> Vec<String> {
        standings
            .iter()
            .filter(|(_, s)| f(s))
            .map(|(id, _)| name(id))
            .collect()
    };
    let missing: Vec<String> = rubric
        .competencies
        .iter()
        .filter(|c| a.level(&c.id).is_none())
        .map(|c| competency_name(m, c).to_string())
        .collect();
    let parts: Vec<(&str, Vec<String>)> = vec![
        (
            m.region_above(),
            pick(&|s| s.to_median == Ordering::Greater),
        ),
        (
            m.region_at_median(),
            pick(&|s| s.to_median == Ordering::Equal),
        ),
        (m.region_below(), pick(&|s| s.to_median == Ordering::Less)),
        (
            m.region_top_quarter(),
            pick(&|s| s.quarter == Quarter::Highest),
        ),
        (
            m.region_bottom_quarter(),
            pick(&|s| s.quarter == Quarter::Lowest),
        ),
        (m.region_not_assessed_in(), missing),
    ];
    let said: Vec<String> = parts
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(template, names)| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            fill(template, &[("list", &list(m, &names))])
        })
        .collect();
    format!(
        "{} {}.",
        fill(m.region_standing_intro(), &[("place", a.title())]),
        said.join("; ")
    )
}

#[derive(Properties, PartialEq)]
struct LoaderProps {
    saved: Vec<Assessment>,
    on_add: Callback<GroupAction>,
}

/// Reads files one after another: each refused one is named with its
/// reason, the rest are added in one go.
async fn read_all(files: Vec<web_sys::File>, not_json: usize) -> GroupAction {
    let mut found = Vec::new();
    let mut rejected = Vec::new();
    let mut unreadable = 0;
    for file in files {
        let result = super::pool::read_assessment_file(&file).await;
        match result {
            Ok(parsed) => {
                unreadable += parsed.damaged + parsed.other_rubric;
                found.extend(parsed.assessments);
            }
            Err(why) => rejected.push(Rejected {
                name: file.name(),
                why: Refusal::File(why),
            }),
        }
    }
    GroupAction::Add {
        assessments: found,
        rejected,
        unreadable,
        not_json,
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map_or_else(Vec::new, |files| {
        (0..files.length()).filter_map(|i| files.get(i)).collect()
    })
}

/// Files (several, a folder, dropped), pasted links and the assessments
/// saved here.
#[component]
fn Loader(props: &LoaderProps) -> Html {
    let m = use_messages();
    let reading = use_state(|| false);
    let over = use_state_eq(|| false);
    let area_ref = use_node_ref();
    let load_files = {
        let (on_add, reading) = (props.on_add.clone(), reading.clone());
        Callback::from(move |(files, not_json): (Vec<web_sys::File>, usize)| {
            if files.is_empty() && not_json == 0 {
                return;
            }
            reading.set(true);
            let (on_add, reading) = (on_add.clone(), reading.clone());
            yew::platform::spawn_local(async move {
                let action = read_all(files, not_json).await;
                reading.set(false);
                on_add.emit(action);
            });
        })
    };
    let on_files = load_files.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let files = files_of(input.files());
        input.set_value("");
        (files, 0)
    });
    // A folder holds other files too: only its .json files are read, and
    // how many were left aside is said.
    let on_folder = load_files.reform(|e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let (json, other): (Vec<web_sys::File>, Vec<web_sys::File>) = files_of(input.files())
            .into_iter()
            .partition(|f| f.name().to_lowercase().ends_with(".json"));
        input.set_value("");
        (json, other.len())
    });
    let on_drop = {
        let (load_files, over) = (load_files.clone(), over.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            load_files.emit((files_of(e.data_transfer().and_then(|d| d.files())), 0));
        })
    };
    let on_drag_over = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let on_drag_leave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let add_links = {
        let (on_add, area_ref) = (props.on_add.clone(), area_ref.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let mut assessments = Vec::new();
            let mut rejected = Vec::new();
            let text = area.value();
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                match crate::domain::route::decode_link(line, builtin()) {
                    Ok(a) => assessments.push(a),
                    Err(why) => rejected.push(Rejected {
                        name: fill(m.region_line(), &[("n", &(i + 1).to_string())]),
                        why: Refusal::Link(why),
                    }),
                }
            }
            if rejected.is_empty() {
                area.set_value("");
            }
            on_add.emit(GroupAction::Add {
                assessments,
                rejected,
                unreadable: 0,
                not_json: 0,
            });
        })
    };
    let add_saved = {
        let (on_add, saved) = (props.on_add.clone(), props.saved.clone());
        Callback::from(move |_: MouseEvent| {
            on_add.emit(GroupAction::Add {
                assessments: saved.clone(),
                rejected: Vec::new(),
                unreadable: 0,
                not_json: 0,
            })
        })
    };
    html! {
        <section class={classes!("panel", "region-load", (*over).then_some("drop-over"))} aria-labelledby="region-load-title"
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <h2 id="region-load-title">{ m.region_load_title() }</h2>
            <p class="field">
                <label for="region-files">{ m.region_files_label() }</label>
                <input id="region-files" type="file" multiple=true accept=".json,application/json" onchange={on_files.clone()} />
            </p>
            <p class="field">
                <label for="region-folder">{ m.region_folder_label() }</label>
                <input id="region-folder" type="file" multiple=true webkitdirectory=true onchange={on_folder} />
            </p>
            <p class="small">{ m.region_drop() }</p>
            <p class="field">
                <label for="region-links">{ m.region_links_label() }</label>
                <textarea id="region-links" ref={area_ref} rows="3" spellcheck="false" />
            </p>
            <p class="actions">
                <button type="button" class="button" onclick={add_links}>{ m.region_add_links() }</button>
                if !props.saved.is_empty() {
                    <button type="button" class="button" onclick={add_saved}>{ m.count(m.region_add_saved_n(), props.saved.len()) }</button>
                }
            </p>
            <p class="small" role="status">{ if *reading { m.region_reading() } else { "" } }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ReportProps {
    report: Option<LoadReport>,
}

/// What the last load did, and each input refused with its reason.
#[component]
fn Report(props: &ReportProps) -> Html {
    let m = use_messages();
    let Some(r) = &props.report else {
        return html! { <div role="status" id="region-report-live"></div> };
    };
    let mut said = vec![m.count(m.region_added_n(), r.added.added)];
    if r.added.duplicates > 0 {
        said.push(m.count(m.region_duplicates_n(), r.added.duplicates));
    }
    if r.added.over_limit > 0 {
        said.push(m.count(m.region_over_n(), r.added.over_limit));
    }
    if r.unreadable > 0 {
        said.push(m.count(m.region_skipped_n(), r.unreadable));
    }
    if r.not_json > 0 {
        said.push(m.count(m.region_folder_skipped_n(), r.not_json));
    }
    // The template ends the sentence; some reasons are sentences already.
    let reason = |why: &Refusal| {
        let text = match why {
            Refusal::File(e) => file_error_text(m, e).to_string(),
            Refusal::Link(e) => link_error_text(m, e),
        };
        text.trim_end_matches('.').to_string()
    };
    let warn = !r.rejected.is_empty() || r.added.over_limit > 0 || r.unreadable > 0;
    html! {
      // The same live region before and after the first load.
      <div role="status" id="region-report-live">
        <div class={classes!("notice", if warn { "warning" } else { "info" })} id="region-report">
            <p>{ said.join(" ") }</p>
            if !r.rejected.is_empty() {
                <p>{ m.count(m.region_rejected_n(), r.rejected.len()) }</p>
                <ul>{ for r.rejected.iter().map(|x| html! {
                    <li>{ fill(m.region_rejected_item(), &[("name", &x.name), ("reason", &reason(&x.why))]) }</li>
                }) }</ul>
            }
        </div>
      </div>
    }
}

#[derive(Properties, PartialEq)]
struct PublishProps {
    group: Rc<Vec<Assessment>>,
    /// What the landscape shows, by place, as indexes into `group`.
    shown: Rc<Vec<usize>>,
}

/// The downloads (cohort file, CSV, data package) and the regional card.
#[component]
fn Publish(props: &PublishProps) -> Html {
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
    let file = |ext: &str| format!("{}.{ext}", package_name(&title));
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
                    &super::share_panel::csv_labels(m),
                )
            }),
            file("csv"),
            "text/csv;charset=utf-8",
        )
    };
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
            "datapackage.json".to_string(),
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
                version: crate::domain::share::LINK_VERSION.to_string(),
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
                <textarea id="region-embed-code" readonly=true rows="7" class="code" value={code} />
                <p class="small">{ m.embed_script_note() }</p>
            } else if fits || path_ok {
                <p class="notice info">{ m.share_on_disk() }</p>
            }
        </section>
    }
}

/// The city's choice of licence for its own data (`datapackage::LICENCES`).
fn licence_field(m: &'static Messages, id: &'static str, licence: &UseStateHandle<usize>) -> Html {
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
            failed.set(browser::download("datapackage.json", "application/json", &json).is_err());
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

#[derive(Properties)]
struct PlaceChoiceProps {
    group: Rc<Vec<Assessment>>,
    /// Indexes into `group`, by place.
    places: Rc<Vec<usize>>,
    chosen: String,
    on_choose: Callback<Event>,
}

impl PartialEq for PlaceChoiceProps {
    fn eq(&self, other: &Self) -> bool {
        // By identity: a thousand options are drawn again only for a new
        // group or a new selection, not for each change elsewhere.
        Rc::ptr_eq(&self.group, &other.group)
            && Rc::ptr_eq(&self.places, &other.places)
            && self.chosen == other.chosen
    }
}

/// The place to set against the group.
#[component]
fn PlaceChoice(props: &PlaceChoiceProps) -> Html {
    let m = use_messages();
    html! {
        <p class="field">
            <label for="region-place">{ m.region_place_label() }</label>
            <select id="region-place" onchange={props.on_choose.clone()}>
                <option value="" selected={props.chosen.is_empty()}>{ m.region_place_none() }</option>
                { for props.places.iter().map(|&i| {
                    let a = &props.group[i];
                    let key = cohort::place_key(a);
                    html! { <option selected={props.chosen == key} value={key.clone()}>{ a.title().to_string() }</option> }
                }) }
            </select>
        </p>
    }
}
