//! Journal entries and full-text search through `Companion` (issue 5).
//!
//! Thin: each call validates nothing itself and hands the session's clock and zone to the
//! core, which does the work inside one transaction.

use reset_core::ResetError;
use reset_core::journal::distortion::DISTORTIONS;
use reset_core::journal::{
    CognitiveDistortion, JournalBody, JournalEdit, JournalEntry, JournalFilter, JournalInput,
    JournalKind, SearchHit, entries, input, search,
};

use crate::companion::{Companion, guarded};

#[uniffi::export]
impl Companion {
    /// Stores a journal entry of any kind, validated in full; nothing is stored if any field is bad.
    pub fn add_journal_entry(&self, input: JournalInput) -> Result<JournalEntry, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| entries::add(tx, input, now, zone))
        })
    }

    /// The journal entry with `id`. Throws `NotFound` if missing.
    pub fn journal_entry(&self, id: String) -> Result<JournalEntry, ResetError> {
        self.with(|s| entries::get(s.store.conn(), &id))
    }

    /// Journal entries matching `filter` (local-day range, kind), newest first.
    pub fn journal_entries(&self, filter: JournalFilter) -> Result<Vec<JournalEntry>, ResetError> {
        self.with(|s| entries::list(s.store.conn(), &filter))
    }

    /// Changes an entry's content, tags or instant; keeps `created_at`, sets `updated_at`.
    pub fn edit_journal_entry(
        &self,
        id: String,
        edit: JournalEdit,
    ) -> Result<JournalEntry, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| entries::edit(tx, &id, edit, now, zone))
        })
    }

    /// Permanently deletes an entry from the table and the search index (pages are zeroed).
    pub fn delete_journal_entry(&self, id: String) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| entries::delete(tx, &id)))
    }

    /// Turns "shared with my therapist" on or off for one entry (off by default).
    pub fn share_journal_entry(
        &self,
        id: String,
        shared: bool,
    ) -> Result<JournalEntry, ResetError> {
        self.with(|s| s.store.write(|tx| entries::set_shared(tx, &id, shared)))
    }

    /// Full-text search over journal entries and check-in notes, best first, with `[`…`]` snippets.
    ///
    /// Words are ANDed; `OR`, `"phrases"`, `prefix*` and `-excluded` work. A malformed query
    /// throws `InvalidInput` on `query`. `limit` defaults to 20 (at most 200).
    pub fn search_journal(
        &self,
        query: String,
        limit: Option<u32>,
    ) -> Result<Vec<SearchHit>, ResetError> {
        self.with(|s| search::search(s.store.conn(), &query, limit))
    }
}

/// Parses the JSON record of one journal kind (the shape of `tests/fixtures/journal/<kind>.json`).
#[uniffi::export]
pub fn journal_record_from_json(
    kind: JournalKind,
    json: String,
) -> Result<JournalBody, ResetError> {
    guarded(|| input::parse_record(kind, &json))
}

/// A journal body of `kind` whose main field holds `text` (thought: the automatic thoughts).
#[uniffi::export]
pub fn journal_body_from_text(kind: JournalKind, text: String) -> JournalBody {
    JournalBody::from_text(kind, &text)
}

/// Every cognitive distortion, in the documented order.
#[uniffi::export]
pub fn all_cognitive_distortions() -> Vec<CognitiveDistortion> {
    DISTORTIONS.iter().map(|(d, _, _)| *d).collect()
}

/// A readable name for a distortion ("mind reading").
#[uniffi::export]
pub fn cognitive_distortion_name(distortion: CognitiveDistortion) -> String {
    distortion.name().to_string()
}
