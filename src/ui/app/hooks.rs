//! The shell's effects, one named hook each: where the state meets storage,
//! the URL, other tabs, the service worker and the browser's promises.
//! Each reads the state it is given and reports back with actions; none
//! decides anything the core could.

use super::{stamp, Model, UPDATE_ACCEPT, UPDATE_FLAG, UPDATE_READY};
use crate::domain::formats::exchange::MAX_FILE_ENTRIES;
use crate::domain::route::Route;
use crate::domain::storage::backup::Backup;
use crate::domain::storage::handoff::{self, Carry};
use crate::domain::storage::persist::Boot;
use crate::domain::storage::store::{BACKUP_KEY, LANG_KEY, NOTICE_KEY, PERSIST_KEY};
use crate::domain::storage::tab;
use crate::platform::browser::{self, WindowListener};
use crate::platform::storage::{read_setting, write_setting, LocalStorage};
use crate::state::{Action, AppState, Intent, Journal, SyncReport};
use crate::ui::views::Views;
use crate::ui::VIEW_TITLE_ID;
use std::rc::Rc;
use yew::prelude::*;

/// The state of this page, from what storage held at start (`boot`), the
/// settings, what this tab kept of the assessments opened to compare (on
/// a page that compares, `V::COMPARES`: a constant, so the other pages
/// carry none of that code) and what earlier pages of the tab handed over.
/// A detached page (the card) takes in neither.
#[hook]
pub fn use_model<V: Views>(
    boot: Rc<Boot<LocalStorage>>,
    lang: &'static str,
    unavailable: Option<&'static str>,
    detached: bool,
) -> UseReducerHandle<Model> {
    use_reducer(move || {
        let route = Route::parse(&browser::current_hash());
        let mut s = AppState::new(route, boot.store.clone(), boot.status.clone());
        s.backup = boot.backup.clone();
        s.today = browser::today_iso();
        s.lang = lang;
        s.lang_unavailable = unavailable;
        s.descriptors_notice_seen = read_setting(NOTICE_KEY).is_some();
        s.keeping = browser::keeping(read_setting(PERSIST_KEY).as_deref());
        if V::COMPARES && !detached {
            // Saved meanwhile (a copy, from the results): listed as saved.
            let mut opened = tab::restore(
                browser::kept_in_tab(tab::OPENED_KEY).as_deref(),
                MAX_FILE_ENTRIES,
            );
            opened
                .retain(|a| s.store.get(&a.id).is_none() && s.store.find_same_content(a).is_none());
            s.opened = opened;
        }
        let mut s = Rc::new(s);
        if !detached {
            for carry in arrivals() {
                s = s.reduce(Action::Carried(carry));
            }
        }
        Model(s)
    })
}

/// What earlier pages of this tab left for this one (`domain::storage::handoff`):
/// the journal of unsaved work, then the handover meant for this address.
/// The handover is read once; the journal stays until its work is saved.
fn arrivals() -> Vec<Carry> {
    browser::forget_stray_name();
    let journal = browser::session_get(browser::JOURNAL_KEY);
    let handover = browser::session_get(browser::CARRY_KEY);
    if handover.is_some() {
        browser::session_remove(browser::CARRY_KEY);
    }
    let here = browser::current_hash();
    let journal = journal.and_then(|text| handoff::decode(&text).ok());
    let handover = handover
        .and_then(|text| handoff::decode(&text).ok())
        // Left for another address (its page never started): not ours.
        .filter(|c| c.to == here);
    journal.into_iter().chain(handover).collect()
}

/// Above this share of a storage quota in use, the user is told before a
/// write fails.
const SPACE_LOW_RATIO: f64 = 0.9;

/// The language in `<html lang>`, and the user's choices remembered: the
/// language (only one the user made: the first render just follows the
/// browser) and that the descriptors notice was read.
#[hook]
pub fn use_remembered_choices(lang: &'static str, descriptors_notice_seen: bool) {
    let first = use_mut_ref(|| true);
    use_effect_with(lang, move |lang| {
        browser::set_document_lang(lang);
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            write_setting(LANG_KEY, lang);
        }
    });
    use_effect_with(descriptors_notice_seen, move |seen| {
        if *seen {
            write_setting(NOTICE_KEY, "1");
        }
    });
}

