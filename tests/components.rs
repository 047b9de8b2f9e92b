//! Component tests in a real browser (headless Chromium via
//! wasm-bindgen-test-runner). Each mounts one component into the page and
//! checks the DOM it renders and the actions it sends.
#![cfg(target_arch = "wasm32")]

use budmm::domain::formats::share::{self, LinkError};
use budmm::domain::model::assessment::{Assessment, Details, Subject};
use budmm::domain::model::plan::{PlanItem, Status};
use budmm::domain::model::rubric::{builtin, Level};
use budmm::domain::storage::store::{MemoryReason, StorageStatus};
use budmm::state::{Intent, Update};
use budmm::ui::details_form::{DetailsForm, DetailsFormProps, FormMode};
use budmm::ui::level_picker::{LevelPicker, LevelPickerProps};
use budmm::ui::merge::MergeView;
use budmm::ui::notices::{Notices, NoticesProps};
use budmm::ui::plan::{PlanView, PlanViewProps};
use budmm::ui::pool::PoolViewProps;
use budmm::ui::radar_chart::{figure, Axis, OverlayChart, OverlayChartProps, Series};
use budmm::ui::results::{Results, ResultsProps};
use budmm::ui::share_panel::{SharePanel, SharePanelProps};
use budmm::ui::shared::{Shared, SharedProps};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn recorder<T: 'static>() -> (Rc<RefCell<Vec<T>>>, Callback<T>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let cb = {
        let seen = seen.clone();
        Callback::from(move |v| seen.borrow_mut().push(v))
    };
    (seen, cb)
}

fn assessment(levels: &[Option<u8>], targets: &[Option<u8>]) -> Assessment {
    let details = Details {
        subject: Subject::City,
        place: "Quito".into(),
        date: "2026-01-15".into(),
        assessor: String::new(),
    };
    let mut a = Assessment::new("t1".into(), &details, builtin(), 0).unwrap();
    for (i, c) in builtin().competencies.iter().enumerate() {
        let level = levels.get(i).copied().flatten().and_then(Level::new);
        let target = targets.get(i).copied().flatten().and_then(Level::new);
        a.edit_rating(&c.id, |r| {
            r.level = level;
            r.target = target;
        });
    }
    a
}

#[wasm_bindgen_test]
async fn level_picker_is_one_radio_group_of_five_quoting_the_rubric() {
    let (seen, on_select) = recorder();
    let competency = &builtin().competencies[2];
    let root = mount::<LevelPicker>(LevelPickerProps {
        competency,
        levels: builtin().levels.as_slice(),
        selected: None,
        on_select,
    })
    .await;
    let radios = all(&root, "fieldset input[type=radio]");
    assert_eq!(radios.len(), 5);
    let names: Vec<_> = radios
        .iter()
        .filter_map(|r| r.get_attribute("name"))
        .collect();
    assert!(names.iter().all(|n| n == "level-analytics"), "{names:?}");
    let labels = all(&root, ".level-card label");
    for (label, descriptor) in labels.iter().zip(&competency.descriptors) {
        assert_eq!(text(&one(label, ".descriptor")), descriptor.as_str());
    }
    assert!(text(&one(&root, "legend")).contains("Which description fits today?"));

    radios[2].unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(*seen.borrow(), vec![Level::new(3)]);
    assert!(
        all(&root, "button").is_empty(),
        "no clear button without a choice"
    );
}

#[wasm_bindgen_test]
async fn level_picker_can_clear_a_choice() {
    let (seen, on_select) = recorder();
    let root = mount::<LevelPicker>(LevelPickerProps {
        competency: &builtin().competencies[0],
        levels: builtin().levels.as_slice(),
        selected: Level::new(4),
        on_select,
    })
    .await;
    let checked = all(&root, "input[type=radio]")
        .iter()
        .position(|r| r.unchecked_ref::<web_sys::HtmlInputElement>().checked());
    assert_eq!(checked, Some(3));
    one(&root, "button").unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(*seen.borrow(), vec![None]);
}

