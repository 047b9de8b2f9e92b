//! Writes the catalogs the web app fetches when a user picks a language:
//! `<dir>/<lang>.json` for every language, in the flat form of
//! `i18n::write_flat`. Run by the release build (scripts/lib.sh) before
//! trunk; the files carry the catalogs' version, which the wasm checks.
//! English is compiled into every entry point: its table is not served,
//! but `scripts/assemble.mjs` reads it to see which strings each page's
//! code holds, and writes each page a table of those alone.

use budmm_core::i18n::{write_flat, BUILT_IN};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/catalogs".into()),
    );
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for m in BUILT_IN {
        let path = dir.join(format!("{}.json", m.lang));
        if let Err(e) = std::fs::write(&path, write_flat(m)) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
