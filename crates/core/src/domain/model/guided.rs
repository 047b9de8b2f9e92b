//! Guided mode: yes/no questions of our own per competency and level (in the
//! message catalogs), and the level they suggest. The model is staged, so a
//! level is suggested only when its questions and those of every level below
//! hold; the first "no" says what held it back.

use crate::domain::model::rubric::{Level, LEVELS};

/// Most questions we ask for one level.
pub const MAX_QUESTIONS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Open,
}

impl Answer {
    fn from_char(c: char) -> Answer {
        match c {
            'y' => Answer::Yes,
            'n' => Answer::No,
            _ => Answer::Open,
        }
    }
    fn to_char(self) -> char {
        match self {
            Answer::Yes => 'y',
            Answer::No => 'n',
            Answer::Open => '-',
        }
    }
}

/// The answers to one competency's questions, and what came of them.
/// Stored with the rating; travels in exports and links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Guided {
    /// One string per level, level 1 first, one character per question in
    /// the catalog's order: `y` yes, `n` no, `-` not answered.
    pub answers: Vec<String>,
    /// What the answers suggest; none until they decide it.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub suggested: Option<Level>,
    /// Whether the level chosen is the suggested one (false: overridden, or
    /// nothing suggested yet).
    #[cfg_attr(test, serde(default))]
    pub accepted: bool,
}

impl Guided {
    pub fn write_json(&self, out: &mut String) {
        let mut o = crate::domain::formats::json::ObjWriter::new(out);
        o.with("answers", |out| {
            crate::domain::formats::json::write_list(out, &self.answers, |out, a| {
                crate::domain::formats::json::write_str(out, a)
            })
        });
        if let Some(l) = self.suggested {
            o.num("suggested", l.get().into());
        }
        o.bool("accepted", self.accepted);
        o.end();
    }

    pub fn from_json(v: &crate::domain::formats::json::Json) -> Option<Guided> {
        Some(Guided {
            answers: crate::domain::formats::json::strings(v.get("answers")?)?,
            suggested: v.opt("suggested", Level::from_json).ok()?,
            accepted: v
                .opt("accepted", crate::domain::formats::json::Json::bool)
                .ok()?
                .unwrap_or(false),
        })
    }
}

/// Where the answers lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub level: Level,
    /// The first "no": its level and question index. `None` when every
    /// question up to the top holds.
    pub held_back: Option<(Level, usize)>,
}

impl Guided {
    pub fn answer(&self, level: Level, question: usize) -> Answer {
        self.answers
            .get(level.index())
            .and_then(|s| s.chars().nth(question))
            .map_or(Answer::Open, Answer::from_char)
    }

    /// Records one answer; `counts` are the numbers of questions per level.
    pub fn set(&mut self, counts: &[usize], level: Level, question: usize, answer: Answer) {
        let (i, n) = (
            level.index(),
            counts.get(level.index()).copied().unwrap_or(0),
        );
        if question >= n {
            return;
        }
        while self.answers.len() <= i {
            let k = counts.get(self.answers.len()).copied().unwrap_or(0);
            self.answers.push("-".repeat(k));
        }
        let mut chars: Vec<char> = self.answers[i].chars().collect();
        chars.resize(n, '-');
        chars[question] = answer.to_char();
        self.answers[i] = chars.into_iter().collect();
        self.suggested = suggest(&self.answers).map(|s| s.level);
    }

    /// Well-formed: at most five levels of at most four answers, each `y`,
    /// `n` or `-`, and a suggestion that follows from them.
    pub fn is_valid(&self) -> bool {
        self.answers.len() <= LEVELS
            && self.answers.iter().all(|s| {
                s.chars().count() <= MAX_QUESTIONS
                    && s.chars().all(|c| matches!(c, 'y' | 'n' | '-'))
            })
            && self.suggested == suggest(&self.answers).map(|s| s.level)
    }
}

/// The suggestion from answers given level by level; `None` while an
/// unanswered question comes before any "no" (and before the top).
pub fn suggest(answers: &[String]) -> Option<Suggestion> {
    for level in Level::all() {
        let given = answers.get(level.index())?;
        if given.is_empty() {
            return None;
        }
        for (q, c) in given.chars().enumerate() {
            match Answer::from_char(c) {
                Answer::Yes => {}
                Answer::No => {
                    // Level 1 is the floor of the model: suggested even when
                    // its own questions do not all hold.
                    let below = Level::new(level.get() - 1).unwrap_or(Level::MIN);
                    return Some(Suggestion {
                        level: below,
                        held_back: Some((level, q)),
                    });
                }
                Answer::Open => return None,
            }
        }
    }
    Some(Suggestion {
        level: Level::MAX,
        held_back: None,
    })
}

