use super::*;
use crate::domain::model::assessment::Subject;
use crate::domain::model::plan::Status;
use crate::domain::model::scoring::Profile;

fn details(place: &str) -> Details {
    Details {
        subject: Subject::City,
        place: place.into(),
        date: "2026-11-27".into(),
        assessor: "".into(),
    }
}

fn stamp(now_ms: u64, ids: &[&str]) -> Stamp {
    Stamp {
        now_ms,
        today: "2027-11-27".into(),
        // Taken from the end.
        fresh: ids.iter().rev().map(|s| s.to_string()).collect(),
    }
}

fn act(s: &mut AppState, intent: Intent, now_ms: u64, ids: &[&str]) {
    s.apply(Action::Do(intent, stamp(now_ms, ids)));
}

fn with_one() -> AppState {
    let mut s = AppState::new(Route::New, Store::default(), StorageStatus::default());
    act(
        &mut s,
        Intent::Create {
            details: details("Quito"),
        },
        10,
        &["a1"],
    );
    s
}

#[test]
fn the_date_a_new_form_proposes_is_the_last_intents_day() {
    let mut s = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    s.today = "2027-11-26".into();
    act(&mut s, Intent::Navigate(Route::New), 10, &[]);
    assert_eq!(
        s.today, "2027-11-27",
        "past midnight, the next intent says so"
    );
}

fn level(id: &str, c: &str, l: u8) -> Intent {
    Intent::SetLevel {
        id: id.into(),
        competency: c.into(),
        level: Level::new(l),
    }
}

#[test]
fn create_adds_and_opens_the_first_competency() {
    let s = with_one();
    assert_eq!(s.store.len(), 1);
    assert_eq!(s.revision, 1);
    assert_eq!(
        s.pending,
        [Pending {
            id: "a1".into(),
            seq: 1,
            deleted_ms: None,
            restore: false,
        }]
    );
    assert_eq!(
        s.route,
        Route::Step {
            id: "a1".into(),
            competency: "open-data".into()
        }
    );
}

#[test]
fn create_with_bad_details_changes_nothing() {
    let mut s = AppState::new(Route::New, Store::default(), StorageStatus::default());
    act(
        &mut s,
        Intent::Create {
            details: details("  "),
        },
        10,
        &["a1"],
    );
    assert!(s.store.is_empty());
    assert_eq!((s.revision, s.route), (0, Route::New));
}

#[test]
fn create_never_replaces_an_existing_assessment() {
    let mut s = with_one();
    act(
        &mut s,
        Intent::Create {
            details: details("Lima"),
        },
        11,
        &["a1"],
    );
    assert_eq!(s.store.len(), 1);
    assert_eq!(s.store.get("a1").unwrap().place, "Quito");
}

#[test]
fn an_intent_without_its_fresh_id_changes_nothing() {
    let mut s = with_one();
    let before = s.clone();
    act(
        &mut s,
        Intent::Create {
            details: details("Lima"),
        },
        11,
        &[],
    );
    assert_eq!(s, before);
}

#[test]
fn edits_bump_revision_and_timestamp_only_when_something_changes() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 3), 20, &[]);
    assert_eq!(s.revision, 2);
    assert_eq!(s.store.get("a1").unwrap().updated_ms, 20);
    act(&mut s, level("a1", "analytics", 3), 21, &[]);
    assert_eq!(s.revision, 2, "same value again is not a change");
    act(
        &mut s,
        Intent::SetNotes {
            id: "a1".into(),
            competency: "analytics".into(),
            notes: "evidence".into(),
        },
        30,
        &[],
    );
    act(
        &mut s,
        Intent::SetTarget {
            id: "a1".into(),
            competency: "analytics".into(),
            target: Level::new(5),
        },
        40,
        &[],
    );
    let r = s
        .store
        .get("a1")
        .unwrap()
        .rating("analytics")
        .unwrap()
        .clone();
    assert_eq!(
        (r.level, r.target, r.notes.as_str()),
        (Level::new(3), Level::new(5), "evidence")
    );
    assert_eq!(s.revision, 4);
    assert_eq!(s.pending.len(), 1, "one assessment waits, once");
    assert_eq!(s.pending[0].seq, 4);
    let clock = s.store.entry("a1").unwrap().clock;
    assert_eq!(
        (
            clock.get("level/analytics"),
            clock.get("notes/analytics"),
            clock.get("place")
        ),
        (20, 30, 10)
    );
}

#[test]
fn edits_to_unknown_ids_are_ignored() {
    let mut s = with_one();
    let before = s.clone();
    act(&mut s, level("zz", "analytics", 1), 5, &[]);
    assert_eq!(s, before);
}

#[test]
fn delete_removes_leaves_its_view_and_waits_to_write_a_deletion() {
    let mut s = with_one();
    act(&mut s, Intent::Delete { id: "a1".into() }, 50, &[]);
    assert!(s.store.is_empty());
    assert_eq!(s.route, Route::Home);
    assert_eq!(s.revision, 2);
    assert_eq!(s.pending[0].deleted_ms, Some(50));
}

