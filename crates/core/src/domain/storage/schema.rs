//! The stored shape's version and envelope, the one reader of assessment
//! entries and the plan for a stored value of any version: what `record`
//! (one assessment's record) and `store` (all of them) both build on, so
//! neither imports the other for it.

use crate::domain::formats::json::{self, Json};
use crate::domain::model::assessment::Assessment;
use crate::domain::model::rubric::is_slug;
use crate::domain::order::order;

pub const STORE_FORMAT: &str = "budmm-store";
/// Bump when the stored shape changes, and add a step to `migrate`.
///
/// 1: the first release. 2: adds an assessment's action plan (`plan`) and the
/// number of `respondents` an agreed assessment came from. 3: one record per
/// assessment with the time of each field's last write; plan items have ids.
pub const SCHEMA: u64 = 3;
/// The last schema that kept every assessment under `STORE_KEY`.
pub const LEGACY_SCHEMA: u64 = 2;
/// Far above what localStorage holds (about 5 MB); anything larger is not ours.
pub const MAX_STORED_BYTES: usize = 16 * 1024 * 1024;
/// One assessment with notes at their limit is about 25 KB.
pub const MAX_RECORD_BYTES: usize = 512 * 1024;
/// No group of respondents is larger; a bigger count is not ours.
pub const MAX_RESPONDENTS: u32 = 10_000;

/// What `STORE_KEY` holds from schema 3 on. A version before it reads this
/// as "from a newer version", leaves it alone, and saves nothing.
pub fn marker() -> String {
    format!(
        "{{\"format\":\"{STORE_FORMAT}\",\"schema\":{SCHEMA},\"layout\":\"one key per assessment\"}}"
    )
}

/// The outer fields of a JSON envelope (stored data and exported files
/// share it), read before any entry: the entries are read one by one later,
/// so one damaged entry costs only itself.
pub(crate) struct Envelope<'a> {
    pub format: Option<String>,
    pub schema: Option<u64>,
    root: Json<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnvelopeError {
    NotJson,
    NotOurs,
}

pub(crate) fn read_envelope(raw: &str) -> Result<Envelope<'_>, EnvelopeError> {
    let root = json::parse(raw).map_err(|_| EnvelopeError::NotJson)?;
    if !root.is_obj() {
        return Err(EnvelopeError::NotOurs);
    }
    Ok(Envelope {
        format: root.get("format").and_then(Json::str).map(str::to_string),
        schema: root.get("schema").and_then(Json::u64),
        root,
    })
}

impl<'a> Envelope<'a> {
    /// The list of entries; `None` when it is not a list.
    pub(crate) fn entries(&self) -> Option<&[Json<'a>]> {
        self.root.get("assessments")?.arr()
    }
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the saved data is larger than this app ever writes")]
    TooLarge,
    #[error("the saved data is not readable JSON (it may be cut off or edited)")]
    NotJson,
    #[error("the saved data was not written by this app")]
    NotOurs,
    #[error("the saved data comes from a newer version of this app (format {found})")]
    Newer { found: u64 },
    #[error("the saved data is damaged: {0}")]
    Invalid(String),
}

/// Assessments read from a list of entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadEntries {
    pub assessments: Vec<Assessment>,
    /// Entries that could not be read (damaged, or an id seen before).
    pub skipped: usize,
    /// Entries read with notes longer than the editor allows, cut to fit.
    pub shortened: usize,
}

/// Reads each entry on its own, so one damaged entry costs only itself.
/// Every limit the editor has is enforced here, at read time, so nothing
/// over a limit gets in to be cut silently later. Linear in the number of
/// entries (ids are checked for repeats by sorting, not pair by pair).
pub fn read_entries(items: &[Json]) -> ReadEntries {
    let mut out = ReadEntries::default();
    let mut read: Vec<(usize, Assessment)> = Vec::new();
    for (at, item) in items.iter().enumerate() {
        match Assessment::from_json(item) {
            Some(mut a)
                if is_slug(&a.id)
                    && a.details().problems().is_empty()
                    && a.respondents
                        .is_none_or(|n| (1..=MAX_RESPONDENTS).contains(&n)) =>
            {
                a.settle_plan_ids();
                if !a.extras_are_valid() {
                    out.skipped += 1;
                    continue;
                }
                if a.fit_limits() {
                    out.shortened += 1;
                }
                read.push((at, a));
            }
            _ => out.skipped += 1,
        }
    }
    // The first of each id wins, as it always has.
    let order = order(read.len(), &|x, y| read[x].1.id.cmp(&read[y].1.id));
    let mut keep = vec![true; read.len()];
    for pair in order.windows(2) {
        if read[pair[0]].1.id == read[pair[1]].1.id {
            keep[pair[1]] = false;
        }
    }
    for ((_, a), keep) in read.into_iter().zip(keep) {
        if keep {
            out.assessments.push(a);
        } else {
            out.skipped += 1;
        }
    }
    out
}

