//! CSV export: one row per competency, for spreadsheets. UTF-8 with a byte
//! order mark, so spreadsheet programs do not misread accents.

use crate::domain::model::assessment::{Assessment, Subject};
use crate::domain::model::plan::Status;
use crate::domain::model::rubric::Rubric;

/// Column headers and fixed words, from the message catalog; the delimiter
/// too, since spreadsheets in many locales expect `;`.
pub struct CsvLabels<'a> {
    pub delimiter: char,
    pub headers: [&'a str; 8],
    pub not_assessed: &'a str,
    /// Competency names in the reader's language, in rubric order, and level
    /// names, level 1 first; the rubric's own where missing.
    pub names: Names<'a>,
}

#[derive(Clone, Default)]
pub struct Names<'a> {
    pub competencies: Vec<&'a str>,
    pub levels: Vec<&'a str>,
}

impl Names<'_> {
    fn competency(&self, rubric: &Rubric, id: &str) -> String {
        let at = rubric.competencies.iter().position(|c| c.id == id);
        match at {
            Some(i) => self
                .competencies
                .get(i)
                .map_or_else(|| rubric.competencies[i].title.clone(), |n| n.to_string()),
            None => id.to_string(),
        }
    }
    fn level(&self, rubric: &Rubric, level: crate::domain::model::rubric::Level) -> String {
        self.levels
            .get(level.index())
            .map_or_else(|| rubric.level(level).name.clone(), |n| n.to_string())
    }
}

pub fn export_csv(a: &Assessment, rubric: &Rubric, labels: &CsvLabels) -> String {
    cohort_csv(&[a], rubric, labels)
}

/// Several assessments in one table (a group of places, for the regional
/// view): one row per place and competency, under one header.
pub fn cohort_csv(group: &[&Assessment], rubric: &Rubric, labels: &CsvLabels) -> String {
    let d = labels.delimiter;
    let mut out = String::from("\u{feff}");
    push_row(&mut out, d, labels.headers.iter().map(|h| h.to_string()));
    for a in group {
        for c in &rubric.competencies {
            let r = a.rating(&c.id);
            let level = r.and_then(|r| r.level);
            let target = r.and_then(|r| r.target);
            push_row(
                &mut out,
                d,
                [
                    // The initiative's name; empty for a whole city, whose
                    // name is the next column's.
                    match &a.subject {
                        Subject::Initiative { name } => name.clone(),
                        Subject::City => String::new(),
                    },
                    a.place.clone(),
                    a.date.as_str().to_string(),
                    labels.names.competency(rubric, &c.id),
                    level.map_or(String::new(), |l| l.to_string()),
                    level.map_or(labels.not_assessed.to_string(), |l| {
                        labels.names.level(rubric, l)
                    }),
                    target.map_or(String::new(), |l| l.to_string()),
                    r.map_or(String::new(), |r| r.notes.clone()),
                ]
                .into_iter(),
            );
        }
    }
    out
}