#[test]
fn undo_brings_a_deleted_assessment_back_once_and_later_than_the_deletion() {
    let mut s = with_one();
    let before = s.store.get("a1").unwrap().clone();
    act(&mut s, Intent::Delete { id: "a1".into() }, 50, &[]);
    assert!(matches!(s.flash, Some(Flash::Deleted(_))));
    act(&mut s, Intent::UndoDelete, 50, &[]);
    assert_eq!(s.store.get("a1"), Some(&before));
    assert!(s.store.entry("a1").unwrap().clock.latest() > 50);
    assert_eq!((s.flash.clone(), s.revision), (None, 3));
    assert_eq!(s.pending[0].deleted_ms, None);
    act(&mut s, Intent::UndoDelete, 60, &[]);
    assert_eq!(s.store.len(), 1, "nothing left to undo");
}

#[test]
fn reassess_copies_answers_and_open_actions_under_the_confirmed_date() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 11, &[]);
    for (what, status) in [("open", Status::Todo), ("finished", Status::Done)] {
        act(
            &mut s,
            Intent::AddPlanItem {
                id: "a1".into(),
                item: PlanItem {
                    competency: "analytics".into(),
                    what: what.into(),
                    status,
                    ..Default::default()
                },
            },
            12,
            &[what],
        );
    }
    let before = s.store.len();
    let mut details = s.store.get("a1").unwrap().details();
    details.date = "2027-11-27".into();
    let bad = Details {
        date: "2027-13-40".into(),
        ..details.clone()
    };
    act(
        &mut s,
        Intent::Reassess {
            from: "a1".into(),
            details: bad,
        },
        40,
        &["a9"],
    );
    assert_eq!(s.store.len(), before, "an invalid date makes nothing");
    act(
        &mut s,
        Intent::Reassess {
            from: "a1".into(),
            details,
        },
        50,
        &["a2"],
    );
    let b = s.store.get("a2").unwrap();
    assert_eq!((b.place.as_str(), b.date.as_str()), ("Quito", "2027-11-27"));
    assert_eq!(b.level("analytics"), Level::new(2));
    assert_eq!(b.plan.len(), 1);
    assert_eq!(
        (b.plan[0].id.as_str(), b.plan[0].what.as_str()),
        ("open", "open")
    );
    assert_eq!(
        s.route,
        Route::Step {
            id: "a2".into(),
            competency: "open-data".into()
        }
    );
    assert_eq!(
        s.store.get("a1").unwrap().plan.len(),
        2,
        "the earlier one is kept"
    );
}

#[test]
fn a_reassessment_carries_each_level_until_it_is_confirmed_or_changed() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 11, &[]);
    act(&mut s, level("a1", "open-data", 3), 12, &[]);
    let mut details = s.store.get("a1").unwrap().details();
    details.date = "2027-11-27".into();
    act(
        &mut s,
        Intent::Reassess {
            from: "a1".into(),
            details,
        },
        20,
        &["a2"],
    );
    let profile = |s: &AppState| {
        let p = Profile::of(builtin(), s.store.get("a2").unwrap());
        (p.done(), p.carried())
    };
    assert_eq!(profile(&s), (2, 2), "rated, none confirmed");
    assert_eq!(
        Profile::of(builtin(), s.store.get("a1").unwrap()).carried(),
        0,
        "the earlier one is as it was"
    );
    let confirm = |c: &str| Intent::ConfirmLevel {
        id: "a2".into(),
        competency: c.into(),
    };
    act(&mut s, confirm("analytics"), 30, &[]);
    assert_eq!(profile(&s), (2, 1));
    assert_eq!(s.store.get("a2").unwrap().level("analytics"), Level::new(2));
    let revision = s.revision;
    act(&mut s, confirm("analytics"), 31, &[]);
    assert_eq!(s.revision, revision, "confirming twice changes nothing");
    act(&mut s, level("a2", "open-data", 4), 32, &[]);
    assert_eq!(profile(&s), (2, 0), "a changed level is this year's");
}

#[test]
fn rename_changes_the_city_or_initiative_name() {
    let mut s = with_one();
    let rename = |name: &str| Intent::Rename {
        id: "a1".into(),
        name: name.into(),
    };
    act(&mut s, rename(" Quito DM "), 20, &[]);
    assert_eq!(s.store.get("a1").unwrap().place, "Quito DM");
    let before = s.clone();
    act(&mut s, rename(" "), 21, &[]);
    assert_eq!(s, before, "an empty name is refused");
}

