//! What this page leaves for the next page of the tab: the handover and
//! the journal of unsaved work (`domain::storage::handoff`).

use super::*;

impl AppState {
    /// What the page at `to` must take over when this one leaves for it
    /// (`domain::storage::handoff`): changes not yet written, the message on screen
    /// and a pending reload, if there are any.
    pub fn carry(&self, to: &str) -> Option<String> {
        let note = match self.flash {
            Some(Flash::SavedCopy) => Some(Note::SavedCopy),
            Some(Flash::AlreadySaved) => Some(Note::AlreadySaved),
            Some(Flash::SavedAgreed { respondents }) => Some(Note::SavedAgreed { respondents }),
            // Made and shown on the first page only (imports, deletions).
            _ => None,
        };
        let reload = self.update == Update::Requested;
        (note.is_some() || reload || !self.pending.is_empty())
            .then(|| handoff::encode(&self.unsaved(), note, reload, to))
    }

    /// What the tab's journal of unsaved work should become: while storage
    /// fails, every change not yet written, for any page of the tab (Back,
    /// reload); nothing once all is written. Not while saving is stopped
    /// for a newer version: the journal may hold its records.
    pub fn journal(&self) -> Journal {
        let failing =
            self.storage.memory_only.is_some() || self.storage.last_write != WriteOutcome::Saved;
        if self.pending.is_empty() {
            Journal::Clear
        } else if failing
            && !matches!(
                self.storage.memory_only,
                Some(MemoryReason::NewerVersion { .. })
            )
        {
            Journal::Write(handoff::encode(&self.unsaved(), None, false, ""))
        } else {
            Journal::Keep
        }
    }

    /// This tab's changes not yet written, as records.
    pub fn unsaved(&self) -> Vec<(String, Record)> {
        self.pending
            .iter()
            .filter_map(|p| match p.deleted_ms {
                Some(at_ms) => Some((p.id.clone(), Record::Deleted { at_ms })),
                None => self
                    .store
                    .entry(&p.id)
                    .map(|e| (p.id.clone(), Record::Live(e))),
            })
            .collect()
    }
}
