//! The regional view (`#/region`, region.html): many places at once, where
//! each stands among its peers, and the group published as open data. The
//! group is the view's own reducer (`cohort::Group`), so the other pages
//! carry none of it; what is shown of it (which dates, the order, the
//! chosen place) is the view's choice. The tables and
//! charts are markup made by the core, so a thousand rows cost one string.

use super::{use_messages, VIEW_TITLE_ID};
use crate::domain::formats::exchange::Parsed;
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::builtin;
use crate::domain::region::cohort::{self, GroupAction, Selection, SortKey};
use crate::domain::storage::tab;
use crate::i18n::fill;
use crate::platform::browser;
use crate::state::Intent;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

mod charts;
mod landscape;
mod load;
mod publish;

use charts::{band, distribution, spread_table, standing_words, PlaceChoice};
use landscape::{sort_key, table_html};
use load::{Loader, Report};
use publish::Publish;
pub use publish::{PublishOne, PublishOneProps};

#[derive(Properties, PartialEq)]
pub struct RegionProps {
    /// The assessments saved on this device, which the user may add.
    pub saved: Vec<Rc<Assessment>>,
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

/// The element around the landscape table (focusable, so that a keyboard
/// can scroll it).
const LANDSCAPE_ID: &str = "landscape-wrap";

#[component]
pub fn RegionView(props: &RegionProps) -> Html {
    let m = use_messages();
    let selection = use_state(|| Selection::Latest);
    let sort = use_state(|| (SortKey::Place, false));
    let page_size = use_state(|| PAGE);
    let page = use_state_eq(|| 0usize);
    let chosen = use_state(String::new);
    // What this tab loaded before it left this page comes back.
    let model = use_reducer(|| {
        Model(cohort::Group {
            held: Rc::new(tab::restore(
                browser::kept_in_tab(tab::REGION_KEY).as_deref(),
                cohort::MAX_COHORT,
            )),
            report: None,
        })
    });
    let cohort = model.0.held.clone();
    // Whether the group is kept for the rest of the tab.
    let kept = use_state_eq(|| true);
    {
        let kept = kept.clone();
        use_effect_with(Group(cohort.clone()), move |g| {
            kept.set(browser::keep_in_tab(tab::REGION_KEY, &tab::snapshot(&g.0)));
        });
    }
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
    let (from, to) = cohort::page_rows(total, *page, *page_size);
    let table = use_memo(
        (group.clone(), rows.clone(), *sort, from, to, m.lang),
        |(g, rows, sort, from, to, _)| {
            table_html(m, rows[*from..*to].iter().map(|&i| &g.0[i]), *sort)
        },
    );
    let pager = {
        // At either end a button stays (marked unavailable, not disabled),
        // so that the focus on it is not lost; from the buttons under the
        // table, the new rows are read from their top.
        let (first, last) = (from == 0, to >= total);
        let turn = |delta: isize, to_top: bool| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| {
                if (delta < 0 && first) || (delta > 0 && last) {
                    return;
                }
                page.set(page.saturating_add_signed(delta));
                if to_top {
                    browser::focus(LANDSCAPE_ID);
                }
            })
        };
        let status = fill(
            m.region_rows_status(),
            &[
                ("from", &(from + 1).min(total).to_string()),
                ("to", &to.to_string()),
                ("total", &total.to_string()),
            ],
        );
        let button = |label: &'static str, delta: isize, to_top: bool, unavailable: bool| {
            html! {
                <button type="button" class="button subtle" aria-disabled={unavailable.then_some("true")}
                    onclick={turn(delta, to_top)}>{ label }</button>
            }
        };
        let on_size = {
            let page_size = page_size.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                page_size.set(v.parse().unwrap_or(usize::MAX));
            })
        };
        let top = html! {
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
                { button(m.region_prev(), -1, false, first) }
                <span role="status" class="pager-status">{ status.clone() }</span>
                { button(m.region_next(), 1, false, last) }
            </nav>
        };
        // The same turns under a long table, where its reader ends up.
        let end = (total > *page_size).then(|| {
            html! {
                <p class="pager pager-end">
                    { button(m.region_prev(), -1, true, first) }
                    <span class="pager-status">{ status }</span>
                    { button(m.region_next(), 1, true, last) }
                </p>
            }
        });
        (top, end)
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
            // Said when it changes: a group grown too large to keep.
            <div role="status">
                if *kept {
                    <p class="small">{ m.region_kept() }</p>
                } else {
                    <p class="notice" data-notice="not-kept">{ m.region_not_kept() }</p>
                }
            </div>
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
                    { pager.0 }
                    <div class="table-wrap" id={LANDSCAPE_ID} role="region" aria-labelledby="landscape-caption" tabindex="0" onclick={on_table_click}>
                        { Html::from_html_unchecked(AttrValue::from((*table).clone())) }
                    </div>
                    { pager.1.unwrap_or_default() }
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