#[test]
fn plan_items_are_checked_edited_and_removed_by_id() {
    let mut s = with_one();
    let item = |what: &str| PlanItem {
        competency: "open-data".into(),
        what: what.into(),
        ..Default::default()
    };
    let add = |what: &str| Intent::AddPlanItem {
        id: "a1".into(),
        item: item(what),
    };
    act(&mut s, add(" "), 1, &["p0"]);
    assert!(s.store.get("a1").unwrap().plan.is_empty());
    act(&mut s, add(" Publish budgets "), 2, &["p1"]);
    act(&mut s, add("Open the bus feed"), 2, &["p2"]);
    let edit = |item: &str, edit| Intent::EditPlanItem {
        id: "a1".into(),
        item: item.into(),
        edit,
    };
    // Two edits in a row both land: each applies to the current item.
    act(&mut s, edit("p1", PlanEdit::Status(Status::Done)), 3, &[]);
    act(
        &mut s,
        edit("p1", PlanEdit::Owner(" Finance ".into())),
        3,
        &[],
    );
    act(&mut s, edit("p1", PlanEdit::What("  ".into())), 3, &[]);
    let mut done = item("Publish budgets");
    done.id = "p1".into();
    done.status = Status::Done;
    done.owner = "Finance".into();
    assert_eq!(
        s.store.get("a1").unwrap().plan[0],
        done,
        "an empty what is refused"
    );
    let remove = |item: &str| Intent::RemovePlanItem {
        id: "a1".into(),
        item: item.into(),
    };
    act(&mut s, remove("p9"), 4, &[]);
    assert_eq!(s.store.get("a1").unwrap().plan.len(), 2);
    act(&mut s, remove("p1"), 4, &[]);
    let left: Vec<&str> = s
        .store
        .get("a1")
        .unwrap()
        .plan
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(left, ["p2"], "the other action keeps its place and id");
}

#[test]
fn opened_assessments_are_held_apart_and_never_saved() {
    let mut s = with_one();
    let own = s.store.get("a1").unwrap().clone();
    act(
        &mut s,
        Intent::Open {
            assessments: vec![own, shared_copy(), shared_copy()],
        },
        5,
        &["o1", "o2", "o3"],
    );
    let ids: Vec<&str> = s.opened.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["o2"], "saved ones and duplicates are not held twice");
    assert_eq!(s.revision, 1);
    assert_eq!(s.any("o2").map(|a| a.place.as_str()), Some("Recife"));
    act(&mut s, Intent::Close { id: "o2".into() }, 6, &[]);
    assert!(s.opened.is_empty());
}

#[test]
fn guided_answers_suggest_and_record_acceptance() {
    let mut s = with_one();
    let answer = |level: u8, question: usize, answer: Answer| Intent::Answer {
        id: "a1".into(),
        competency: "analytics".into(),
        counts: vec![2, 2, 2, 2, 2],
        level: Level::new(level).unwrap(),
        question,
        answer,
    };
    for (l, q, a) in [
        (1, 0, Answer::Yes),
        (1, 1, Answer::Yes),
        (2, 0, Answer::Yes),
        (2, 1, Answer::No),
    ] {
        act(&mut s, answer(l, q, a), 30, &[]);
    }
    let g = |s: &AppState| {
        s.store
            .get("a1")
            .unwrap()
            .rating("analytics")
            .unwrap()
            .guided
            .clone()
            .unwrap()
    };
    assert_eq!((g(&s).suggested, g(&s).accepted), (Level::new(1), false));
    act(&mut s, level("a1", "analytics", 1), 31, &[]);
    assert!(g(&s).accepted, "accepted the suggestion");
    act(&mut s, level("a1", "analytics", 3), 32, &[]);
    assert!(!g(&s).accepted, "overridden");
    assert_eq!(g(&s).answers, ["yy", "yn"]);
}

#[test]
fn language_switches_only_to_a_catalog_we_have() {
    let mut s = with_one();
    act(&mut s, Intent::SetLanguage("pt-BR".into()), 1, &[]);
    assert_eq!(s.lang, "pt");
    act(&mut s, Intent::SetLanguage("<script>".into()), 1, &[]);
    assert_eq!(s.lang, "pt");
    assert_eq!(s.revision, 1, "a language is not a change to assessments");
}

#[test]
fn agreed_assessment_is_saved_under_a_fresh_id_and_opened() {
    let mut s = with_one();
    let mut agreed = shared_copy();
    agreed.respondents = Some(3);
    act(
        &mut s,
        Intent::SaveAgreed { assessment: agreed },
        40,
        &["m1"],
    );
    assert_eq!(s.route, Route::Results { id: "m1".into() });
    assert_eq!(s.flash, Some(Flash::SavedAgreed { respondents: 3 }));
    assert_eq!(s.store.get("m1").unwrap().respondents, Some(3));
}

fn shared_copy() -> Assessment {
    let mut a = with_one().store.get("a1").unwrap().clone();
    a.id = String::new();
    a.place = "Recife".into();
    a.edit_rating("analytics", |r| r.level = Level::new(4));
    a
}

#[test]
fn saving_a_shared_copy_adds_it_under_a_new_id_and_opens_it() {
    let mut s = with_one();
    act(
        &mut s,
        Intent::SaveCopy {
            assessment: shared_copy(),
        },
        99,
        &["n1"],
    );
    assert_eq!(s.store.len(), 2);
    assert_eq!(s.store.get("n1").unwrap().created_ms, 99);
    assert_eq!(s.route, Route::Results { id: "n1".into() });
    assert_eq!(s.flash, Some(Flash::SavedCopy));
    // Our own hash sync echoes the route back: the message stays.
    act(
        &mut s,
        Intent::Navigate(Route::Results { id: "n1".into() }),
        1,
        &[],
    );
    assert_eq!(s.flash, Some(Flash::SavedCopy));
    act(&mut s, Intent::Navigate(Route::Home), 1, &[]);
    assert_eq!(s.flash, None);
}

