//! Results as open data: a Frictionless Data Package
//! (<https://specs.frictionlessdata.io/>), one `datapackage.json` with its
//! data inline, ready for a CKAN or DKAN portal. For one assessment or a
//! group of places (issue 13). Layout: docs/data-package.md.
//!
//! Two licences apply and each is said where it applies: the city's
//! choice on the package (its levels, targets and plan), and the IDB's
//! CC-IGO 3.0 BY-NC-ND on the `rubric` resource, whose text is quoted.

use crate::domain::formats::json::{write_list, write_str, ObjWriter};
use crate::domain::model::assessment::{Assessment, Subject};
use crate::domain::model::rubric::{Level, Rubric};

/// The licence the city chooses for its own data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence<'a> {
    /// An identifier such as `CC-BY-4.0` or `ODC-By-1.0`.
    pub name: &'a str,
    pub path: &'a str,
    pub title: &'a str,
}

/// The licences offered to a city for its own data, by their SPDX-style
/// identifiers, in the order the app lists them.
pub const LICENCES: [Licence<'static>; 3] = [
    Licence {
        name: "CC-BY-4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
        title: "Creative Commons Attribution 4.0",
    },
    Licence {
        name: "CC0-1.0",
        path: "https://creativecommons.org/publicdomain/zero/1.0/",
        title: "CC0 1.0 Universal",
    },
    Licence {
        name: "ODC-By-1.0",
        path: "https://opendatacommons.org/licenses/by/1-0/",
        title: "Open Data Commons Attribution License v1.0",
    },
];

/// What the package says about itself.
#[derive(Debug, Clone, Copy)]
pub struct PackageInfo<'a> {
    pub title: &'a str,
    /// When it was made, `YYYY-MM-DD`.
    pub created: &'a str,
    pub licence: Licence<'a>,
}