/// What comes from outside while the page is open: the address changed,
/// another tab wrote, the browser answered about keeping the data, a new
/// version waits.
#[hook]
pub fn use_outside_world(
    dispatcher: UseReducerDispatcher<Model>,
    boot: Rc<Boot<LocalStorage>>,
    detached: bool,
) {
    use_effect_with((), move |_| {
        let navigate = dispatcher.clone();
        let hash = WindowListener::new("hashchange", move || {
            navigate.dispatch(stamp(Intent::Navigate(Route::parse(
                &browser::current_hash(),
            ))))
        });
        // Another tab wrote: merge what it wrote into this tab's state.
        let heard = dispatcher.clone();
        let storage = browser::StorageListener::new(move |key, value| {
            if let Some(news) =
                boot.persistence
                    .heard(key.as_deref(), value.as_deref(), browser::now_ms())
            {
                heard.dispatch(Action::from(news));
            }
        });
        // The answer to the app's request to keep the data is lost
        // when the page that asked left first (the first assessment
        // goes to another page at once): the browser says it now.
        // A refusal is not for ever either: the browser may keep the
        // data later (installed, bookmarked, used often); asked again.
        let asked = read_setting(PERSIST_KEY);
        if !detached && matches!(asked.as_deref(), Some("asked" | "denied")) {
            let told = dispatcher.clone();
            browser::persisted(move |answer| {
                if let Some(kept) = answer {
                    let answer = if kept { "granted" } else { "denied" };
                    if asked.as_deref() != Some(answer) {
                        write_setting(PERSIST_KEY, answer);
                        told.dispatch(Action::Keeping(browser::keeping(Some(answer))));
                    }
                }
            });
        }
        // static/sw-register.js announces a waiting new version; it may
        // have done so before the app started, hence the flag too.
        let ready = move || dispatcher.dispatch(Action::UpdateReady);
        if browser::window_flag(UPDATE_FLAG) {
            ready();
        }
        let update = WindowListener::new(UPDATE_READY, ready);
        move || drop((hash, storage, update))
    });
}

/// The reducer can change the view (after creating or deleting): the
/// address bar and the title follow, and focus moves as a page load would
/// (not on the first view of a page the user did not arrive at from
/// another of ours).
#[hook]
pub fn use_address(route: Route, title: String, arrived: bool) {
    let first = use_mut_ref(|| !arrived);
    use_effect_with((route, title), move |(route, title)| {
        if Route::parse(&browser::current_hash()) != *route {
            browser::set_hash(&route.href());
        }
        browser::set_title(title);
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            browser::focus(VIEW_TITLE_ID);
        }
    });
}

/// Every change made here is written at once, merged with whatever another
/// tab wrote meanwhile; what storage then holds comes back.
#[hook]
pub fn use_saving(boot: Rc<Boot<LocalStorage>>, state: UseReducerHandle<Model>) {
    use_effect_with(state.revision, move |_| {
        if !state.pending.is_empty() {
            let report = boot
                .persistence
                .sync(&state.pending, &state.store, browser::now_ms());
            if report != SyncReport::default() {
                state.dispatch(Action::Synced(report));
            }
        }
    });
}

/// When the last full copy was made, for every tab and the next visit.
#[hook]
pub fn use_backup_record(backup: Backup) {
    use_effect_with(backup, move |backup| {
        if *backup != Backup::default() {
            write_setting(BACKUP_KEY, &backup.encode());
        }
    });
}

/// Asks the browser to keep this site's data once there is data to keep,
/// and checks the space left whenever assessments come or go.
#[hook]
pub fn use_storage_health(
    count: usize,
    boot: Rc<Boot<LocalStorage>>,
    dispatcher: UseReducerDispatcher<Model>,
) {
    use_effect_with(count, move |count| {
        if *count > 0 && read_setting(PERSIST_KEY).is_none() {
            // Noted before the answer comes: the first assessment sends
            // the user to another page at once, which must not ask again.
            write_setting(PERSIST_KEY, "asked");
            let told = dispatcher.clone();
            browser::request_persistence(move |answer| {
                write_setting(PERSIST_KEY, answer);
                told.dispatch(Action::Keeping(browser::keeping(Some(answer))));
            });
        }
        let local = boot.persistence.fill_ratio();
        browser::storage_estimate(move |browser_ratio| {
            let low = [local, browser_ratio]
                .into_iter()
                .flatten()
                .any(|r| r > SPACE_LOW_RATIO);
            dispatcher.dispatch(Action::SpaceLow(low));
        });
    });
}

/// The new version loads once the user asked and no form is open; not
/// while this page hands over to another, which then loads it (the request
/// goes with the handover): `now` says both.
#[hook]
pub fn use_update_reload(now: bool) {
    use_effect_with(now, |now| {
        if *now {
            browser::signal(UPDATE_ACCEPT);
        }
    });
}

/// While storage fails, the tab's journal holds the unsaved work, for
/// whichever page of the tab comes next (Back, reload included).
#[hook]
pub fn use_journal(journal: Journal) {
    use_effect_with(journal, |journal| match journal {
        Journal::Write(text) => {
            browser::write_journal(text);
        }
        Journal::Clear => browser::clear_journal(),
        Journal::Keep => {}
    });
}

/// Changes held only in this tab: leaving asks first (the notice says
/// what is held and offers the full copy).
#[hook]
pub fn use_leave_guard(at_risk: bool) {
    use_effect_with(at_risk, |at_risk| {
        let guard = at_risk.then(browser::LeaveGuard::hold);
        move || drop(guard)
    });
}