#[test]
fn saving_the_same_shared_copy_twice_opens_the_first() {
    let mut s = with_one();
    for id in ["n1", "n2"] {
        act(
            &mut s,
            Intent::SaveCopy {
                assessment: shared_copy(),
            },
            99,
            &[id],
        );
    }
    assert_eq!(s.store.len(), 2);
    assert_eq!(s.route, Route::Results { id: "n1".into() });
    assert_eq!(s.flash, Some(Flash::AlreadySaved));
}

#[test]
fn import_adds_new_ones_renames_clashing_ids_skips_copies_and_keeps_the_newer_version() {
    let mut s = with_one();
    let existing = s.store.get("a1").unwrap().clone();
    let mut clash = shared_copy();
    clash.id = "a1".into();
    clash.created_ms = 77;
    let mut fresh = shared_copy();
    fresh.id = "b7".into();
    fresh.place = "Natal".into();
    let mut older = existing.clone();
    older.edit_rating("analytics", |r| r.level = Level::new(1));
    older.updated_ms = 5;
    act(
        &mut s,
        Intent::Import {
            parsed: Parsed {
                assessments: vec![existing.clone(), clash, fresh, older],
                damaged: 2,
                other_rubric: 1,
                shortened: 1,
            },
        },
        500,
        &["x1", "x2", "x3", "x4"],
    );
    let mut ids: Vec<&str> = s
        .store
        .assessments()
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["a1", "b7", "x2"]);
    assert_eq!(
        s.store.get("a1").unwrap(),
        &existing,
        "the newer one here is kept"
    );
    assert_eq!(
        s.flash,
        Some(Flash::Imported(ImportReport {
            added: 2,
            already_here: 1,
            newer_here: 1,
            updated: 0,
            damaged: 2,
            other_rubric: 1,
            shortened: 1,
            unsaved: 2,
            ids: vec!["x2".into(), "b7".into()],
        }))
    );
    assert_eq!(s.revision, 3);

    // A later version from the file replaces this device's older one.
    let mut newer = existing.clone();
    newer.edit_rating("open-data", |r| r.level = Level::new(5));
    newer.updated_ms = 10_000;
    act(
        &mut s,
        Intent::Import {
            parsed: Parsed {
                assessments: vec![newer],
                damaged: 0,
                other_rubric: 0,
                shortened: 0,
            },
        },
        20_000,
        &["y1"],
    );
    assert_eq!(s.store.get("a1").unwrap().level("open-data"), Level::new(5));
    assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.updated == 1 && r.added == 0));
}

/// Issue 25: after restoring a full copy, Home said "never copied".
#[test]
fn a_full_copy_restored_counts_as_a_copy_only_when_it_holds_everything_here() {
    let mut s = with_one();
    let here = s.store.get("a1").unwrap().clone();
    let mut other = shared_copy();
    other.id = "b7".into();
    other.place = "Natal".into();
    let parsed = |list: Vec<Assessment>| Parsed {
        assessments: list,
        damaged: 0,
        other_rubric: 0,
        shortened: 0,
    };
    // A file of another city only: what is here is not in it.
    act(
        &mut s,
        Intent::Import {
            parsed: parsed(vec![other.clone()]),
        },
        500,
        &["x1"],
    );
    assert_eq!(s.backup.restored_ms, None);
    // A full copy of both: the user now holds everything here.
    act(
        &mut s,
        Intent::Import {
            parsed: parsed(vec![here, other]),
        },
        600,
        &["y1", "y2"],
    );
    assert_eq!(s.backup.restored_ms, Some(600));
    assert!(s.backup.latest_is_restored());
    assert_eq!(
        s.backup.reminder(
            600 + 2 * crate::domain::storage::backup::DAY_MS,
            true,
            true,
            Keeping::Usual
        ),
        None
    );
}

/// The regional view's ids once collided across visits, and import took
/// "same id, same place" for one assessment: a later one overwrote, or
/// never replaced, another.
#[test]
fn import_takes_an_id_for_the_same_assessment_only_with_its_creation() {
    let mut s = with_one();
    let mut other_year = s.store.get("a1").unwrap().clone();
    other_year.created_ms = 5_000;
    other_year.updated_ms = 5_000;
    other_year.date = crate::domain::date::IsoDate::parse("2027-01-01").unwrap();
    let mut unknown_creation = other_year.clone();
    unknown_creation.created_ms = 0;
    unknown_creation.date = crate::domain::date::IsoDate::parse("2028-01-01").unwrap();
    act(
        &mut s,
        Intent::Import {
            parsed: Parsed {
                assessments: vec![other_year, unknown_creation],
                ..Parsed::default()
            },
        },
        9_000,
        &["n1", "n2"],
    );
    assert_eq!(
        s.store.len(),
        3,
        "both kept beside the first, under new ids"
    );
    assert!(
        matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 2 && r.newer_here == 0 && r.updated == 0)
    );
    assert!(s.pending.iter().filter(|p| p.id != "a1").all(|p| p.restore));
}

