//! When to remind the user to download a copy. Browsers forget: shared
//! municipal PCs clear data at logout, and some browsers drop a site's
//! storage after weeks without a visit. The only copy that survives that is
//! a file the user downloaded, so the app keeps track of when that last
//! happened and asks at the right moment, not on every view.
//!
//! Kept as a preference (`store::BACKUP_KEY`), never inside the store: it is
//! about this device, not about any assessment.

pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// A copy older than this, with changes since, is worth renewing.
pub const COPY_MAX_AGE_MS: u64 = 7 * DAY_MS;
/// Work never copied at all gets a reminder sooner.
pub const FIRST_COPY_AFTER_MS: u64 = DAY_MS;
/// Where the browser deletes the data after a week without a visit, a copy
/// must be renewed before the user leaves for a week: after a day.
pub const FORGETFUL_COPY_MAX_AGE_MS: u64 = DAY_MS;
/// And work never copied is worth a copy within the working session.
pub const FORGETFUL_FIRST_COPY_AFTER_MS: u64 = 60 * 60 * 1000;

/// What this browser promises about keeping the app's data, which decides
/// the words on Home and About and how soon the reminder comes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Keeping {
    /// Nothing known against it: promised, not asked yet, or cannot say.
    #[default]
    Usual,
    /// Asked to keep the data (`navigator.storage.persist()`), the browser
    /// said no: it may delete it when space runs low.
    Refused,
    /// Safari, or any browser on iOS (all are WebKit), in a normal tab:
    /// script-written storage is deleted after seven days of use without a
    /// visit, whatever `persist()` answers; apps on the Home Screen are
    /// spared.
    SevenDays,
}

impl Keeping {
    /// From the browser's own words: its user agent, how many touch points
    /// it has (iPadOS calls itself a Mac), whether the page runs as an app
    /// from the Home Screen, and the remembered answer to `persist()`
    /// (`store::PERSIST_KEY`).
    pub fn of(
        user_agent: &str,
        max_touch_points: u32,
        home_screen: bool,
        persist_answer: Option<&str>,
    ) -> Keeping {
        if !home_screen && forgets_after_seven_days(user_agent, max_touch_points) {
            Keeping::SevenDays
        } else if persist_answer == Some("denied") {
            Keeping::Refused
        } else {
            Keeping::Usual
        }
    }

    fn copy_max_age_ms(self) -> u64 {
        match self {
            Keeping::SevenDays => FORGETFUL_COPY_MAX_AGE_MS,
            Keeping::Usual | Keeping::Refused => COPY_MAX_AGE_MS,
        }
    }

    fn first_copy_after_ms(self) -> u64 {
        match self {
            Keeping::SevenDays => FORGETFUL_FIRST_COPY_AFTER_MS,
            Keeping::Usual | Keeping::Refused => FIRST_COPY_AFTER_MS,
        }
    }
}

/// Safari on a Mac, or any browser on an iPhone, iPad or iPod (Apple lets
/// them use WebKit only). Chrome, Edge, Firefox and Opera on a Mac say
/// "Safari" too, so their own names rule them out there.
fn forgets_after_seven_days(ua: &str, max_touch_points: u32) -> bool {
    // A plain window search: `str::contains` brings a searcher of a few
    // kilobytes into the first page for a handful of short words.
    let has = |word: &str| {
        ua.as_bytes()
            .windows(word.len())
            .any(|w| w == word.as_bytes())
    };
    let mac = has("Macintosh");
    // Safari's own description on a Mac: WebKit, and none of the others.
    let mac_safari = mac
        && has("AppleWebKit/605")
        && has("Safari/")
        && !["Chrome/", "Chromium/", "Edg/", "OPR/", "Firefox/"]
            .into_iter()
            .any(has);
    // iPadOS asks for the desktop site with Safari's Mac description, and
    // has touch; a Mac has none.
    let ios = has("iPhone") || has("iPad") || has("iPod") || (mac_safari && max_touch_points > 1);
    ios || mac_safari
}

