//! Share links: an assessment carried in the URL fragment, which browsers
//! never send to a server.
//!
//! Fragment: `#/shared/<version>/<payload>`. The payload is base64url (no
//! padding) of raw-deflated UTF-8 JSON, a positional array that means the same
//! as the export schema, in rubric order:
//!
//! ```text
//! [rubric short id, rubric version, subject (0 = whole city, or the
//!  initiative's name), place, date, assessor, levels ("21340": one digit per
//!  competency, 0 = not assessed), targets (same, or ""), notes ([5 strings]),
//!  guided answers ([5 strings]), carried over ("01100": 1 = the level is the
//!  earlier assessment's, not yet confirmed)]
//! ```
//!
//! Trailing empty fields are left out. Version 1 is the first format; a new
//! one gets a new number and version 1 links must keep opening (golden tests).

use crate::domain::formats::base64url;
use crate::domain::formats::json::{self, Json};
use crate::domain::model::assessment::{
    Assessment, Details, IsoDate, Rating, Ratings, RubricRef, Subject, MAX_NOTES_CHARS,
};
use crate::domain::model::guided::{suggest, Guided};
use crate::domain::model::rubric::{Level, Rubric};

pub const LINK_VERSION: u32 = 1;
/// Far above any real link (notes are capped), so only junk hits it.
pub const MAX_PAYLOAD_CHARS: usize = 64 * 1024;
/// Limit on the inflated JSON, so a tiny "zip bomb" link cannot eat memory.
pub const MAX_INFLATED_BYTES: usize = 128 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link has no results in it")]
    Incomplete,
    #[error("the link was made by a newer version of the app (format {found})")]
    Newer { found: u32 },
    #[error("the link is not a results link of this app")]
    NotALink,
    #[error("the link is cut off or damaged")]
    Damaged,
    #[error("the link is larger than any results link")]
    TooLarge,
    /// A regional card's link names more places than a card link holds.
    #[error("the card's link holds more than {max} places")]
    TooManyPlaces { max: usize },
    #[error("the link uses a rubric this app does not have ({id} {version})")]
    OtherRubric { id: String, version: String },
}

pub(crate) fn level_digits(
    ratings: &Ratings,
    rubric: &Rubric,
    pick: fn(&Rating) -> Option<Level>,
) -> String {
    rubric
        .competencies
        .iter()
        .map(|c| {
            let n = ratings.get(&c.id).and_then(pick).map_or(0, Level::get);
            char::from(b'0' + n)
        })
        .collect()
}

/// The payload for `a`, without notes unless `with_notes`.
pub fn encode(a: &Assessment, rubric: &Rubric, with_notes: bool) -> String {
    // JSON written by hand from escaped strings: serializing a `Value` tree
    // would add a serializer to the wasm for nothing.
    let string = |s: &str| {
        let mut out = String::new();
        json::write_str(&mut out, s);
        out
    };
    let targets = level_digits(&a.ratings, rubric, |r| r.target);
    let notes: Vec<&str> = rubric
        .competencies
        .iter()
        .map(|c| a.rating(&c.id).map_or("", |r| r.notes.as_str()))
        .collect();
    let mut fields = vec![
        string(&rubric.short_id),
        string(&rubric.version),
        match &a.subject {
            Subject::City => "0".to_string(),
            Subject::Initiative { name } => string(name),
        },
        string(&a.place),
        string(a.date.as_str()),
        string(&a.assessor),
        string(&level_digits(&a.ratings, rubric, |r| r.level)),
        string(if targets.bytes().all(|b| b == b'0') {
            ""
        } else {
            &targets
        }),
    ];
    let guided: Vec<String> = rubric
        .competencies
        .iter()
        .map(|c| {
            a.rating(&c.id)
                .and_then(|r| r.guided.as_ref())
                .map_or(String::new(), |g| g.answers.join("."))
        })
        .collect();
    let any_guided = guided.iter().any(|g| !g.is_empty());
    if with_notes && notes.iter().any(|n| !n.is_empty()) {
        let list: Vec<String> = notes.iter().map(|n| string(n)).collect();
        fields.push(format!("[{}]", list.join(",")));
    } else if any_guided {
        fields.push("[]".into());
    }
    // Field 9: guided-mode answers per competency, levels joined by dots.
    if any_guided {
        let list: Vec<String> = guided.iter().map(|g| string(g)).collect();
        fields.push(format!("[{}]", list.join(",")));
    }
    // Field 10: which levels are carried over from an earlier assessment
    // and not yet confirmed ("01100"); the fields before it hold their place.
    let carried: String = rubric
        .competencies
        .iter()
        .map(|c| match a.rating(&c.id) {
            Some(r) if r.carried => '1',
            _ => '0',
        })
        .collect();
    if carried.contains('1') {
        while fields.len() < 10 {
            fields.push("[]".into());
        }
        fields.push(string(&carried));
    }
    // Trailing empty fields (assessor, targets) are left out; positions stay.
    while fields.len() > 7 && fields.last().is_some_and(|f| f == "\"\"") {
        fields.pop();
    }
    pack(&format!("[{}]", fields.join(",")))
}