#[test]
fn an_import_counts_what_storage_took_and_what_only_this_tab_holds() {
    let mut s = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    let list: Vec<Assessment> = ["p1", "p2", "p3"]
        .iter()
        .map(|id| {
            let mut a = shared_copy();
            a.id = id.to_string();
            a.place = id.to_string();
            a
        })
        .collect();
    act(
        &mut s,
        Intent::Import {
            parsed: Parsed {
                assessments: list,
                ..Parsed::default()
            },
        },
        100,
        &["f1", "f2", "f3"],
    );
    assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 3 && r.unsaved == 3));
    let seq = |id: &str| s.pending.iter().find(|p| p.id == id).unwrap().seq;
    // Storage took one, then was full.
    let report = SyncReport {
        written: vec![("p1".into(), seq("p1"))],
        outcome: Some(WriteOutcome::Full),
        ..SyncReport::default()
    };
    s.apply(Action::Synced(report));
    assert!(matches!(&s.flash, Some(Flash::Imported(r)) if r.added == 3 && r.unsaved == 2));
    assert_eq!(s.held_only_here(), 2);
}

#[test]
fn a_save_clears_only_what_it_wrote() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 20, &[]);
    let seq = s.pending[0].seq;
    act(&mut s, level("a1", "analytics", 3), 21, &[]);
    s.apply(Action::Synced(SyncReport {
        written: vec![("a1".into(), seq)],
        outcome: Some(WriteOutcome::Saved),
        ..SyncReport::default()
    }));
    assert_eq!(s.pending.len(), 1, "the later change still waits");
    let seq = s.pending[0].seq;
    s.apply(Action::Synced(SyncReport {
        written: vec![("a1".into(), seq)],
        outcome: Some(WriteOutcome::Full),
        ..SyncReport::default()
    }));
    assert!(s.pending.is_empty());
    assert_eq!(s.storage.last_write, WriteOutcome::Full);
}

fn remote_edit(s: &AppState, now: u64, f: impl FnOnce(&mut Assessment)) -> (String, Seen) {
    let mut e = s.store.entry("a1").unwrap();
    let before = e.assessment.clone();
    f(&mut e.assessment);
    e.touch(&before, now);
    ("a1".into(), Seen::Live(e))
}

/// A page whose storage works no more hands its unsaved work to the
/// next page of the tab, which holds it as unsaved too: nothing is lost
/// by moving between pages, deletions included.
#[test]
fn unsaved_work_moves_to_the_next_page_whole() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 20, &[]);
    act(
        &mut s,
        Intent::Create {
            details: details("Lima"),
        },
        30,
        &["b2"],
    );
    act(&mut s, Intent::Delete { id: "b2".into() }, 40, &[]);
    let carried = handoff::decode(&s.carry("").unwrap()).unwrap();
    let mut next = AppState::new(
        Route::Results { id: "a1".into() },
        Store::default(),
        StorageStatus::default(),
    );
    next.apply(Action::Carried(carried));
    assert_eq!(next.store.assessments(), s.store.assessments());
    assert_eq!(next.store.entry("a1"), s.store.entry("a1"));
    let mut pending: Vec<_> = next
        .pending
        .iter()
        .map(|p| (p.id.clone(), p.deleted_ms))
        .collect();
    pending.sort();
    assert_eq!(pending, [("a1".into(), None), ("b2".into(), Some(40))]);
    assert_eq!(next.elsewhere, None, "the user's own work, not news");
    assert_eq!(next.flash, None, "the undo of a deletion stays on its page");

    let mut saved = AppState::new(Route::Merge, Store::default(), StorageStatus::default());
    saved.flash = Some(Flash::SavedAgreed { respondents: 3 });
    let mut results = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    results.apply(Action::Carried(
        handoff::decode(&saved.carry("").unwrap()).unwrap(),
    ));
    assert_eq!(
        results.flash,
        Some(Flash::SavedAgreed { respondents: 3 }),
        "its message comes along"
    );
    assert_eq!(
        AppState::new(Route::Home, Store::default(), StorageStatus::default()).carry(""),
        None
    );

    // "Reload now", then a form saved that leads to another page: the
    // new version loads there, once it is ready.
    let mut asked = AppState::new(Route::New, Store::default(), StorageStatus::default());
    asked.apply(Action::UpdateReady);
    act(&mut asked, Intent::RequestReload, 60, &[]);
    let mut there = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    there.apply(Action::Carried(
        handoff::decode(&asked.carry("").unwrap()).unwrap(),
    ));
    assert!(!there.reload_now(), "nothing to load yet");
    there.apply(Action::UpdateReady);
    assert!(there.reload_now());

    // What the next page already holds merges field by field.
    let mut known = AppState::new(Route::Home, s.store.clone(), StorageStatus::default());
    act(&mut known, level("a1", "open-data", 4), 50, &[]);
    let carried = handoff::decode(&s.carry("").unwrap()).unwrap();
    known.apply(Action::Carried(carried));
    let a = known.store.get("a1").unwrap();
    assert_eq!(
        (a.level("analytics"), a.level("open-data")),
        (Level::new(2), Level::new(4))
    );
}

