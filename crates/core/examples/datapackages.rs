//! Writes two data packages made from the reference assessment, one of a
//! single assessment (with its plan) and one of a group of places
//! (anonymised), for the test command to check with the reference
//! validator (`frictionless validate`, scripts/test.sh):
//!
//!     cargo run -p budmm-core --example datapackages -- <dir>

use budmm_core::domain::date::IsoDate;
use budmm_core::domain::formats::datapackage::{data_package, Licence, PackageInfo};
use budmm_core::domain::model::action::{PlanItem, Status};
use budmm_core::domain::model::rubric::builtin;
use budmm_core::domain::model::samples;
use budmm_core::domain::region::cohort::anonymised;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/datapackages".into()),
    );
    let licence = Licence {
        name: "CC-BY-4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
        title: "Creative Commons Attribution 4.0",
    };
    let mut one = samples::reference(true);
    one.plan = vec![PlanItem {
        id: "p1".into(),
        competency: "open-data".into(),
        what: "Publish the bus GPS feed; \"daily\"".into(),
        owner: "Transport".into(),
        due: IsoDate::parse("2027-03-31"),
        status: Status::Doing,
    }];
    let places: Vec<_> = ["Quito", "Lima", "São Paulo"]
        .iter()
        .map(|p| {
            let mut a = anonymised(&samples::reference(true));
            a.place = p.to_string();
            a
        })
        .collect();
    let packages = [
        (
            "single",
            data_package(
                &[&one],
                builtin(),
                &PackageInfo {
                    title: "Fortaleza 2026",
                    created: "2026-11-27",
                    licence,
                },
            ),
        ),
        (
            "group",
            data_package(
                &places.iter().collect::<Vec<_>>(),
                builtin(),
                &PackageInfo {
                    title: "Three cities",
                    created: "2026-11-27",
                    licence: Licence {
                        name: "ODC-By-1.0",
                        path: "https://opendatacommons.org/licenses/by/1-0/",
                        title: "Open Data Commons Attribution License v1.0",
                    },
                },
            ),
        ),
    ];
    for (name, json) in packages {
        let folder = dir.join(name);
        if let Err(e) = std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(folder.join("datapackage.json"), json))
        {
            eprintln!("cannot write {}: {e}", folder.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
