//! This tab and the others: what changed here and waits to be written, and
//! what storage (another tab, a save's merge) says it holds now.

use super::*;

impl AppState {
    /// Records that `id` changed here (or was deleted at `deleted_ms`).
    pub(super) fn changed(&mut self, id: &str, now_ms: u64, deleted_ms: Option<u64>) {
        self.changed_as(id, now_ms, deleted_ms, false);
    }

    /// As `changed`; a restore stays one until written, whatever edits
    /// follow it, and a deletion ends it.
    pub(super) fn changed_as(
        &mut self,
        id: &str,
        now_ms: u64,
        deleted_ms: Option<u64>,
        restore: bool,
    ) {
        self.revision += 1;
        let was_restore = self.pending.iter().any(|p| p.id == id && p.restore);
        self.pending.retain(|p| p.id != id);
        self.pending.push(Pending {
            id: id.to_string(),
            seq: self.revision,
            deleted_ms,
            restore: (restore || was_restore) && deleted_ms.is_none(),
        });
        self.backup.changed(now_ms);
    }

    /// Whether changes made here are held only in this tab: not written
    /// to storage (full, refused, stopped).
    pub fn held_only_here(&self) -> usize {
        let failing =
            self.storage.memory_only.is_some() || self.storage.last_write != WriteOutcome::Saved;
        if failing {
            self.pending.len()
        } else {
            0
        }
    }

    /// The assessment on screen that another tab deleted, as it was here:
    /// a form open on it stays, with what was typed.
    pub fn deleted_elsewhere(&self, id: &str) -> Option<&Assessment> {
        match &self.elsewhere {
            Some(Elsewhere::Deleted { gone, .. }) if gone.assessment.id == id => {
                Some(&gone.assessment)
            }
            _ => None,
        }
    }

    /// Brings back the assessment another tab deleted while it was on
    /// screen here, as a restore: it wins over that deletion whatever its
    /// clock said. Whether it is back.
    pub(super) fn undo_deleted_elsewhere(&mut self, id: &str, now_ms: u64) -> bool {
        if self.deleted_elsewhere(id).is_none() {
            return false;
        }
        let Some(Elsewhere::Deleted { mut gone, .. }) = self.elsewhere.take() else {
            return false;
        };
        gone.stamp_all(now_ms);
        let back = self.store.insert(*gone);
        if back {
            self.changed_as(id, now_ms, None, true);
        }
        back
    }
    /// Takes in what storage holds for `id`. Returns whether what this tab
    /// shows of it changed.
    pub(super) fn absorb(&mut self, id: &str, seen: Seen) -> Absorbed {
        let local = self.store.entry(id);
        let deleted_here = self
            .pending
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.deleted_ms);
        match (seen, local) {
            (Seen::Live(stored), Some(local)) => {
                let merged = merge(&local, &stored);
                if merged == local {
                    return Absorbed::Same;
                }
                let visible = merged.assessment != local.assessment;
                self.store.put(merged);
                if visible {
                    Absorbed::Changed
                } else {
                    Absorbed::Same
                }
            }
            (Seen::Live(stored), None) => match deleted_here {
                // Deleted here, not yet saved: the later of the two wins.
                Some(at_ms) => {
                    match merge_records(&Record::Deleted { at_ms }, &Record::Live(stored)) {
                        Record::Live(e) => {
                            self.pending.retain(|p| p.id != id);
                            self.store.insert(e);
                            Absorbed::Changed
                        }
                        Record::Deleted { .. } => Absorbed::Same,
                    }
                }
                None => {
                    self.store.insert(stored);
                    Absorbed::Changed
                }
            },
            (Seen::Deleted { at_ms }, Some(local)) => {
                if at_ms >= local.clock.latest() {
                    self.store.remove(id);
                    self.pending.retain(|p| p.id != id);
                    Absorbed::Deleted(Box::new(local))
                } else {
                    // Edited here after that deletion: the edit stands, and
                    // is written again over the deletion.
                    self.changed(id, local.clock.latest(), None);
                    Absorbed::Same
                }
            }
            (Seen::Absent, Some(local)) => {
                // Gone from storage without a deletion (cleared by hand, or
                // set aside): this tab still has it, so nothing is lost.
                self.changed(id, local.clock.latest(), None);
                Absorbed::Same
            }
            (Seen::Deleted { .. } | Seen::Absent, None) => Absorbed::Same,
        }
    }

    /// Takes in several records; notes what changed on screen.
    pub(super) fn absorb_all(&mut self, seen: Vec<(String, Seen)>) {
        let shown = self.route.assessment_id().map(str::to_string);
        let lists = matches!(self.route, Route::Home | Route::Compare | Route::Merge);
        for (id, s) in seen {
            let outcome = self.absorb(&id, s);
            let on_screen = shown.as_deref() == Some(id.as_str());
            match outcome {
                Absorbed::Same => {}
                Absorbed::Changed if on_screen => self.elsewhere = Some(Elsewhere::Changed),
                Absorbed::Deleted(gone) if on_screen => {
                    self.elsewhere = Some(Elsewhere::Deleted {
                        title: gone.assessment.title().to_string(),
                        gone,
                        dismissed: false,
                    })
                }
                Absorbed::Changed | Absorbed::Deleted(_) if lists => {
                    self.elsewhere = Some(Elsewhere::List)
                }
                Absorbed::Changed | Absorbed::Deleted(_) => {}
            }
        }
    }
}

/// What taking in one record did to what this tab shows.
pub(super) enum Absorbed {
    Same,
    Changed,
    Deleted(Box<Entry>),
}