#[wasm_bindgen_test]
async fn radar_leaves_missing_levels_out_and_marks_targets() {
    let axes: Vec<Axis> = builtin()
        .competencies
        .iter()
        .zip([Some(2), Some(3), None, Some(1), Some(2)])
        .zip([None, None, None, None, Some(4)])
        .map(|((c, l), t)| Axis {
            title: c.title.clone(),
            level: l.and_then(Level::new),
            target: t.and_then(Level::new),
        })
        .collect();
    // The results' chart is markup made once (`figure`), not a component.
    let root = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("div")
        .unwrap();
    root.set_inner_html(&figure(&budmm::i18n::EN, &axes));
    let svg = one(&root, "svg.wide");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let outline = one(&svg, "polygon.current")
        .get_attribute("points")
        .unwrap();
    assert_eq!(
        outline.split_whitespace().count(),
        4,
        "four rated, one left out"
    );
    assert_eq!(all(&svg, "circle.dot").len(), 4);
    assert_eq!(all(&svg, "rect.target-mark").len(), 1);
    let missing = all(&svg, ".labels text.missing");
    assert_eq!(missing.len(), 1);
    assert!(text(&missing[0]).contains("Not assessed"));
    let desc = text(&one(&svg, "desc"));
    assert!(desc.contains("Analytics: not assessed"), "{desc}");
    // The same chart for narrow screens: numbered axes, the same outline.
    let narrow = one(&root, "svg.narrow");
    assert_eq!(
        one(&narrow, "polygon.current")
            .get_attribute("points")
            .unwrap(),
        outline
    );
    assert_eq!(all(&root, ".radar-key li").len(), 5);
    assert!(
        desc.contains("Participation & Public Services: level 2, target level 4"),
        "{desc}"
    );
}

#[wasm_bindgen_test]
async fn results_mark_missing_competencies_and_name_the_lowest() {
    let root = mount::<Results>(ResultsProps {
        assessment: assessment(&[Some(3), Some(1), None, Some(4), Some(5)], &[]),
        shared: false,
        earlier: false,
        on_action: None,
        first_copy: None,
    })
    .await;
    let levels: Vec<String> = all(&root, "tbody td.level-cell").iter().map(text).collect();
    assert_eq!(
        levels,
        [
            "Level 3 · Intermediate",
            "Level 1 · Ad hoc",
            "Not assessed",
            "Level 4 · Advanced",
            "Level 5 · Optimizing"
        ]
    );
    let start = text(&one(&root, ".start-here"));
    assert!(
        start.contains("Lowest level: Cultivating Data Ecosystems (level 1 · Ad hoc)"),
        "{start}"
    );
    let rows = all(&root, "#levels-table tbody tr");
    assert!(text(&rows[4]).contains("This is the highest level."));
    // Each level in words first, before the chart and the table.
    let glance: Vec<String> = all(&root, "header dl.glance > div")
        .iter()
        .map(text)
        .collect();
    assert_eq!(glance.len(), 5);
    assert_eq!(glance[2], "AnalyticsNot assessed");
    assert!(text(&one(&root, ".notice.info")).contains("4 of 5 competencies are assessed"));
}

#[wasm_bindgen_test]
async fn results_say_which_levels_are_carried_over_and_lead_to_confirming_them() {
    let earlier = assessment(&[Some(3), Some(1), Some(2), Some(4), Some(5)], &[]);
    let date = budmm::domain::model::assessment::IsoDate::parse("2027-01-15").unwrap();
    let mut a = earlier.reassess("t2".into(), date, 1);
    a.edit_rating("analytics", |r| r.level = Level::new(3));
    a.edit_rating("analytics", |r| r.carried = false);
    let root = mount::<Results>(ResultsProps {
        assessment: a,
        shared: false,
        earlier: true,
        on_action: None,
        first_copy: None,
    })
    .await;
    let marked: Vec<bool> = all(&root, "tbody td.level-cell")
        .iter()
        .map(|td| {
            td.query_selector(".carried-record")
                .ok()
                .flatten()
                .is_some()
        })
        .collect();
    assert_eq!(marked, [true, true, false, true, true]);
    let notice = one(&root, "[data-notice=carried]");
    assert!(
        text(&notice).contains(
            "4 of 5 levels are carried over from the earlier assessment and not yet confirmed"
        ),
        "{}",
        text(&notice)
    );
    let link = one(&root, "[data-notice=carried] a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#/a/t2/open-data")
    );
}

