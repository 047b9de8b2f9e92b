//! Every decoder of outside input, fed the same arbitrary bytes: share links,
//! assessment files, stored data (whole stores, records, the backup
//! preference, set-aside values), the handover between pages, routes and
//! the regional card's payload and file path.
//! None may panic.
#![no_main]

use budmm_core::domain::model::rubric::builtin;
use budmm_core::domain::formats::{base64url, exchange, share};
use budmm_core::domain::region::cohort_link;
use budmm_core::domain::route;
use budmm_core::domain::storage::{backup, handoff, record, store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = exchange::parse_file(data, builtin());
    let text = String::from_utf8_lossy(data);
    let _ = store::plan_load(Some(&text));
    let _ = record::decode_record("budmm.a.a1", &text);
    let _ = record::judge_set_aside(&text);
    let _ = handoff::decode(&text);
    let _ = backup::Backup::parse(Some(&text));
    let _ = route::Route::parse(&text);
    let _ = base64url::decode(&text);
    let _ = share::decode("1", &text, builtin());
    let _ = route::decode_link(&text, builtin());
    // Also as a payload that is valid base64url, so the inflater and the
    // JSON reader behind it get arbitrary input too.
    let _ = share::decode("1", &base64url::encode(data), builtin());
    let _ = cohort_link::decode("1", &text, builtin());
    let _ = cohort_link::decode("1", &base64url::encode(data), builtin());
    let _ = cohort_link::file_path(&text);
});