/// Brings the entries of data written under any released schema that kept
/// whole stores (1 and 2) up to the current entry shape, one step per
/// version, each with a golden test of its old shape. Shared by stored data
/// and exported files, which use the same entries.
pub(crate) fn migrate<'e, 'a>(
    schema: u64,
    entries: &'e [Json<'a>],
) -> Result<&'e [Json<'a>], StoreError> {
    match schema {
        // 1 -> 2 added only optional fields (`plan`, `respondents`) whose
        // absence means "none"; 2 -> 3 added plan item ids, which reading
        // gives to items that have none. So older entries read as they are.
        1 | LEGACY_SCHEMA => Ok(entries),
        other => Err(StoreError::Invalid(format!("unknown format {other}"))),
    }
}

/// Assessments in the pre-schema-3 shape: one value with all of them.
/// Still written, for "Download all" (`exchange` wraps the same entries).
pub fn encode_legacy(assessments: &[Assessment]) -> String {
    let mut out = String::new();
    let mut o = json::ObjWriter::new(&mut out);
    o.str("format", STORE_FORMAT)
        .num("schema", LEGACY_SCHEMA)
        .with("assessments", |out| {
            json::write_list(out, assessments, |out, a| a.write_json(out))
        });
    o.end();
    out
}

/// What the app may do with `STORE_KEY` after reading it. The one rule behind
/// every case: saved data is only overwritten once what it held is safe,
/// either moved into records or copied aside.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadPlan {
    /// Nothing saved yet, or saved as records (schema 3): read the records.
    Records,
    /// A whole store from schema 1 or 2, all of it readable: write each
    /// assessment as a record, then the marker.
    Migrate(Vec<Assessment>),
    /// Some or none of it could be read: copy the raw value aside first, then
    /// migrate what was read. If the copy fails, work in memory only.
    SetAsideThenMigrate {
        assessments: Vec<Assessment>,
        skipped: usize,
        shortened: usize,
        reason: StoreError,
    },
    /// Written by a newer version: leave it exactly as it is, work in memory.
    LeaveAlone { found: u64 },
}

pub fn plan_load(raw: Option<&str>) -> LoadPlan {
    let Some(raw) = raw else {
        return LoadPlan::Records;
    };
    let set_aside = |reason| LoadPlan::SetAsideThenMigrate {
        assessments: Vec::new(),
        skipped: 0,
        shortened: 0,
        reason,
    };
    if raw.len() > MAX_STORED_BYTES {
        return set_aside(StoreError::TooLarge);
    }
    let envelope = match read_envelope(raw) {
        Ok(e) => e,
        Err(EnvelopeError::NotJson) => return set_aside(StoreError::NotJson),
        Err(EnvelopeError::NotOurs) => return set_aside(StoreError::NotOurs),
    };
    if envelope.format.as_deref() != Some(STORE_FORMAT) {
        return set_aside(StoreError::NotOurs);
    }
    let schema = match envelope.schema {
        None => return set_aside(StoreError::Invalid("no schema version".into())),
        Some(s) if s > SCHEMA => return LoadPlan::LeaveAlone { found: s },
        Some(SCHEMA) => return LoadPlan::Records,
        Some(s) => s,
    };
    let Some(entries) = envelope.entries() else {
        return set_aside(StoreError::Invalid("no list of assessments".into()));
    };
    let entries = match migrate(schema, entries) {
        Ok(e) => e,
        Err(reason) => return set_aside(reason),
    };
    let read = read_entries(entries);
    if read.skipped == 0 && read.shortened == 0 {
        return LoadPlan::Migrate(read.assessments);
    }
    let reason = StoreError::Invalid(format!(
        "{} assessment(s) could not be read, {} shortened",
        read.skipped, read.shortened
    ));
    LoadPlan::SetAsideThenMigrate {
        assessments: read.assessments,
        skipped: read.skipped,
        shortened: read.shortened,
        reason,
    }
}