/// How far to ask: the levels whose questions should be shown, up to and
/// including the first level not answered "yes" throughout.
pub fn levels_to_ask(answers: &[String]) -> usize {
    let mut n = 0;
    for level in Level::all() {
        n += 1;
        let all_yes = answers
            .get(level.index())
            .is_some_and(|s| !s.is_empty() && s.chars().all(|c| c == 'y'));
        if !all_yes {
            break;
        }
    }
    n
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lv(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    fn answers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_first_no_holds_the_level_back() {
        let s = suggest(&answers(&["yy", "yy", "yny"])).unwrap();
        assert_eq!(s.level, lv(2));
        assert_eq!(s.held_back, Some((lv(3), 1)));
    }

    #[test]
    fn a_no_at_level_one_still_suggests_the_floor() {
        let s = suggest(&answers(&["ny"])).unwrap();
        assert_eq!((s.level, s.held_back), (lv(1), Some((lv(1), 0))));
    }

    #[test]
    fn every_yes_reaches_the_top() {
        let all = answers(&["yy", "yy", "yyy", "yyy", "yy"]);
        assert_eq!(
            suggest(&all).map(|s| (s.level, s.held_back)),
            Some((lv(5), None))
        );
        assert_eq!(levels_to_ask(&all), 5);
    }

    #[test]
    fn open_questions_before_any_no_decide_nothing() {
        assert_eq!(suggest(&answers(&["y-", "nn"])), None);
        assert_eq!(suggest(&answers(&["yy"])), None, "level 2 not asked yet");
        assert_eq!(suggest(&[]), None);
        assert_eq!(levels_to_ask(&answers(&["yy", "y-"])), 2);
        assert_eq!(levels_to_ask(&[]), 1);
    }

    #[test]
    fn answers_are_recorded_in_place() {
        let counts = [2, 2, 3, 3, 2];
        let mut g = Guided::default();
        g.set(&counts, lv(2), 1, Answer::No);
        assert_eq!(g.answers, ["--", "-n"]);
        assert_eq!(g.suggested, None);
        g.set(&counts, lv(1), 0, Answer::Yes);
        g.set(&counts, lv(1), 1, Answer::Yes);
        g.set(&counts, lv(2), 0, Answer::Yes);
        assert_eq!(g.suggested, Some(lv(1)));
        assert_eq!(g.answer(lv(2), 1), Answer::No);
        g.set(&counts, lv(2), 7, Answer::Yes);
        assert_eq!(g.answers, ["yy", "yn"], "no such question: unchanged");
        assert!(g.is_valid());
    }

    #[test]
    fn malformed_answers_are_invalid() {
        let bad = |answers: Vec<String>, suggested| {
            Guided {
                answers,
                suggested,
                accepted: false,
            }
            .is_valid()
        };
        assert!(!bad(answers(&["yx"]), None));
        assert!(!bad(answers(&["yyyyy"]), None));
        assert!(!bad(answers(&["y", "y", "y", "y", "y", "y"]), None));
        assert!(!bad(answers(&["n"]), Some(lv(3))), "suggestion must follow");
        assert!(bad(answers(&["n"]), Some(lv(1))));
    }

    proptest! {
        #[test]
        fn suggestion_never_exceeds_the_first_failing_level(list in proptest::collection::vec("[yn-]{1,4}", 0..6)) {
            if let Some(s) = suggest(&list) {
                // Every level up to the suggestion was all "yes" (except the floor case).
                if s.held_back != Some((Level::MIN, s.held_back.map_or(0, |h| h.1))) {
                    for l in 1..=s.level.get() {
                        prop_assert!(list[usize::from(l) - 1].chars().all(|c| c == 'y'));
                    }
                }
                if let Some((at, q)) = s.held_back {
                    prop_assert_eq!(list[at.index()].chars().nth(q), Some('n'));
                    prop_assert!(at.get() == s.level.get() + 1 || at == Level::MIN);
                }
            }
        }
    }
}