/// Words for the action-plan CSV, from the message catalog.
pub struct PlanCsvLabels<'a> {
    pub delimiter: char,
    pub headers: [&'a str; 7],
    /// For to do, in progress, done.
    pub statuses: [&'a str; 3],
    pub names: Names<'a>,
}

/// The action plan, one row per action, in the order written.
pub fn plan_csv(a: &Assessment, rubric: &Rubric, labels: &PlanCsvLabels) -> String {
    let d = labels.delimiter;
    let mut out = String::from("\u{feff}");
    push_row(&mut out, d, labels.headers.iter().map(|h| h.to_string()));
    for p in &a.plan {
        let competency = labels.names.competency(rubric, &p.competency);
        let status = Status::ALL
            .iter()
            .position(|s| *s == p.status)
            .map_or("", |i| labels.statuses[i]);
        push_row(
            &mut out,
            d,
            [
                a.title().to_string(),
                a.date.as_str().to_string(),
                competency,
                p.what.clone(),
                p.owner.clone(),
                p.due
                    .as_ref()
                    .map_or(String::new(), |x| x.as_str().to_string()),
                status.to_string(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, delimiter: char, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| cell(&c, delimiter)).collect();
    out.push_str(&cells.join(&delimiter.to_string()));
    out.push_str("\r\n");
}

/// Quotes when needed (RFC 4180), and defuses text a spreadsheet would run as
/// a formula (`=`, `+`, `-`, `@` at the start) by prefixing an apostrophe.
fn cell(text: &str, delimiter: char) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    // Both separators, whichever this file uses: a spreadsheet set to split
    // on the other one would otherwise cut the cell there, and a part after
    // the cut could start with "=" and run as a formula.
    if text.contains([delimiter, ',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::formats::share::tests::reference;
    use crate::domain::model::rubric::builtin;

    #[test]
    fn names_come_in_the_readers_language() {
        let labels = CsvLabels {
            names: Names {
                competencies: vec!["Datos abiertos"],
                levels: vec!["Ad hoc", "Básico"],
            },
            ..labels()
        };
        let csv = export_csv(&reference(false), builtin(), &labels);
        assert!(csv.contains(",Datos abiertos,2,Básico,3,"), "{csv}");
        assert!(
            csv.contains(",Analytics,2,Básico,3,"),
            "the rubric's own name where missing"
        );
    }

    fn labels() -> CsvLabels<'static> {
        CsvLabels {
            names: Names::default(),
            ..LABELS
        }
    }

    const LABELS: CsvLabels = CsvLabels {
        delimiter: ',',
        headers: [
            "Initiative",
            "City",
            "Date",
            "Competency",
            "Level",
            "Level name",
            "Target",
            "Notes",
        ],
        not_assessed: "Not assessed",
        names: Names {
            competencies: Vec::new(),
            levels: Vec::new(),
        },
    };

    #[test]
    fn a_group_is_one_row_per_place_and_competency_under_one_header() {
        let a = reference(false);
        let mut b = reference(false);
        b.place = "Lima; Perú".into();
        let csv = cohort_csv(&[&a, &b], builtin(), &LABELS);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 1 + 2 * 5);
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains("Initiative,City"))
                .count(),
            1
        );
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains("\"Lima; Perú\""))
                .count(),
            5,
            "quoted: it holds a separator"
        );
        assert_eq!(
            cohort_csv(&[&a], builtin(), &LABELS),
            export_csv(&a, builtin(), &LABELS)
        );
    }

    #[test]
    fn one_row_per_competency_with_bom_and_header() {
        let csv = export_csv(&reference(false), builtin(), &LABELS);
        assert!(csv.starts_with(
            "\u{feff}Initiative,City,Date,Competency,Level,Level name,Target,Notes\r\n"
        ));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[1], ",Fortaleza,2026-03-15,Open Data,2,Basic,3,");
        assert_eq!(
            lines[5],
            ",Fortaleza,2026-03-15,Participation & Public Services,1,Ad hoc,2,"
        );
    }

    #[test]
    fn quotes_and_formulas_are_made_safe() {
        let mut a = reference(false);
        a.edit_rating("analytics", |r| {
            r.level = None;
            r.notes = "=HYPERLINK(\"http://x\"),\nsecond line".into()
        });
        let csv = export_csv(&a, builtin(), &LABELS);
        assert!(
            csv.contains(",,Not assessed,3,\"'=HYPERLINK(\"\"http://x\"\"),\nsecond line\"\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn a_cell_with_either_separator_is_quoted_whatever_the_file_uses() {
        for delimiter in [',', ';'] {
            assert_eq!(cell("a,=1+1", delimiter), "\"a,=1+1\"");
            assert_eq!(cell("a;=1+1", delimiter), "\"a;=1+1\"");
            assert_eq!(cell("plain", delimiter), "plain");
        }
    }

    proptest::proptest! {
        /// Split on either separator, outside quotes, no piece of any
        /// exported cell starts with a formula character.
        #[test]
        fn no_piece_of_a_cell_can_run_as_a_formula(text in "\\PC{0,30}", semicolon in proptest::bool::ANY) {
            let d = if semicolon { ';' } else { ',' };
            let out = cell(&text, d);
            if !out.starts_with('"') {
                for piece in out.split([',', ';']) {
                    proptest::prop_assert!(!piece.starts_with(['=', '+', '-', '@']), "{out}");
                }
            }
        }
    }

    #[test]
    fn plan_rows_follow_the_actions() {
        use crate::domain::model::assessment::IsoDate;
        use crate::domain::model::plan::PlanItem;
        let mut a = reference(false);
        a.plan = vec![
            PlanItem {
                id: "p1".into(),
                competency: "open-data".into(),
                what: "Publish the bus feed; daily".into(),
                owner: "Transport".into(),
                due: IsoDate::parse("2027-03-31"),
                status: Status::Doing,
            },
            PlanItem {
                competency: "analytics".into(),
                what: "-1 backlog".into(),
                ..Default::default()
            },
        ];
        let labels = PlanCsvLabels {
            delimiter: ';',
            headers: [
                "Subject",
                "Date",
                "Competency",
                "Action",
                "Owner",
                "Due",
                "Status",
            ],
            statuses: ["To do", "In progress", "Done"],
            names: Names::default(),
        };
        let csv = plan_csv(&a, builtin(), &labels);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Subject;Date;Competency;Action;Owner;Due;Status"
        );
        assert_eq!(
            lines[1],
            "Fortaleza;2026-03-15;Open Data;\"Publish the bus feed; daily\";Transport;2027-03-31;In progress"
        );
        assert_eq!(
            lines[2],
            "Fortaleza;2026-03-15;Analytics;'-1 backlog;;;To do"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn semicolon_locales_get_semicolons() {
        let labels = CsvLabels {
            delimiter: ';',
            ..LABELS
        };
        let csv = export_csv(&reference(false), builtin(), &labels);
        assert!(csv.contains(";Fortaleza;2026-03-15;Open Data;2;Basic;3;\r\n"));
    }
}