/// While storage fails, the tab keeps a journal of every unsaved
/// change, which any later page of the tab takes in; it goes once all
/// is written.
#[test]
fn the_journal_holds_unsaved_work_while_storage_fails() {
    let mut s = with_one();
    s.storage.last_write = WriteOutcome::Saved;
    assert_eq!(s.journal(), Journal::Keep, "a save is under way");
    s.storage.last_write = WriteOutcome::Full;
    let Journal::Write(text) = s.journal() else {
        panic!("storage is full: the journal must hold the work");
    };
    let mut back = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    back.apply(Action::Carried(handoff::decode(&text).unwrap()));
    assert_eq!(back.store.entry("a1"), s.store.entry("a1"));
    s.pending.clear();
    assert_eq!(s.journal(), Journal::Clear);
    act(&mut s, level("a1", "analytics", 2), 20, &[]);
    s.storage.memory_only = Some(MemoryReason::NewerVersion { found: 9 });
    assert_eq!(
        s.journal(),
        Journal::Keep,
        "a newer version's journal is left alone"
    );
}

#[test]
fn another_tabs_edit_merges_in_and_is_announced_on_its_view() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 20, &[]);
    let theirs = remote_edit(&s, 30, |a| {
        a.edit_rating("open-data", |r| r.level = Level::new(4))
    });
    act(&mut s, level("a1", "analytics", 3), 25, &[]);
    s.apply(Action::Remote(vec![theirs]));
    let a = s.store.get("a1").unwrap();
    assert_eq!(
        (a.level("analytics"), a.level("open-data")),
        (Level::new(3), Level::new(4))
    );
    assert_eq!(s.elsewhere, Some(Elsewhere::Changed));
    act(&mut s, Intent::Navigate(Route::Home), 40, &[]);
    assert_eq!(s.elsewhere, None);
}

#[test]
fn another_tabs_later_edit_of_the_same_field_shows_here() {
    let mut s = with_one();
    act(&mut s, level("a1", "analytics", 2), 20, &[]);
    let theirs = remote_edit(&s, 30, |a| {
        a.edit_rating("analytics", |r| r.level = Level::new(5))
    });
    s.apply(Action::Remote(vec![theirs]));
    assert_eq!(s.store.get("a1").unwrap().level("analytics"), Level::new(5));
}

#[test]
fn a_deletion_elsewhere_removes_it_here_unless_edited_here_later() {
    let mut s = with_one();
    act(
        &mut s,
        Intent::Navigate(Route::Results { id: "a1".into() }),
        11,
        &[],
    );
    s.apply(Action::Remote(vec![(
        "a1".into(),
        Seen::Deleted { at_ms: 5 },
    )]));
    assert_eq!(s.store.len(), 1, "created here after that deletion");
    assert_eq!(s.pending.len(), 1, "and written again over it");
    s.apply(Action::Remote(vec![(
        "a1".into(),
        Seen::Deleted { at_ms: 500 },
    )]));
    assert!(s.store.is_empty());
    assert!(matches!(
        &s.elsewhere,
        Some(Elsewhere::Deleted { title, .. }) if title == "Quito"
    ));
}

#[test]
fn a_deletion_elsewhere_of_a_form_on_screen_keeps_it_to_bring_back() {
    let mut s = with_one();
    act(
        &mut s,
        Intent::Navigate(Route::Details { id: "a1".into() }),
        11,
        &[],
    );
    let seq = s.pending[0].seq;
    s.apply(Action::Synced(SyncReport {
        written: vec![("a1".into(), seq)],
        outcome: Some(WriteOutcome::Saved),
        ..SyncReport::default()
    }));
    // Stamped later than every clock reading below.
    let later = 1_000;
    s.apply(Action::Remote(vec![(
        "a1".into(),
        Seen::Deleted { at_ms: later },
    )]));
    assert!(s.store.is_empty());
    assert_eq!(
        s.deleted_elsewhere("a1").map(|a| a.place.as_str()),
        Some("Quito"),
        "the form keeps what it was showing"
    );
    // Saving the form brings it back, with what was typed, and as a
    // restore: it outranks a deletion stamped later than now.
    let mut details = s.deleted_elsewhere("a1").unwrap().details();
    details.place = "Quito DM".into();
    act(
        &mut s,
        Intent::UpdateDetails {
            id: "a1".into(),
            details,
        },
        60,
        &[],
    );
    assert_eq!(
        s.store.get("a1").map(|a| a.place.as_str()),
        Some("Quito DM")
    );
    assert!(s.pending.iter().any(|p| p.id == "a1" && p.restore));
    assert_eq!(s.elsewhere, None);

    // Or Undo, from the notice, brings it back as it was.
    s.apply(Action::Remote(vec![(
        "a1".into(),
        Seen::Deleted { at_ms: later },
    )]));
    assert!(s.store.is_empty());
    act(&mut s, Intent::UndoDelete, 70, &[]);
    assert_eq!(
        s.store.get("a1").map(|a| a.place.as_str()),
        Some("Quito DM")
    );
    assert!(s.pending.iter().any(|p| p.id == "a1" && p.restore));
    s.pending.clear();

    // Dismissing the notice keeps what the form shows; a re-assessment
    // from it makes the new one, and leaves the deleted one deleted.
    s.apply(Action::Remote(vec![(
        "a1".into(),
        Seen::Deleted { at_ms: later },
    )]));
    act(&mut s, Intent::DismissElsewhere, 72, &[]);
    assert!(s.deleted_elsewhere("a1").is_some());
    let details = s.deleted_elsewhere("a1").unwrap().details();
    act(
        &mut s,
        Intent::Reassess {
            from: "a1".into(),
            details,
        },
        74,
        &["a2"],
    );
    assert!(s.store.get("a2").is_some());
    assert!(s.store.get("a1").is_none(), "not brought back unasked");
    assert!(!s.pending.iter().any(|p| p.id == "a1"));
}

