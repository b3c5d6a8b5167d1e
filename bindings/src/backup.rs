//! Encrypted backup, verified restore and the canonical JSON dump through `Companion`
//! (issue 8). Thin: the core does the work; this file adapts paths, passphrases and the
//! foreign progress listener.

use std::path::Path;
use std::sync::Arc;

use reset_core::ResetError;
use reset_core::backup::{
    self, BackupOptions, BackupSummary, KindOverview, Passphrase, RestoreSummary,
};
use reset_core::dump::{self, DumpSummary};
use reset_core::progress::Progress;

use crate::companion::Companion;

/// Receives the progress of a long operation (backup, restore, export) so the app can show a
/// bar. Called on the thread doing the work; keep it short and do not call back into the
/// `Companion` from it (the call in progress holds the profile).
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// `done` out of `total` units of work; `done` only grows and the last call has `done == total`.
    fn on_progress(&self, done: u64, total: u64);
}

/// Forwards the core's progress reports to an optional foreign listener.
pub(crate) struct Forward(pub Option<Arc<dyn ProgressListener>>);

impl Progress for Forward {
    fn report(&self, done: u64, total: u64) {
        if let Some(listener) = &self.0 {
            listener.on_progress(done, total);
        }
    }
}

/// A strong random passphrase to offer when the person makes a backup (five groups of five
/// letters and digits, about 124 bits); it always passes [`Companion::create_backup`]'s check.
#[uniffi::export]
pub fn generate_backup_passphrase() -> Result<String, ResetError> {
    crate::companion::guarded(|| Ok(backup::generate_passphrase()?.to_string()))
}

#[uniffi::export]
impl Companion {
    /// Writes an encrypted backup of the whole profile to `path`, replacing an earlier file
    /// there — but never a profile's database, its side files or a key file (any profile's):
    /// those are `InvalidInput` on `out`.
    ///
    /// The passphrase must be one [`generate_backup_passphrase`] made (five groups of five
    /// letters and digits, checked by form; any case, `-` or spaces between groups), else
    /// `InvalidInput` on `passphrase`: show the generated one and have the person type it
    /// back (ADR 0011). (The CLI's build also accepts a person-chosen passphrase rated zxcvbn
    /// score 4.) It is stretched with Argon2id — deliberately about a second of work on a phone — and the
    /// profile is sealed with XChaCha20-Poly1305. Keep the passphrase: without it the backup
    /// cannot be opened by anyone, including us.
    pub fn create_backup(
        &self,
        path: String,
        passphrase: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary, ResetError> {
        let passphrase = Passphrase::for_new_backup(passphrase).map_err(ResetError::from)?;
        self.with(|s| {
            let now = s.now()?;
            backup::create_file(
                &s.store,
                &s.key,
                Path::new(&path),
                &passphrase,
                now,
                &BackupOptions::default(),
                &Forward(listener),
            )
        })
    }

    /// Replaces the whole profile with the backup at `path`, after verifying all of it.
    ///
    /// Throws `WrongKey` for a wrong passphrase, `Corrupt` for a damaged, truncated or altered
    /// file, `UnsupportedVersion` for a backup from a newer app, `NotFound` if there is no
    /// file; in every such case the current profile is exactly as it was. A backup from an
    /// older app is upgraded. The restored profile is encrypted with this device's key.
    pub fn restore_backup(
        &self,
        path: String,
        passphrase: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<RestoreSummary, ResetError> {
        // No policy on restore: whatever was typed is tried, and a wrong one is `WrongKey`.
        let passphrase = Passphrase::for_restore(passphrase);
        self.with(|s| {
            let key = s.key.clone();
            backup::restore_file(
                &mut s.store,
                &key,
                Path::new(&path),
                &passphrase,
                &Forward(listener),
            )
        })
    }

    /// What a restore would replace: each kind of record in the current profile, how many,
    /// and when the newest was made. Show it and ask before calling [`Self::restore_backup`].
    pub fn profile_overview(&self) -> Result<Vec<KindOverview>, ResetError> {
        self.with(|s| {
            // A restore after this refuses if anything was saved elsewhere in between.
            s.store.note_overview()?;
            backup::profile_overview(s.store.conn())
        })
    }

    /// Writes the canonical JSON dump of the whole profile to `path`: every table and row in
    /// a fixed order, so equal profiles give identical files. The file is NOT encrypted —
    /// it holds everything, journal text included; it is for moving data and for checks.
    pub fn export_dump(
        &self,
        path: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<DumpSummary, ResetError> {
        self.with(|s| {
            dump::write_file(
                s.store.conn(),
                s.store.path(),
                Path::new(&path),
                &Forward(listener),
            )
        })
    }
}