/// A package name as the spec wants it: lower-case letters, digits, `-`,
/// `.` and `_`, from the title.
pub fn package_name(title: &str) -> String {
    let mut name = String::from("urban-data-maturity");
    let mut dash = true;
    for c in title.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            if dash {
                name.push('-');
            }
            name.push(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    name.chars().take(100).collect()
}

fn field(out: &mut String, name: &str, kind: &str, description: &str, extra: Option<&str>) {
    let mut o = ObjWriter::new(out);
    o.str("name", name)
        .str("type", kind)
        .str("description", description);
    if let Some(constraints) = extra {
        o.with("constraints", |out| out.push_str(constraints));
    }
    o.end();
}

const LEVEL_RANGE: &str = "{\"minimum\":1,\"maximum\":5}";

fn level_or_null(out: &mut String, level: Option<Level>) {
    match level {
        Some(l) => out.push_str(&l.to_string()),
        None => out.push_str("null"),
    }
}

fn subject_fields(o: &mut ObjWriter, a: &Assessment) {
    let (kind, initiative) = match &a.subject {
        Subject::City => ("city", ""),
        Subject::Initiative { name } => ("initiative", name.as_str()),
    };
    o.str("place", &a.place)
        .str("subject", kind)
        .str("initiative", initiative)
        .str("date", a.date.as_str());
}

const SUBJECT_FIELDS: [(&str, &str, &str, Option<&str>); 4] = [
    ("place", "string", "The city or organisation.", None),
    (
        "subject",
        "string",
        "What was assessed: the whole city, or one initiative.",
        Some("{\"enum\":[\"city\",\"initiative\"]}"),
    ),
    (
        "initiative",
        "string",
        "The initiative's name; empty for a whole city.",
        None,
    ),
    ("date", "date", "The day of the assessment.", None),
];

/// The package for `group` (one assessment or many places). The plan is
/// included for a single assessment only: a group's file is anonymised.
pub fn data_package(group: &[&Assessment], rubric: &Rubric, info: &PackageInfo) -> String {
    let mut out = String::new();
    let mut o = ObjWriter::new(&mut out);
    o.str("profile", "tabular-data-package")
        .str("name", &package_name(info.title))
        .str("title", info.title)
        .str("created", &format!("{}T00:00:00Z", info.created))
        .with("licenses", |out| {
            out.push('[');
            let mut l = ObjWriter::new(out);
            l.str("name", info.licence.name)
                .str("path", info.licence.path)
                .str("title", info.licence.title);
            l.end();
            out.push(']');
        })
        .with("sources", |out| sources(out, rubric))
        .with("resources", |out| {
            out.push('[');
            levels_resource(out, group, rubric);
            if let [one] = group {
                if !one.plan.is_empty() {
                    out.push(',');
                    plan_resource(out, one);
                }
            }
            out.push(',');
            rubric_resource(out, rubric);
            out.push(']');
        });
    o.end();
    out
}

fn sources(out: &mut String, rubric: &Rubric) {
    let s = &rubric.source;
    out.push('[');
    let mut o = ObjWriter::new(out);
    o.str(
        "title",
        &format!(
            "{}, \u{201c}{}\u{201d}, {}, {}, {}. {}",
            s.authors, s.work, s.publisher, s.series, s.date, rubric.title
        ),
    );
    o.end();
    out.push(']');
}

fn levels_resource(out: &mut String, group: &[&Assessment], rubric: &Rubric) {
    let mut o = ObjWriter::new(out);
    o.str("name", "levels")
        .str("profile", "tabular-data-resource")
        .str("title", "Level per place and competency")
        .with("schema", |out| {
            let mut s = ObjWriter::new(out);
            s.with("fields", |out| {
                let mut fields: Vec<(&str, &str, &str, Option<&str>)> = SUBJECT_FIELDS.to_vec();
                fields.extend([
                    (
                        "competency",
                        "string",
                        "The competency's id in the rubric resource.",
                        None,
                    ),
                    (
                        "level",
                        "integer",
                        "The level chosen, 1 to 5; empty when not assessed.",
                        Some(LEVEL_RANGE),
                    ),
                    (
                        "target",
                        "integer",
                        "The level aimed for, if any.",
                        Some(LEVEL_RANGE),
                    ),
                ]);
                write_list(out, fields, |out, (n, t, d, c)| field(out, n, t, d, c));
            });
            s.end();
        })
        .with("data", |out| {
            let rows = group
                .iter()
                .flat_map(|a| rubric.competencies.iter().map(move |c| (*a, c)));
            write_list(out, rows, |out, (a, c)| {
                let rating = a.rating(&c.id);
                let mut r = ObjWriter::new(out);
                subject_fields(&mut r, a);
                r.str("competency", &c.id)
                    .with("level", |out| {
                        level_or_null(out, rating.and_then(|x| x.level))
                    })
                    .with("target", |out| {
                        level_or_null(out, rating.and_then(|x| x.target))
                    });
                r.end();
            });
        });
    o.end();
}

fn plan_resource(out: &mut String, a: &Assessment) {
    let mut o = ObjWriter::new(out);
    o.str("name", "plan")
        .str("profile", "tabular-data-resource")
        .str("title", "Action plan")
        .with("schema", |out| {
            let mut s = ObjWriter::new(out);
            s.with("fields", |out| {
                let fields: [(&str, &str, &str, Option<&str>); 5] = [
                    (
                        "competency",
                        "string",
                        "The competency the action serves.",
                        None,
                    ),
                    ("what", "string", "What will be done.", None),
                    ("owner", "string", "Who owns it.", None),
                    ("due", "date", "When it is due, if set.", None),
                    (
                        "status",
                        "string",
                        "todo, doing or done.",
                        Some("{\"enum\":[\"todo\",\"doing\",\"done\"]}"),
                    ),
                ];
                write_list(out, fields, |out, (n, t, d, c)| field(out, n, t, d, c));
            });
            s.end();
        })
        .with("data", |out| {
            write_list(out, &a.plan, |out, p| {
                let mut r = ObjWriter::new(out);
                r.str("competency", &p.competency)
                    .str("what", &p.what)
                    .str("owner", &p.owner)
                    .with("due", |out| match &p.due {
                        Some(d) => write_str(out, d.as_str()),
                        None => out.push_str("null"),
                    })
                    .str("status", p.status.word());
                r.end();
            });
        });
    o.end();
}

fn rubric_resource(out: &mut String, rubric: &Rubric) {
    let s = &rubric.source;
    let mut o = ObjWriter::new(out);
    o.str("name", "rubric")
        .str("profile", "tabular-data-resource")
        .str(
            "title",
            &format!("{}: the descriptors, quoted as published", rubric.title),
        )
        .with("licenses", |out| {
            out.push('[');
            let mut l = ObjWriter::new(out);
            l.str("name", "CC-IGO-3.0-BY-NC-ND")
                .str("path", &s.licence_url)
                .str("title", &s.licence);
            l.end();
            out.push(']');
        })
        .with("sources", |out| sources(out, rubric))
        .with("schema", |out| {
            let mut sc = ObjWriter::new(out);
            sc.with("fields", |out| {
                let fields: [(&str, &str, &str, Option<&str>); 4] = [
                    ("competency", "string", "The competency's id.", None),
                    (
                        "title",
                        "string",
                        "The competency's name in the note.",
                        None,
                    ),
                    ("level", "integer", "The level, 1 to 5.", Some(LEVEL_RANGE)),
                    (
                        "descriptor",
                        "string",
                        "The note's description of that level, quoted.",
                        None,
                    ),
                ];
                write_list(out, fields, |out, (n, t, d, c)| field(out, n, t, d, c));
            });
            sc.end();
        })
        .with("data", |out| {
            let rows = rubric
                .competencies
                .iter()
                .flat_map(|c| Level::all().map(move |l| (c, l)));
            write_list(out, rows, |out, (c, l)| {
                let mut r = ObjWriter::new(out);
                r.str("competency", &c.id)
                    .str("title", &c.title)
                    .num("level", u64::from(l.get()))
                    .str("descriptor", c.descriptor(l));
                r.end();
            });
        });
    o.end();
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::model::action::{PlanItem, Status};
    use crate::domain::model::rubric::builtin;
    use crate::domain::model::samples;

    const INFO: PackageInfo = PackageInfo {
        title: "Quito · 15 March 2026",
        created: "2026-11-27",
        licence: Licence {
            name: "CC-BY-4.0",
            path: "https://creativecommons.org/licenses/by/4.0/",
            title: "Creative Commons Attribution 4.0",
        },
    };

    fn package(group: &[&Assessment]) -> serde_json::Value {
        serde_json::from_str(&data_package(group, builtin(), &INFO)).expect("valid JSON")
    }

    #[test]
    fn names_follow_the_spec() {
        assert_eq!(
            package_name("Quito · 15 March 2026"),
            "urban-data-maturity-quito-15-march-2026"
        );
        assert_eq!(
            package_name("São Paulo: Ônibus"),
            "urban-data-maturity-sao-paulo-onibus"
        );
        assert!(package_name(&"x ".repeat(300)).len() <= 100);
    }

    #[test]
    fn every_row_matches_its_schema() {
        let mut a = samples::reference(true);
        a.plan = vec![
            PlanItem {
                id: "p1".into(),
                competency: "open-data".into(),
                what: "Publish the bus feed, \"daily\"".into(),
                owner: "Transport".into(),
                due: crate::domain::date::IsoDate::parse("2027-03-31"),
                status: Status::Doing,
            },
            PlanItem {
                id: "p2".into(),
                competency: "analytics".into(),
                what: "A demand model".into(),
                ..PlanItem::default()
            },
        ];
        let p = package(&[&a]);
        assert_eq!(p["profile"], "tabular-data-package");
        assert_eq!(p["licenses"][0]["name"], "CC-BY-4.0");
        let resources = p["resources"].as_array().unwrap();
        let names: Vec<&str> = resources
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["levels", "plan", "rubric"]);
        for r in resources {
            let fields: Vec<(&str, &str)> = r["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
                .collect();
            for row in r["data"].as_array().unwrap() {
                let row = row.as_object().unwrap();
                assert_eq!(
                    row.len(),
                    fields.len(),
                    "{}: one value per field",
                    r["name"]
                );
                for (name, kind) in &fields {
                    let v = &row[*name];
                    let ok = match *kind {
                        "integer" => {
                            v.is_null() || v.as_u64().is_some_and(|n| (1..=5).contains(&n))
                        }
                        "date" => {
                            v.is_null()
                                || v.as_str().is_some_and(|s| {
                                    crate::domain::date::IsoDate::parse(s).is_some()
                                })
                        }
                        _ => v.is_string(),
                    };
                    assert!(ok, "{}.{name} = {v}", r["name"]);
                }
            }
        }
        assert_eq!(resources[0]["data"].as_array().unwrap().len(), 5);
        // The rubric carries the IDB's licence and credit, not the city's.
        assert_eq!(
            resources[2]["licenses"][0]["path"],
            "https://creativecommons.org/licenses/by-nc-nd/3.0/igo/"
        );
        assert!(resources[2]["sources"][0]["title"]
            .as_str()
            .unwrap()
            .contains("IDB-TN-1655"));
        assert_eq!(resources[2]["data"].as_array().unwrap().len(), 25);
    }

    #[test]
    fn a_group_has_no_plan_resource() {
        let a = samples::reference(true);
        let mut b = samples::reference(false);
        b.place = "Lima".into();
        let p = package(&[&a, &b]);
        let names: Vec<&str> = p["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["levels", "rubric"]);
        assert_eq!(p["resources"][0]["data"].as_array().unwrap().len(), 10);
    }
}