#[wasm_bindgen_test]
async fn notices_explain_memory_only_mode() {
    let (_, on_action) = recorder::<Intent>();
    let (_, on_remove) = recorder::<usize>();
    let status = StorageStatus {
        memory_only: Some(MemoryReason::Unavailable),
        ..StorageStatus::default()
    };
    let root = mount::<Notices>(NoticesProps {
        status,
        flash: None,
        update: Update::None,
        forms_open: false,
        elsewhere: None,
        space_low: false,
        reminder: None,
        lang_unavailable: None,
        assessments: Vec::new(),
        descriptors_notice: false,
        saved: 0,
        on_action,
        on_remove,
    })
    .await;
    let notice = one(&root, "[data-notice=memory-only]");
    assert!(text(&notice).contains("does not let the app save here"));
    assert_eq!(
        one(&root, ".notices").get_attribute("role").as_deref(),
        Some("status")
    );
}

#[wasm_bindgen_test]
async fn details_form_refuses_an_empty_place_and_sends_nothing() {
    let (seen, on_action) = recorder::<Intent>();
    let root = mount::<DetailsForm>(DetailsFormProps {
        initial: Details {
            subject: Subject::City,
            place: String::new(),
            date: "2026-01-15".into(),
            assessor: String::new(),
        },
        mode: FormMode::New,
        on_action,
    })
    .await;
    one(&root, "button[type=submit]")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert!(seen.borrow().is_empty());
    assert!(text(&one(&root, "#form-errors")).contains("Enter the city or organisation."));
    assert_eq!(
        one(&root, "#f-place")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn share_panel_link_carries_the_assessment_and_has_a_qr_code() {
    let mut a = assessment(&[Some(2), Some(3), Some(1), None, Some(2)], &[Some(3)]);
    a.edit_rating("analytics", |r| r.notes = "Piloto <b>2025</b>".into());
    let root = mount::<SharePanel>(SharePanelProps {
        assessment: a.clone(),
    })
    .await;
    // Notes stay out of the link until the user asks for them.
    let link = one(&root, "#share-link")
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value();
    let (_, fragment) = link.split_once("#/shared/1/").expect("a share link");
    let back = share::decode("1", fragment, builtin()).unwrap();
    assert_eq!(back.rating("analytics").map(|r| r.notes.as_str()), Some(""));
    assert_eq!(back.level("analytics"), a.level("analytics"));
    assert!(one(&root, ".qr svg path")
        .get_attribute("d")
        .unwrap()
        .starts_with("M0,0h7"));

    one(&root, "input[type=checkbox]")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    let link = one(&root, "#share-link")
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value();
    let back = share::decode("1", link.split_once("#/shared/1/").unwrap().1, builtin()).unwrap();
    assert!(back.same_content(&a), "ticked: the notes travel too");
}

#[wasm_bindgen_test]
async fn the_reassess_form_makes_nothing_until_confirmed() {
    let (seen, on_action) = recorder::<Intent>();
    let initial = Details {
        subject: Subject::City,
        place: "Quito".into(),
        date: "2027-03-01".into(),
        assessor: String::new(),
    };
    let root = mount::<DetailsForm>(DetailsFormProps {
        initial: initial.clone(),
        mode: FormMode::Reassess {
            from: "a1".into(),
            title: "Quito".into(),
            date: "2026-03-01".into(),
        },
        on_action,
    })
    .await;
    assert!(text(&one(&root, "h1")).contains("New assessment of Quito"));
    assert!(text(&one(&root, ".notice")).contains("1 March 2026"));
    assert!(seen.borrow().is_empty(), "showing the form sends nothing");
    one(&root, "button[type=submit]")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    let sent = seen.borrow();
    assert!(
        matches!(sent.as_slice(), [Intent::Reassess { from, details }] if from == "a1" && *details == initial),
        "one intent, with the confirmed details"
    );
}

#[wasm_bindgen_test]
async fn shared_results_are_read_only_and_offer_a_copy() {
    let (seen, on_action) = recorder::<Intent>();
    let a = assessment(&[Some(2), None], &[]);
    let root = mount::<Shared>(SharedProps {
        decoded: Ok(a.clone()),
        same_id: None,
        similar: None,
        payload: "p".into(),
        on_action,
    })
    .await;
    assert!(text(&one(&root, ".shared-banner")).contains("read-only"));
    assert!(
        root.query_selector(".share").unwrap().is_none(),
        "no share panel"
    );
    assert!(!text(&root).contains("Continue the assessment"));
    one(&root, ".shared-banner button")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    let actions = seen.borrow().clone();
    match actions.as_slice() {
        [Intent::SaveCopy { assessment, .. }] => assert!(assessment.same_content(&a)),
        other => panic!("expected one SaveCopy, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_damaged_link_says_so_and_offers_nothing_to_save() {
    let (_, on_action) = recorder::<Intent>();
    let root = mount::<Shared>(SharedProps {
        decoded: Err(LinkError::Damaged),
        same_id: None,
        similar: None,
        payload: "p".into(),
        on_action,
    })
    .await;
    assert!(text(&root).contains("cut off or damaged"));
    assert!(text(&root).contains("Nothing on this device was changed."));
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn overlay_draws_each_series_with_its_own_shape_and_names_them() {
    let axes: Vec<Axis> = builtin()
        .competencies
        .iter()
        .map(|c| Axis {
            title: c.title.clone(),
            level: None,
            target: None,
        })
        .collect();
    let series = |label: &str, n: u8| Series {
        label: label.into(),
        levels: vec![Level::new(n); 5],
    };
    let overlay = vec![series("2025", 1), series("2026", 2), series("2027", 3)];
    let root = mount::<OverlayChart>(OverlayChartProps { axes, overlay }).await;
    // The full chart and the numbered one for narrow screens, alike.
    for chart in ["svg.wide", "svg.narrow"] {
        assert_eq!(all(&root, &format!("{chart} g.series")).len(), 3);
        assert_eq!(
            all(&root, &format!("{chart} g.series circle.mark.s0")).len(),
            5
        );
        // Diamonds and triangles; squares, the target's mark, come last.
        assert_eq!(
            all(&root, &format!("{chart} g.series polygon.mark.s1")).len(),
            5,
            "diamonds"
        );
        assert_eq!(
            all(&root, &format!("{chart} g.series polygon.mark.s2")).len(),
            5,
            "triangles"
        );
        assert_eq!(all(&root, &format!("{chart} g.series rect")).len(), 0);
    }
    assert_eq!(all(&root, ".radar-key li").len(), 5);
    let legend: Vec<String> = all(&root, ".legend li").iter().map(text).collect();
    assert_eq!(legend, ["2025", "2026", "2027"]);
    let desc = text(&one(&root, "desc"));
    assert!(desc.contains("2026: Open Data: level 2"), "{desc}");
}

#[wasm_bindgen_test]
async fn plan_lists_the_levels_between_and_refuses_an_empty_action() {
    let (seen, on_action) = recorder::<Intent>();
    let mut a = assessment(&[Some(1), Some(3)], &[Some(4), Some(3)]);
    a.plan.push(PlanItem {
        competency: "open-data".into(),
        what: "Publish the budget".into(),
        status: Status::Doing,
        ..Default::default()
    });
    let root = mount::<PlanView>(PlanViewProps {
        assessment: a,
        on_action,
    })
    .await;
    let gaps = all(&root, "section.gap");
    assert_eq!(gaps.len(), 1, "only open data has a target above its level");
    let steps: Vec<String> = all(&gaps[0], ".steps-to-target > li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(steps.len(), 3);
    assert_eq!(
        all(&gaps[0], ".steps-to-target > li .our-help").len(),
        3,
        "our help beside each quote"
    );
    assert!(steps[0].starts_with("Level 2"), "{}", steps[0]);
    assert!(text(&gaps[0]).contains("How cities move up"));
    assert!(text(&one(&gaps[0], ".action-list legend")).contains("Publish the budget"));
    one(&gaps[0], "form.add-action button[type=submit]")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert!(seen.borrow().is_empty(), "nothing sent without a what");
    assert!(
        text(&one(&gaps[0], "form.add-action [role=alert]")).contains("Write what will be done.")
    );
}

#[wasm_bindgen_test]
async fn merge_flags_respondents_two_levels_apart() {
    let (_, on_action) = recorder::<Intent>();
    let respondent = |id: &str, who: &str, level: u8| {
        let mut a = assessment(&[Some(level), Some(2)], &[]);
        a.id = id.into();
        a.assessor = who.into();
        a
    };
    let saved = vec![
        respondent("r1", "Planning", 1),
        respondent("r2", "Transport", 3),
        respondent("r3", "Finance", 2),
    ];
    let root = mount::<MergeView>(PoolViewProps {
        saved: saved.into_iter().map(Rc::new).collect(),
        opened: vec![],
        on_action,
    })
    .await;
    for input in all(&root, ".picker input[type=checkbox]") {
        input.unchecked_ref::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }
    let rows = all(&root, ".merge-table tbody tr");
    assert_eq!(rows.len(), 5);
    assert!(rows[0].class_list().contains("disagree"));
    assert!(text(&rows[0]).contains("1 / 2 / 3"), "{}", text(&rows[0]));
    assert!(!rows[1].class_list().contains("disagree"));
    let select = one(&rows[0], "select").unchecked_into::<web_sys::HtmlSelectElement>();
    assert_eq!(select.selected_index(), 2, "starts at the median, level 2");
}

#[wasm_bindgen_test]
async fn guided_mode_asks_level_by_level_and_names_what_held_back() {
    use budmm::domain::model::guided::Guided;
    use budmm::ui::guided::{GuidedProps, GuidedQuestions};
    let (seen, on_action) = recorder::<Intent>();
    let guided = Guided {
        answers: vec!["yy".into(), "yn".into()],
        suggested: Level::new(1),
        accepted: false,
    };
    let root = mount::<GuidedQuestions>(GuidedProps {
        id: "t1".into(),
        competency: "open-data".into(),
        guided: Some(guided),
        level: Level::new(3),
        on_action,
    })
    .await;
    // Levels 1 and 2 are asked; level 3 waits until level 2 holds.
    assert_eq!(all(&root, ".guided-level:not([hidden])").len(), 2);
    assert_eq!(
        all(&root, ".guided-level:not([hidden]) input[type=radio]").len(),
        8,
        "yes and no per question"
    );
    let suggestion = text(&one(&root, ".suggestion"));
    assert!(
        suggestion.contains("Suggested level: 1 · Ad hoc."),
        "{suggestion}"
    );
    assert!(
        suggestion
            .contains("Held back by: “Do several departments publish data sets on that portal?”"),
        "{suggestion}"
    );
    assert!(
        suggestion.contains("You chose level 3 instead of the suggested level 1."),
        "{suggestion}"
    );
    one(&root, ".suggestion button")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert!(
        matches!(seen.borrow().as_slice(), [Intent::SetLevel { level, .. }] if *level == Level::new(1))
    );
}

#[wasm_bindgen_test]
async fn notices_say_what_another_tab_did_and_remind_of_a_copy() {
    use budmm::domain::storage::backup::Reminder;
    use budmm::state::Elsewhere;
    let (seen, on_action) = recorder::<Intent>();
    let (_, on_remove) = recorder::<usize>();
    let root = mount::<Notices>(NoticesProps {
        status: StorageStatus::default(),
        flash: None,
        update: Update::Ready,
        forms_open: true,
        elsewhere: Some(Elsewhere::Deleted {
            title: "Quito".into(),
            gone: Box::new(budmm::domain::storage::record::Entry::new(
                budmm::domain::model::samples::reference(false),
                1,
            )),
            dismissed: false,
        }),
        space_low: false,
        reminder: Some(Reminder::NeverCopied),
        lang_unavailable: None,
        assessments: vec![Rc::new(budmm::domain::model::samples::reference(false))],
        descriptors_notice: false,
        saved: 0,
        on_action,
        on_remove,
    })
    .await;
    assert!(text(&one(&root, "[data-notice=elsewhere]"))
        .contains("“Quito” was deleted in another tab or window."));
    assert!(text(&one(&root, "[data-notice=update]")).contains("A form is still open"));
    let reminder = one(&root, "[data-notice=backup-reminder]");
    assert!(text(&reminder).contains("no copy has been downloaded yet"));
    let buttons = all(&reminder, "button");
    assert_eq!(
        buttons.iter().map(text).collect::<Vec<_>>(),
        ["Download all as JSON", "Not now"]
    );
    buttons[1].dyn_ref::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert!(matches!(
        seen.borrow().as_slice(),
        [Intent::DismissBackupReminder]
    ));
}

#[wasm_bindgen_test]
async fn the_backup_line_says_never_then_the_date_and_what_the_browser_may_do() {
    use budmm::domain::storage::backup::{Backup, Keeping};
    use budmm::ui::home::{Home, HomeProps};
    let (_, on_action) = recorder::<Intent>();
    let root = mount::<Home>(HomeProps {
        flash: None,
        assessments: vec![Rc::new(budmm::domain::model::samples::reference(false))],
        backup: Backup::default(),
        keeping: Keeping::Usual,
        on_action: on_action.clone(),
    })
    .await;
    assert!(
        root.query_selector("[data-keeping]")
            .ok()
            .flatten()
            .is_none(),
        "nothing to say of a usual browser"
    );
    // Complete and never copied: asked for a copy at once.
    let ask = one(&root, "[data-backup]");
    assert_eq!(ask.get_attribute("data-backup").as_deref(), Some("never"));
    assert!(text(&ask).starts_with("Keep a copy of your assessment"));
    let mut put_away = Backup::default();
    put_away.dismissed(1);
    let root = mount::<Home>(HomeProps {
        flash: None,
        assessments: vec![Rc::new(budmm::domain::model::samples::reference(false))],
        backup: put_away,
        keeping: Keeping::SevenDays,
        on_action: on_action.clone(),
    })
    .await;
    // Safari is told what it does to the data.
    let safari = one(&root, "[data-keeping]");
    assert_eq!(
        safari.get_attribute("data-keeping").as_deref(),
        Some("seven-days")
    );
    assert!(text(&safari).starts_with(
        "Safari, and every browser on an iPhone or iPad, may delete your assessments"
    ));
    let line = one(&root, "[data-backup]");
    assert_eq!(line.get_attribute("data-backup").as_deref(), Some("never"));
    assert!(text(&line).starts_with("Last full copy downloaded on this device: never."));
    let mut backup = Backup::default();
    // Noon UTC: the same date in every time zone of the Americas.
    backup.copied(1_804_248_000_000);
    let root = mount::<Home>(HomeProps {
        flash: None,
        assessments: vec![Rc::new(budmm::domain::model::samples::reference(false))],
        backup,
        keeping: Keeping::Refused,
        on_action,
    })
    .await;
    assert!(text(&one(&root, "[data-keeping=refused]"))
        .starts_with("This browser has not promised to keep your assessments"));
    let line = one(&root, "[data-backup]");
    assert_eq!(
        line.get_attribute("data-backup").as_deref(),
        Some("2027-03-05")
    );
    assert!(text(&line).contains("5 March 2027"));
}

#[wasm_bindgen_test]
async fn a_card_of_home_renames_and_deletes_through_intents() {
    use budmm::domain::storage::backup::Backup;
    use budmm::ui::home::{Home, HomeProps};
    let a = budmm::domain::model::samples::reference(false);
    let id = a.id.clone();
    let (sent, on_action) = recorder::<Intent>();
    let root = mount::<Home>(HomeProps {
        flash: None,
        assessments: vec![Rc::new(a)],
        backup: Backup::default(),
        keeping: Default::default(),
        on_action,
    })
    .await;
    let button = |name: &str| {
        all(&root, ".card button")
            .into_iter()
            .find(|b| text(b) == name)
            .unwrap_or_else(|| panic!("a {name} button"))
    };
    button("Rename").unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    let input = one(&root, ".card form.rename input");
    input
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value("Natal RN");
    button("Save name").unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert!(
        sent.borrow().iter().any(
            |i| matches!(i, Intent::Rename { id: at, name } if *at == id && name == "Natal RN")
        ),
        "renamed"
    );
    assert!(
        all(&root, ".card form.rename").is_empty(),
        "the form closes"
    );
    button("Delete").unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert!(matches!(sent.borrow().last(), Some(Intent::Delete { id: at }) if *at == id));
}

#[wasm_bindgen_test]
async fn the_regional_view_takes_the_saved_assessments_sorts_and_saves_on_request() {
    use budmm::ui::region::{RegionProps, RegionView};
    let mut quito = assessment(&[Some(1), Some(2), Some(3), Some(4), Some(5)], &[]);
    quito.id = "q".into();
    let mut lima = assessment(&[Some(4), Some(2), None, Some(1), Some(1)], &[]);
    lima.id = "l".into();
    lima.place = "Lima".into();
    let (sent, on_action) = recorder::<Intent>();
    let root = mount::<RegionView>(RegionProps {
        saved: vec![Rc::new(quito), Rc::new(lima)],
        on_action,
    })
    .await;
    assert_eq!(text(&one(&root, ".region-status")), "");
    let add = all(&root, "button")
        .into_iter()
        .find(|b| text(b) == "Add the 2 assessments saved on this device")
        .expect("the button that adds the saved assessments");
    add.unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(
        text(&one(&root, ".region-status")),
        "Loaded: 2 assessments, 2 places."
    );
    let places = || -> Vec<String> { all(&root, "#landscape tbody th").iter().map(text).collect() };
    assert_eq!(places(), ["Lima", "Quito"]);
    // The table is markup made at once; its sort buttons are heard around it.
    one(&root, "#sort-c0")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(
        one(&root, "#sort-c0")
            .parent_element()
            .and_then(|th| th.get_attribute("aria-sort"))
            .as_deref(),
        Some("descending")
    );
    assert_eq!(places(), ["Lima", "Quito"], "open data 4 before 1");
    one(&root, "#sort-c0")
        .unchecked_ref::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(places(), ["Quito", "Lima"]);
    // Nothing is saved until asked; then it is an import of both.
    assert!(sent.borrow().is_empty());
    let save = all(&root, "button")
        .into_iter()
        .find(|b| text(b) == "Save these 2 on this device")
        .expect("the save button");
    save.unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
    let sent = sent.borrow();
    match sent.as_slice() {
        [Intent::Import { parsed }] => assert_eq!(parsed.assessments.len(), 2),
        other => panic!("expected one import, got {other:?}"),
    };
}

/// Every route is shown by the entry points of the page `Route::page` names
/// for it, and by no other, which hands it over; so a page never hands a
/// route to itself (and reloads for ever) nor shows another page's view.
#[wasm_bindgen_test]
fn every_route_is_shown_by_the_page_that_carries_it_and_no_other() {
    use budmm::domain::route::{GuidePage, Page, Route};
    use budmm::domain::storage::store::Store;
    use budmm::state::AppState;
    use budmm::ui::views::{AllViews, CoreViews, PlanningViews, RegionViews, ReportViews, Views};
    let id = || "a1".to_string();
    let link = |version: &str| (version.to_string(), "x".to_string());
    let routes = vec![
        Route::Home,
        Route::New,
        Route::About,
        Route::Details { id: id() },
        Route::Reassess { id: id() },
        Route::Step {
            id: id(),
            competency: "open-data".into(),
        },
        Route::Results { id: id() },
        Route::Plan { id: id() },
        Route::Publish { id: id() },
        Route::Progress { id: id() },
        Route::Compare,
        Route::Merge,
        Route::Region,
        Route::Guide(GuidePage::Process),
        Route::Shared {
            version: link("1").0,
            payload: link("1").1,
        },
        Route::Keep {
            version: link("1").0,
            payload: link("1").1,
        },
        Route::Embed {
            version: link("1").0,
            payload: link("1").1,
        },
        Route::RegionCard {
            version: link("1").0,
            payload: link("1").1,
        },
        Route::NotFound,
    ];
    // A new route must be added above: this match stops compiling.
    for r in &routes {
        match r {
            Route::Home
            | Route::New
            | Route::About
            | Route::Details { .. }
            | Route::Reassess { .. }
            | Route::Step { .. }
            | Route::Results { .. }
            | Route::Plan { .. }
            | Route::Publish { .. }
            | Route::Progress { .. }
            | Route::Compare
            | Route::Merge
            | Route::Region
            | Route::Guide(_)
            | Route::Shared { .. }
            | Route::Keep { .. }
            | Route::Embed { .. }
            | Route::RegionCard { .. }
            | Route::NotFound => {}
        }
    }
    fn shows<V: Views>(route: &Route) -> bool {
        let state = AppState::new(route.clone(), Store::default(), StorageStatus::default());
        V::view(&state, &Callback::noop()).is_some()
    }
    for route in &routes {
        let page = route.page();
        for (name, pages, shown) in [
            ("CoreViews", CoreViews::PAGES, shows::<CoreViews>(route)),
            (
                "ReportViews",
                ReportViews::PAGES,
                shows::<ReportViews>(route),
            ),
            (
                "PlanningViews",
                PlanningViews::PAGES,
                shows::<PlanningViews>(route),
            ),
            (
                "RegionViews",
                RegionViews::PAGES,
                shows::<RegionViews>(route),
            ),
        ] {
            assert_eq!(
                shown,
                pages.contains(&page),
                "{name} and {route:?} (page {page:?})"
            );
        }
        // The offline edition carries every page, and shows every route.
        assert!(
            AllViews::PAGES.contains(&page) && shows::<AllViews>(route),
            "{route:?}"
        );
        // The pages with no Yew app of their own are these two readers.
        if !matches!(
            page,
            Page::App | Page::Report | Page::Planning | Page::Region
        ) {
            assert!(matches!(page, Page::Reader | Page::Card | Page::RegionCard));
        }
    }
}