/// What this device knows about its copies. Times are milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Backup {
    /// The last full copy ("Download all as JSON") made here.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub copied_ms: Option<u64>,
    /// The first change not in that copy; `None` when nothing changed since.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub unsaved_since_ms: Option<u64>,
    /// The latest change.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub changed_ms: Option<u64>,
    /// When the user last put the reminder away.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub dismissed_ms: Option<u64>,
    /// When a full copy the user brought back left this device holding
    /// nothing that copy lacks: the user has a full copy as of then.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub restored_ms: Option<u64>,
}

/// Why the reminder shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// No copy was ever made here, and the work is over a day old.
    NeverCopied,
    /// The last copy is over a week old, and things changed since.
    CopyIsOld { copied_ms: u64 },
}

impl Backup {
    /// Reads the preference; anything unreadable counts as "nothing known".
    pub fn parse(raw: Option<&str>) -> Backup {
        let read = |raw: &str| -> Option<Backup> {
            let v = crate::domain::formats::json::parse(raw).ok()?;
            if !v.is_obj() {
                return None;
            }
            let time = |k: &str| v.opt(k, crate::domain::formats::json::Json::u64).ok();
            Some(Backup {
                copied_ms: time("copied_ms")?,
                unsaved_since_ms: time("unsaved_since_ms")?,
                changed_ms: time("changed_ms")?,
                dismissed_ms: time("dismissed_ms")?,
                restored_ms: time("restored_ms")?,
            })
        };
        raw.filter(|r| r.len() < 1024)
            .and_then(read)
            .unwrap_or_default()
    }

    pub fn encode(&self) -> String {
        let mut out = String::new();
        let mut o = crate::domain::formats::json::ObjWriter::new(&mut out);
        for (k, v) in [
            ("copied_ms", self.copied_ms),
            ("unsaved_since_ms", self.unsaved_since_ms),
            ("changed_ms", self.changed_ms),
            ("dismissed_ms", self.dismissed_ms),
            ("restored_ms", self.restored_ms),
        ] {
            if let Some(t) = v {
                o.num(k, t);
            }
        }
        o.end();
        out
    }

    /// The starting point on a device with saved work but no record of
    /// copies (the first start of a version that keeps one): treat the
    /// work as never copied, changed between `oldest_ms` and `newest_ms`.
    pub fn assume_uncopied(oldest_ms: u64, newest_ms: u64) -> Backup {
        Backup {
            copied_ms: None,
            unsaved_since_ms: Some(oldest_ms),
            changed_ms: Some(newest_ms),
            dismissed_ms: None,
            restored_ms: None,
        }
    }

    /// An assessment was created, changed or deleted at `now_ms`.
    pub fn changed(&mut self, now_ms: u64) {
        self.unsaved_since_ms.get_or_insert(now_ms);
        self.changed_ms = Some(self.changed_ms.map_or(now_ms, |c| c.max(now_ms)));
    }

    /// A full copy was downloaded at `now_ms`.
    pub fn copied(&mut self, now_ms: u64) {
        self.copied_ms = Some(now_ms);
        self.unsaved_since_ms = None;
    }

    /// Everything on this device came from, or is in, a full copy the user
    /// restored at `now_ms`: as good as a copy made then.
    pub fn restored(&mut self, now_ms: u64) {
        self.restored_ms = Some(now_ms);
        self.unsaved_since_ms = None;
    }

    /// The latest full copy the user holds: one made here, or one restored.
    pub fn latest_copy_ms(&self) -> Option<u64> {
        self.copied_ms.max(self.restored_ms)
    }

    /// Whether that latest copy is one the user restored.
    pub fn latest_is_restored(&self) -> bool {
        self.restored_ms.is_some() && self.restored_ms >= self.copied_ms
    }

    /// The user put the reminder away; it stays away until the next change.
    pub fn dismissed(&mut self, now_ms: u64) {
        self.dismissed_ms = Some(now_ms);
    }