#[test]
fn an_assessment_created_elsewhere_appears_in_the_list() {
    let mut s = with_one();
    act(&mut s, Intent::Navigate(Route::Home), 11, &[]);
    let mut other = with_one().store.entry("a1").unwrap();
    other.assessment.id = "b2".into();
    s.apply(Action::Remote(vec![("b2".into(), Seen::Live(other))]));
    assert_eq!(s.store.len(), 2);
    assert_eq!(s.elsewhere, Some(Elsewhere::List));
    assert_eq!(s.revision, 1, "nothing of this tab's to write");
}

#[test]
fn a_record_gone_from_storage_is_written_again_from_here() {
    let mut s = with_one();
    s.pending.clear();
    s.apply(Action::Remote(vec![("a1".into(), Seen::Absent)]));
    assert_eq!(s.store.len(), 1);
    assert_eq!(s.pending.len(), 1);
}

#[test]
fn reload_waits_for_open_forms() {
    let mut s = with_one();
    act(&mut s, Intent::RequestReload, 1, &[]);
    assert_eq!(s.update, Update::None, "nothing to reload into");
    s.apply(Action::UpdateReady);
    let open = |open| Intent::FormOpen {
        form: "details".into(),
        open,
    };
    act(&mut s, open(true), 1, &[]);
    act(&mut s, Intent::RequestReload, 1, &[]);
    assert!(!s.reload_now());
    act(&mut s, open(false), 1, &[]);
    assert!(s.reload_now());
}

#[test]
fn changes_and_copies_feed_the_backup_reminder() {
    let mut s = with_one();
    assert_eq!(s.backup.unsaved_since_ms, Some(10));
    act(&mut s, Intent::BackupDownloaded, 20, &[]);
    assert_eq!(
        (s.backup.copied_ms, s.backup.unsaved_since_ms),
        (Some(20), None)
    );
    act(&mut s, level("a1", "analytics", 2), 30, &[]);
    assert_eq!(s.backup.unsaved_since_ms, Some(30));
}

#[test]
fn reduce_keeps_the_same_rc_when_nothing_changes() {
    let s = Rc::new(with_one());
    let same = s
        .clone()
        .reduce(Action::Do(Intent::Navigate(s.route.clone()), stamp(1, &[])));
    assert!(Rc::ptr_eq(&s, &same));
}

// --- Two tabs, from a common base, each making any edits, then saving
// through storage in either order: the store-level guarantees. ---

use crate::domain::storage::persist::{Kv, MemoryKv, Persistence};
use crate::domain::storage::record::{encode_record, record_key};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Op {
    Create(u8),
    Delete(u8),
    Level(u8, usize, Option<u8>),
    Rename(u8, u8),
}

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..3).prop_map(Op::Create),
        (0u8..6).prop_map(Op::Delete),
        (0u8..6, 0usize..5, proptest::option::of(1u8..=5)).prop_map(|(a, c, l)| Op::Level(a, c, l)),
        (0u8..6, 0u8..4).prop_map(|(a, n)| Op::Rename(a, n)),
    ]
}

/// Ids of the base's assessments are b0..b2; a tab's new ones t<tab><n>.
fn base_tab() -> AppState {
    let mut s = AppState::new(Route::Home, Store::default(), StorageStatus::default());
    for i in 0..3 {
        act(
            &mut s,
            Intent::Create {
                details: details(&format!("Base {i}")),
            },
            100,
            &[&format!("b{i}")],
        );
    }
    s.pending.clear();
    s
}

fn target(s: &AppState, tab: u8, n: u8) -> String {
    // Ops name an assessment by a small number: the base's three, then
    // those this tab created.
    let mine: Vec<String> = s
        .store
        .assessments()
        .iter()
        .map(|a| a.id.clone())
        .filter(|id| id.starts_with('b') || id.starts_with(&format!("t{tab}")))
        .collect();
    mine.get(usize::from(n) % mine.len().max(1))
        .cloned()
        .unwrap_or_default()
}

/// Writes a tab's pending changes through the storage protocol itself,
/// and hands the report to the reducer, as `ui::app` does.
fn sync(s: &mut AppState, storage: &Persistence<MemoryKv>, now_ms: u64) {
    let report = storage.sync(&s.pending, &s.store, now_ms);
    s.apply(Action::Synced(report));
}

/// What another tab hears: every key, as storage events bring them,
/// through the protocol's `heard`.
fn hear_all(s: &mut AppState, storage: &Persistence<MemoryKv>, kv: &MemoryKv, now_ms: u64) {
    for (key, value) in kv.entries() {
        if let Some(heard) = storage.heard(Some(&key), Some(&value), now_ms) {
            s.apply(Action::from(heard));
        }
    }
}