/// Reads a link. The result has an empty id and zero timestamps: those belong
/// to a device, and are set when the user saves a copy.
pub fn decode(version: &str, payload: &str, rubric: &Rubric) -> Result<Assessment, LinkError> {
    let json = open(version, payload)?;
    let root = json::parse(&json).map_err(|_| LinkError::Damaged)?;
    read_fields(root.arr().ok_or(LinkError::Damaged)?, rubric)
}

/// The JSON text of a link's payload, once its version is one this app
/// reads (results and regional cards share the versions and the packing).
pub(crate) fn open(version: &str, payload: &str) -> Result<String, LinkError> {
    match version.parse::<u32>() {
        Ok(LINK_VERSION) => {}
        Ok(found) if found > LINK_VERSION => return Err(LinkError::Newer { found }),
        _ => return Err(LinkError::NotALink),
    }
    if payload.is_empty() {
        return Err(LinkError::Incomplete);
    }
    unpack(payload)
}

/// A payload from JSON text: raw deflate, then `base64url`.
pub fn pack(json: &str) -> String {
    base64url::encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10))
}

/// The JSON text of a payload, within the size limits.
pub fn unpack(payload: &str) -> Result<String, LinkError> {
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(LinkError::TooLarge);
    }
    let deflated = base64url::decode(payload).ok_or(LinkError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Damaged,
        })?;
    String::from_utf8(json).map_err(|_| LinkError::Damaged)
}

/// A text field of the array; any other kind means a damaged link.
fn text_field(f: &Json) -> Result<String, LinkError> {
    f.str().map(str::to_string).ok_or(LinkError::Damaged)
}

/// A list-of-texts field.
fn texts_field(f: &Json) -> Result<Vec<String>, LinkError> {
    json::strings(f).ok_or(LinkError::Damaged)
}