    /// What two tabs know together: the latest copy, change and dismissal;
    /// changes made before the latest copy are in it.
    pub fn merge(&self, other: &Backup) -> Backup {
        let max = |a: Option<u64>, b: Option<u64>| a.max(b);
        let copied_ms = max(self.copied_ms, other.copied_ms);
        let restored_ms = max(self.restored_ms, other.restored_ms);
        let latest = max(copied_ms, restored_ms);
        let after_copy = |t: Option<u64>| t.filter(|t| latest.is_none_or(|c| *t > c));
        // The first change after the latest copy; where a tab knew of an
        // older copy only, its latest change stands in for its first.
        let unsaved_since_ms = [
            after_copy(self.unsaved_since_ms),
            after_copy(other.unsaved_since_ms),
            after_copy(self.changed_ms.filter(|_| self.unsaved_since_ms.is_some())),
            after_copy(
                other
                    .changed_ms
                    .filter(|_| other.unsaved_since_ms.is_some()),
            ),
        ]
        .into_iter()
        .flatten()
        .min();
        Backup {
            copied_ms,
            unsaved_since_ms,
            changed_ms: max(self.changed_ms, other.changed_ms),
            dismissed_ms: max(self.dismissed_ms, other.dismissed_ms),
            restored_ms,
        }
    }

    /// Whether to ask for a first full copy at once, on Home and on the
    /// results: an assessment is complete, no copy was ever made or restored
    /// here, and the user has never put a reminder away. The moment the
    /// first assessment is done is when its loss would hurt most and when
    /// the user is still at the keyboard; a day later may be too late.
    pub fn first_copy_prompt(&self, has_complete: bool) -> bool {
        has_complete && self.latest_copy_ms().is_none() && self.dismissed_ms.is_none()
    }