proptest! {
    #[test]
    fn two_tabs_converge_and_keep_every_latest_edit(ops in proptest::collection::vec((any::<bool>(), arb_op()), 0..30), a_first in any::<bool>()) {
        let mut tabs = [base_tab(), base_tab()];
        let kv = MemoryKv::default();
        for id in ["b0", "b1", "b2"] {
            let record = Record::Live(tabs[0].store.entry(id).unwrap());
            kv.set(&record_key(id), &encode_record(&record)).unwrap();
        }
        // One origin's storage, opened by two tabs.
        let opened = [Persistence::open(Some(kv.clone()), 500), Persistence::open(Some(kv.clone()), 500)];
        for boot in &opened {
            prop_assert_eq!(boot.store.assessments(), tabs[0].store.assessments(), "each tab starts from what is saved");
        }
        let storages = opened.map(|boot| boot.persistence);
        // The truth: per assessment, created / deleted by whom, and the
        // latest value each field was given.
        let mut created: Vec<(usize, String)> = Vec::new();
        let mut deleted: Vec<(usize, String)> = Vec::new();
        let mut latest_level: BTreeMap<(String, usize), Option<u8>> = BTreeMap::new();
        let mut latest_place: BTreeMap<String, String> = BTreeMap::new();
        // (tab, id, time) of every edit that changed something; the
        // time of the last deletion of each id.
        let mut edits: Vec<(usize, String, u64)> = Vec::new();
        let mut deleted_at: BTreeMap<String, u64> = BTreeMap::new();
        for (i, (in_b, op)) in ops.iter().enumerate() {
            let t = usize::from(*in_b);
            let now = 1000 + i as u64 * 10;
            let s = &mut tabs[t];
            match op {
                Op::Create(n) => {
                    let id = format!("t{t}{n}{i}");
                    let before = s.store.len();
                    act(s, Intent::Create { details: details(&format!("New {t}{n}")) }, now, &[&id]);
                    if s.store.len() > before {
                        created.push((t, id));
                    }
                }
                Op::Delete(n) => {
                    let id = target(s, t as u8, *n);
                    if s.store.get(&id).is_some() {
                        act(s, Intent::Delete { id: id.clone() }, now, &[]);
                        deleted_at.insert(id.clone(), now);
                        deleted.push((t, id));
                    }
                }
                Op::Level(n, c, l) => {
                    let id = target(s, t as u8, *n);
                    let comp = builtin().competencies[*c].id.clone();
                    let before = s.store.get(&id).map(|a| a.level(&comp));
                    act(s, Intent::SetLevel { id: id.clone(), competency: comp.clone(), level: l.and_then(Level::new) }, now, &[]);
                    if before.is_some() && before != s.store.get(&id).map(|a| a.level(&comp)) {
                        edits.push((t, id.clone(), now));
                        latest_level.insert((id, *c), *l);
                    }
                }
                Op::Rename(n, name) => {
                    let id = target(s, t as u8, *n);
                    let before = s.store.get(&id).map(|a| a.place.clone());
                    act(s, Intent::Rename { id: id.clone(), name: format!("Name {name}") }, now, &[]);
                    let after = s.store.get(&id).map(|a| a.place.clone());
                    if before.is_some() && before != after {
                        edits.push((t, id.clone(), now));
                        latest_place.insert(id, format!("Name {name}"));
                    }
                }
            }
        }
        // Both save, in either order; then each hears the other.
        let order = if a_first { [0, 1] } else { [1, 0] };
        let end = 1000 + ops.len() as u64 * 10;
        for t in order {
            sync(&mut tabs[t], &storages[t], end);
            prop_assert!(tabs[t].pending.is_empty(), "tab {} saved everything", t);
        }
        for (tab, storage) in tabs.iter_mut().zip(&storages) {
            hear_all(tab, storage, &kv, end);
        }
        let [a, b] = &tabs;
        prop_assert_eq!(a.store.assessments(), b.store.assessments(), "the tabs agree");
        for (t, id) in &created {
            let deleted_by_creator = deleted.iter().any(|(d, x)| d == t && x == id);
            prop_assert_eq!(a.store.get(id).is_some(), !deleted_by_creator, "created {} by tab {}", id, t);
        }
        // Each field holds its latest edit (where nobody deleted the
        // assessment: a deletion supersedes the edits before it).
        let never_deleted = |id: &str| !deleted.iter().any(|(_, x)| x == id);
        for ((id, c), level) in &latest_level {
            if never_deleted(id) {
                let x = a.store.get(id);
                prop_assert!(x.is_some(), "{} kept", id);
                prop_assert_eq!(x.and_then(|x| x.level(&builtin().competencies[*c].id)), level.and_then(Level::new), "level {} of {}", c, id);
            }
        }
        for (id, place) in &latest_place {
            if never_deleted(id) {
                prop_assert_eq!(a.store.get(id).map(|x| x.place.as_str()), Some(place.as_str()));
            }
        }
        // A deleted assessment stays deleted, unless the other tab, which
        // had not heard of it, edited it after the deletion.
        for (t, id) in &deleted {
            let edited_later_elsewhere = edits.iter().any(|(e, x, at)| e != t && x == id && *at > deleted_at[id]);
            prop_assert_eq!(a.store.get(id).is_some(), edited_later_elsewhere, "{} deleted by tab {}", id, t);
        }
    }
}