fn read_fields(f: &[Json], rubric: &Rubric) -> Result<Assessment, LinkError> {
    let text = |i: usize| -> Result<String, LinkError> {
        match f.get(i) {
            Some(raw) => text_field(raw),
            None if i == 5 || i == 7 => Ok(String::new()),
            None => Err(LinkError::Damaged),
        }
    };
    let (id, version) = (text(0)?, text(1)?);
    if id != rubric.short_id || version != rubric.version {
        return Err(LinkError::OtherRubric {
            id: id.chars().take(40).collect(),
            version: version.chars().take(20).collect(),
        });
    }
    let subject = match f.get(2) {
        Some(Json::Num("0")) => Subject::City,
        Some(raw) => Subject::Initiative {
            name: text_field(raw)?,
        },
        None => return Err(LinkError::Damaged),
    };
    let details = Details {
        subject,
        place: text(3)?,
        date: text(4)?,
        assessor: text(5)?,
    };
    let date = IsoDate::parse(&details.date).ok_or(LinkError::Damaged)?;
    if !details.problems().is_empty() {
        return Err(LinkError::Damaged);
    }
    let levels = digits(&text(6)?, rubric.competencies.len(), false)?;
    let targets = digits(&text(7)?, rubric.competencies.len(), true)?;
    let notes: Vec<String> = match f.get(8) {
        None => Vec::new(),
        Some(raw) => texts_field(raw)?,
    };
    let fits = notes.is_empty() || notes.len() == rubric.competencies.len();
    if !fits || notes.iter().any(|n| n.chars().count() > MAX_NOTES_CHARS) {
        return Err(LinkError::Damaged);
    }
    let mut a = Assessment {
        id: String::new(),
        subject: details.subject.clone(),
        place: details.place.clone(),
        date,
        assessor: details.assessor.clone(),
        rubric: RubricRef::of(rubric),
        ratings: Ratings::default(),
        plan: Vec::new(),
        respondents: None,
        created_ms: 0,
        updated_ms: 0,
    };
    let guided: Vec<String> = match f.get(9) {
        None => Vec::new(),
        Some(raw) => texts_field(raw)?,
    };
    if !guided.is_empty() && guided.len() != rubric.competencies.len() {
        return Err(LinkError::Damaged);
    }
    let carried = match f.get(10) {
        None => String::new(),
        Some(raw) => text_field(raw)?,
    };
    let n = rubric.competencies.len();
    if !(carried.is_empty()
        || carried.len() == n && carried.bytes().all(|b| b == b'0' || b == b'1'))
    {
        return Err(LinkError::Damaged);
    }
    for (i, c) in rubric.competencies.iter().enumerate() {
        let guided = match guided.get(i).map(String::as_str) {
            None | Some("") => None,
            Some(text) => {
                let answers: Vec<String> = text.split('.').map(str::to_string).collect();
                let g = Guided {
                    suggested: suggest(&answers).map(|s| s.level),
                    answers,
                    accepted: false,
                };
                if !g.is_valid() {
                    return Err(LinkError::Damaged);
                }
                Some(g)
            }
        };
        a.edit_rating(&c.id, |r| {
            r.level = levels.get(i).copied().flatten();
            r.target = targets.get(i).copied().flatten();
            r.notes = notes.get(i).cloned().unwrap_or_default();
            r.guided = guided;
            r.carried = carried.as_bytes().get(i) == Some(&b'1');
        });
    }
    Ok(a)
}