    /// Whether to remind the user at `now_ms`, and why: sooner where the
    /// browser forgets (`keeping`). Never while the first-copy prompt asks
    /// the same.
    pub fn reminder(
        &self,
        now_ms: u64,
        has_assessments: bool,
        has_complete: bool,
        keeping: Keeping,
    ) -> Option<Reminder> {
        let since = self.unsaved_since_ms?;
        if !has_assessments || self.first_copy_prompt(has_complete) {
            return None;
        }
        if let (Some(d), Some(c)) = (self.dismissed_ms, self.changed_ms) {
            if d >= c {
                return None;
            }
        }
        match self.latest_copy_ms() {
            Some(copied_ms) => (now_ms.saturating_sub(copied_ms) > keeping.copy_max_age_ms())
                .then_some(Reminder::CopyIsOld { copied_ms }),
            None => (now_ms.saturating_sub(since) > keeping.first_copy_after_ms())
                .then_some(Reminder::NeverCopied),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T0: u64 = 1_800_000_000_000;

    #[test]
    fn a_first_complete_assessment_is_asked_for_at_once_until_put_away() {
        let mut b = Backup::default();
        b.changed(T0);
        assert!(!b.first_copy_prompt(false), "nothing complete yet");
        assert!(b.first_copy_prompt(true));
        assert_eq!(
            b.reminder(T0 + 2 * DAY_MS, true, true, Keeping::Usual),
            None,
            "the prompt asks"
        );
        b.dismissed(T0 + 1);
        assert!(!b.first_copy_prompt(true), "put away for good");
        b.changed(T0 + 2);
        assert_eq!(
            b.reminder(T0 + 2 * DAY_MS, true, true, Keeping::Usual),
            Some(Reminder::NeverCopied),
            "the usual reminder takes over"
        );
        let mut copied = Backup::default();
        copied.copied(T0);
        assert!(!copied.first_copy_prompt(true));
    }

    #[test]
    fn work_never_copied_is_reminded_after_a_day() {
        let mut b = Backup::default();
        assert_eq!(
            b.reminder(T0, true, false, Keeping::Usual),
            None,
            "nothing changed yet"
        );
        b.changed(T0);
        assert_eq!(b.reminder(T0 + DAY_MS, true, false, Keeping::Usual), None);
        assert_eq!(
            b.reminder(T0 + DAY_MS + 1, true, false, Keeping::Usual),
            Some(Reminder::NeverCopied)
        );
        assert_eq!(
            b.reminder(T0 + 2 * DAY_MS, false, false, Keeping::Usual),
            None,
            "nothing to copy"
        );
    }

    #[test]
    fn a_recent_copy_keeps_the_reminder_away() {
        let mut b = Backup::default();
        b.changed(T0);
        b.copied(T0 + 10);
        assert_eq!(
            b.reminder(T0 + 30 * DAY_MS, true, false, Keeping::Usual),
            None,
            "no change since"
        );
        b.changed(T0 + 2 * DAY_MS);
        assert_eq!(
            b.reminder(T0 + 7 * DAY_MS, true, false, Keeping::Usual),
            None,
            "copy is a week old"
        );
        assert_eq!(
            b.reminder(T0 + 8 * DAY_MS, true, false, Keeping::Usual),
            Some(Reminder::CopyIsOld { copied_ms: T0 + 10 })
        );
    }

    #[test]
    fn dismissing_lasts_until_the_next_change() {
        let mut b = Backup::default();
        b.changed(T0);
        let later = T0 + 3 * DAY_MS;
        assert!(b.reminder(later, true, false, Keeping::Usual).is_some());
        b.dismissed(later);
        assert_eq!(
            b.reminder(later + 5 * DAY_MS, true, false, Keeping::Usual),
            None
        );
        b.changed(later + 6 * DAY_MS);
        assert_eq!(
            b.reminder(later + 6 * DAY_MS, true, false, Keeping::Usual),
            Some(Reminder::NeverCopied)
        );
    }

    #[test]
    fn safari_and_ios_forget_after_seven_days_unless_on_the_home_screen() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        let chrome_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1";
        let mac_safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
        let mac_chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let mac_firefox =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";
        let windows_edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        let android = "Mozilla/5.0 (Linux; Android 14; SM-A155M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        let seven = |ua, touch, home| Keeping::of(ua, touch, home, None) == Keeping::SevenDays;
        assert!(seven(iphone, 5, false));
        assert!(seven(chrome_ios, 5, false), "every iOS browser is WebKit");
        assert!(seven(mac_safari, 0, false));
        // iPadOS asks for the desktop site as a Mac, with touch; a touch
        // screen on a Mac-like description of Chrome is not an iPad.
        assert!(seven(mac_safari, 5, false));
        assert!(!seven(mac_chrome, 5, false));
        assert!(!seven(iphone, 5, true), "spared on the Home Screen");
        for other in [mac_chrome, mac_firefox, windows_edge, android, ""] {
            assert!(!seven(other, 0, false), "{other}");
        }
        assert_eq!(
            Keeping::of(android, 5, false, Some("denied")),
            Keeping::Refused
        );
        assert_eq!(
            Keeping::of(iphone, 5, false, Some("denied")),
            Keeping::SevenDays
        );
        for answer in [None, Some("granted"), Some("asked"), Some("unsupported")] {
            assert_eq!(Keeping::of(android, 5, false, answer), Keeping::Usual);
        }
    }

    #[test]
    fn where_the_browser_forgets_the_reminder_comes_within_the_hour_and_after_a_day() {
        let mut b = Backup::default();
        b.changed(T0);
        let hour = 60 * 60 * 1000;
        assert_eq!(b.reminder(T0 + hour, true, false, Keeping::SevenDays), None);
        assert_eq!(
            b.reminder(T0 + hour + 1, true, false, Keeping::SevenDays),
            Some(Reminder::NeverCopied)
        );
        assert_eq!(
            b.reminder(T0 + hour + 1, true, false, Keeping::Refused),
            None
        );
        b.copied(T0 + 2 * hour);
        b.changed(T0 + 3 * hour);
        assert_eq!(
            b.reminder(T0 + 2 * hour + DAY_MS, true, false, Keeping::SevenDays),
            None
        );
        assert_eq!(
            b.reminder(T0 + 2 * hour + DAY_MS + 1, true, false, Keeping::SevenDays),
            Some(Reminder::CopyIsOld {
                copied_ms: T0 + 2 * hour
            })
        );
        assert_eq!(
            b.reminder(T0 + 2 * hour + DAY_MS + 1, true, false, Keeping::Usual),
            None
        );
    }

    #[test]
    fn two_tabs_know_the_latest_copy() {
        let mut a = Backup::default();
        a.changed(T0);
        let mut b = a.clone();
        b.copied(T0 + 5);
        a.changed(T0 + 3);
        let m = a.merge(&b);
        assert_eq!(m.copied_ms, Some(T0 + 5));
        assert_eq!(m.unsaved_since_ms, None, "the change at +3 is in the copy");
        a.changed(T0 + 9);
        assert_eq!(a.merge(&b).unsaved_since_ms, Some(T0 + 9));
        assert_eq!(b.merge(&a), a.merge(&b));
    }

    #[test]
    fn unreadable_preference_means_nothing_known() {
        for raw in [
            None,
            Some("junk"),
            Some("{\"copied_ms\":\"x\"}"),
            Some("[]"),
        ] {
            assert_eq!(Backup::parse(raw), Backup::default());
        }
        let mut b = Backup::default();
        b.changed(T0);
        b.copied(T0 + 1);
        assert_eq!(Backup::parse(Some(&b.encode())), b);
        b.restored(T0 + 2);
        assert_eq!(Backup::parse(Some(&b.encode())), b);
        assert!(b.latest_is_restored());
        assert_eq!(b.latest_copy_ms(), Some(T0 + 2));
    }

    #[derive(Debug, Clone)]
    enum Event {
        Change,
        Copy,
        /// A full copy restored, leaving nothing here that it lacks.
        Restore,
        Dismiss,
    }

    proptest! {
        /// The rule, checked against its plain-words statement over any
        /// history of changes, copies and dismissals.
        #[test]
        fn reminder_follows_the_rule(events in proptest::collection::vec((0u64..4 * DAY_MS, prop_oneof![Just(Event::Change), Just(Event::Copy), Just(Event::Restore), Just(Event::Dismiss)]), 0..12), wait in 0u64..20 * DAY_MS, complete in any::<bool>(), keeping in prop_oneof![Just(Keeping::Usual), Just(Keeping::Refused), Just(Keeping::SevenDays)]) {
            let mut b = Backup::default();
            let mut now = T0;
            let (mut last_copy, mut last_change, mut last_dismiss, mut first_after_copy) = (None, None, None, None::<u64>);
            for (gap, e) in &events {
                now += gap + 1;
                match e {
                    Event::Change => {
                        b.changed(now);
                        last_change = Some(now);
                        first_after_copy.get_or_insert(now);
                    }
                    Event::Copy => {
                        b.copied(now);
                        last_copy = Some(now);
                        first_after_copy = None;
                    }
                    // The user holds that copy: as good as one made now.
                    Event::Restore => {
                        b.restored(now);
                        last_copy = Some(now);
                        first_after_copy = None;
                    }
                    Event::Dismiss => {
                        b.dismissed(now);
                        last_dismiss = Some(now);
                    }
                }
            }
            let at = now + wait;
            let changed_since_copy = first_after_copy.is_some();
            let dismissed_since_change = matches!((last_dismiss, last_change), (Some(d), Some(c)) if d >= c);
            // A browser that deletes after a week: a day-old copy, or an
            // hour of work never copied; any other: a week, or a day.
            let (max_age, first_after) = match keeping {
                Keeping::SevenDays => (DAY_MS, 60 * 60 * 1000),
                Keeping::Usual | Keeping::Refused => (7 * DAY_MS, DAY_MS),
            };
            let due = match last_copy {
                Some(c) => at - c > max_age,
                None => first_after_copy.is_some_and(|f| at - f > first_after),
            };
            let expected = changed_since_copy && !dismissed_since_change && due;
            // A complete assessment, never copied, never put away: asked at
            // once by the prompt, which then stands in for the reminder.
            let prompt = complete && last_copy.is_none() && last_dismiss.is_none();
            prop_assert_eq!(b.first_copy_prompt(complete), prompt);
            prop_assert_eq!(b.reminder(at, true, complete, keeping).is_some(), expected && !prompt);
            prop_assert_eq!(b.reminder(at, true, false, keeping).is_some(), expected);
            // Where the browser forgets, the reminder never comes later.
            if b.reminder(at, true, complete, Keeping::Usual).is_some() {
                prop_assert!(b.reminder(at, true, complete, Keeping::SevenDays).is_some());
            }
            // Merging with itself, or with what it was before, changes nothing.
            prop_assert_eq!(b.merge(&b), b.clone());
            prop_assert_eq!(b.merge(&Backup::default()).reminder(at, true, complete, Keeping::Usual), b.reminder(at, true, complete, Keeping::Usual));
        }
    }
}