/// One digit per competency, `0` for none; `optional` allows "" for all none.
pub(crate) fn digits(s: &str, n: usize, optional: bool) -> Result<Vec<Option<Level>>, LinkError> {
    if optional && s.is_empty() {
        return Ok(vec![None; n]);
    }
    if s.len() != n {
        return Err(LinkError::Damaged);
    }
    s.bytes()
        .map(|b| match b {
            b'0' => Ok(None),
            b'1'..=b'5' => Ok(Level::new(b - b'0')),
            _ => Err(LinkError::Damaged),
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::domain::model::rubric::builtin;
    use proptest::prelude::*;

    pub(crate) use crate::domain::model::samples::reference;

    #[test]
    fn guided_answers_keep_a_link_short() {
        let mut a = reference(false);
        crate::domain::model::samples::answer_every_guided_question(&mut a);
        let link = encode(&a, builtin(), true);
        assert!(
            link.len() <= 160,
            "{} chars with guided answers",
            link.len()
        );
    }

    #[test]
    fn reference_links_fit_the_length_budget() {
        let short = encode(&reference(false), builtin(), true);
        let long = encode(&reference(true), builtin(), true);
        assert!(short.len() <= 120, "{} chars without notes", short.len());
        assert!(long.len() <= 900, "{} chars with notes", long.len());
        assert!(encode(&reference(true), builtin(), false).len() == short.len());
    }

    #[test]
    fn golden_version_1_links_still_open() {
        // Made by the first release with `encode`: `reference(false)`, and a
        // variant as an initiative with one hostile note and one competency
        // left out. They must open forever, whatever the encoder becomes.
        let without_notes = "HYo7CoAwEAWvIlsnkE1Q8ALWgqVYbMwWkXwgxMbTuzrN4w2zQwxe-zvkDAqswVmjAWUULLV1SvzQ7-2kjdM4ytn4bNypRRoCD2uiwhdlLr1-pYCyTrBwvA";
        let with_notes = "LYxNCsIwEIWvEmal0GCSoiAUFy5cCy5LF9NmwGjTynTceCvP4MUcbYeB98PHqyHF1rbPmDMUEJzfW-_UHdOdzHRFJg2nkQV7euEfCTvrSuu3Gi7UMQlyQhPJnHsc6IaZBhl_ZNA51VIvQFGDev1q6jg95KCDLCu_rjZLYT7vmYCm-QI";
        let a = decode("1", without_notes, builtin()).unwrap();
        assert_eq!(a.place, "Fortaleza");
        assert_eq!(a.level("open-data"), Level::new(2));
        assert_eq!(a.rating("public-services").unwrap().target, Level::new(2));
        let b = decode("1", with_notes, builtin()).unwrap();
        assert_eq!(
            b.subject,
            Subject::Initiative {
                name: "Bike share".into()
            }
        );
        assert_eq!(
            b.rating("analytics").unwrap().notes,
            "<script>alert(1)</script> ñ"
        );
        assert_eq!(b.level("decision-making"), None);
    }

    #[test]
    fn notes_can_be_left_out() {
        let a = decode("1", &encode(&reference(true), builtin(), false), builtin()).unwrap();
        assert!(a.ratings.values().all(|r| r.notes.is_empty()));
        assert_eq!(a.level("analytics"), Level::new(2));
    }

    #[test]
    fn each_kind_of_bad_link_gets_its_own_error() {
        let good = encode(&reference(false), builtin(), true);
        assert_eq!(
            decode("2", &good, builtin()),
            Err(LinkError::Newer { found: 2 })
        );
        assert_eq!(decode("x", &good, builtin()), Err(LinkError::NotALink));
        assert_eq!(decode("1", "", builtin()), Err(LinkError::Incomplete));
        assert_eq!(
            decode("1", &good[..good.len() / 2], builtin()),
            Err(LinkError::Damaged)
        );
        assert_eq!(decode("1", "abc+/=", builtin()), Err(LinkError::Damaged));
        assert_eq!(
            decode("1", &"A".repeat(MAX_PAYLOAD_CHARS + 1), builtin()),
            Err(LinkError::TooLarge)
        );
        let bomb = base64url::encode(&miniz_oxide::deflate::compress_to_vec(
            &vec![b' '; MAX_INFLATED_BYTES + 10],
            10,
        ));
        assert!(bomb.len() < 1000);
        assert_eq!(decode("1", &bomb, builtin()), Err(LinkError::TooLarge));
    }

    fn payload_of(json: &str) -> String {
        base64url::encode(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10))
    }

    #[test]
    fn tampered_fields_are_damaged_or_another_rubric() {
        let cases = [
            (
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21361"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",0,"Quito","2026-02-30","","21311"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",0,"","2026-01-01","","21311"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",1,"Quito","2026-01-01","","21311"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","2131"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21311","9"]"#,
                LinkError::Damaged,
            ),
            (
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21311","",["a"]]"#,
                LinkError::Damaged,
            ),
            (r#"{"not":"an array"}"#, LinkError::Damaged),
            (
                r#"["other","1",0,"Quito","2026-01-01","","21311"]"#,
                LinkError::OtherRubric {
                    id: "other".into(),
                    version: "1".into(),
                },
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(
                decode("1", &payload_of(json), builtin()),
                Err(expected),
                "{json}"
            );
        }
        let ok = decode("1", &payload_of(r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21301","",[],["","","","",""],"00000","a future field"]"#), builtin()).unwrap();
        assert_eq!(ok.level("decision-making"), None, "0 means not assessed");
        // Field 10, which levels are carried over: five 0s and 1s, and only
        // where there is a level.
        let carried = decode(
            "1",
            &payload_of(
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21301","",[],[],"10011"]"#,
            ),
            builtin(),
        )
        .unwrap();
        let flags: Vec<bool> = builtin()
            .competencies
            .iter()
            .map(|c| carried.rating(&c.id).is_some_and(|r| r.carried))
            .collect();
        assert_eq!(flags, [true, false, false, false, true]);
        for bad_carried in [r#""1""#, r#""12000""#, "1", r#""100000""#] {
            let json = format!(
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21301","",[],[],{bad_carried}]"#
            );
            assert_eq!(
                decode("1", &payload_of(&json), builtin()),
                Err(LinkError::Damaged),
                "{json}"
            );
        }
        for bad_guided in [
            r#"["yy"]"#,
            r#"["yx","","","",""]"#,
            r#"["yyyyy","","","",""]"#,
            "7",
        ] {
            let json = format!(
                r#"["idb-budmm","2019-10",0,"Quito","2026-01-01","","21301","",[],{bad_guided}]"#
            );
            assert_eq!(
                decode("1", &payload_of(&json), builtin()),
                Err(LinkError::Damaged),
                "{json}"
            );
        }
    }

    #[test]
    fn guided_answers_travel_in_links_and_keep_accepted_or_not() {
        use crate::domain::model::guided::Guided;
        let mut a = reference(false);
        a.edit_rating("analytics", |r| {
            r.level = Level::new(1);
            r.guided = Some(Guided {
                answers: vec!["yy".into(), "yn".into()],
                suggested: Level::new(1),
                accepted: false,
            });
        });
        a.edit_rating("open-data", |r| {
            r.level = Level::new(3);
            r.guided = Some(Guided {
                answers: vec!["yy".into(), "y-".into()],
                suggested: None,
                accepted: false,
            });
        });
        let back = decode("1", &encode(&a, builtin(), false), builtin()).unwrap();
        let g = back.rating("analytics").unwrap().guided.clone().unwrap();
        assert_eq!(
            (g.answers, g.suggested, g.accepted),
            (
                vec!["yy".to_string(), "yn".to_string()],
                Level::new(1),
                true
            )
        );
        assert!(
            !back
                .rating("open-data")
                .unwrap()
                .guided
                .as_ref()
                .unwrap()
                .accepted
        );
        assert!(back.same_content(&a));
    }

    #[test]
    fn invalid_utf8_is_damaged() {
        let payload = base64url::encode(&miniz_oxide::deflate::compress_to_vec(
            &[0x5b, 0xff, 0xfe, 0x5d],
            10,
        ));
        assert_eq!(decode("1", &payload, builtin()), Err(LinkError::Damaged));
    }

    pub(crate) fn arb_assessment() -> impl Strategy<Value = Assessment> {
        crate::domain::storage::store::tests::arb_assessment()
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(a in arb_assessment()) {
            let back = decode("1", &encode(&a, builtin(), true), builtin()).unwrap();
            prop_assert!(a.same_content(&back), "{a:?}\n{back:?}");
        }

        #[test]
        fn decode_never_panics_on_any_text(v in "\\PC{0,4}", p in "\\PC{0,300}") {
            let _ = decode(&v, &p, builtin());
        }

        #[test]
        fn decode_never_panics_on_any_deflated_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = decode("1", &base64url::encode(&bytes), builtin());
            let _ = decode("1", &payload_of(&String::from_utf8_lossy(&bytes)), builtin());
        }
    }
}
