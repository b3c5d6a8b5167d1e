//! `reset erase`: deletes a profile — only a file that is evidently one — and, with
//! `--everything`, what the product provably wrote for it: the tour's demo folder (it carries
//! the tour's marker), this profile's automatic backups in its remembered folder (those its
//! recovery key opens — never another profile's in a shared folder) and temporary files a
//! killed writer left beside it. Nothing is chosen by a name pattern alone: a person's own
//! `exports/report-*.pdf` or `backups/*.rcbackup` beside `--db` is never listed or removed
//! (hostile review 3, F1). The recovery key file goes with the profile.
//!
//! Must never: delete or change a file that is not a profile (a `--db` typo pointing at a
//! thesis is refused with `invalid_input` and left byte-for-byte and mode-for-mode as it
//! was), or say "erased" while the product's own copies of the data remain unmentioned.

use std::path::{Path, PathBuf};

use reset_core::{Error, ResetError};
use serde_json::json;

use crate::output::Output;
use crate::{Ctx, profile, tour};

/// Runs `erase [--yes] [--everything]`.
pub fn run(ctx: &Ctx, yes: bool, everything: bool, unreadable: bool) -> Result<Output, ResetError> {
    let extras = product_files(&ctx.db);
    // The same question as every destructive command: asked on a terminal, `--yes` elsewhere.
    crate::ask::confirm(
        yes,
        &format!(
            "erase deletes this profile ({}), every entry in it and its key, and cannot be undone",
            crate::output::shown_path(&ctx.db)
        ),
        "Erase it?",
        crate::ask::WithoutYes::Refuse,
    )?;
    let present = match std::fs::symlink_metadata(&ctx.db) {
        Ok(meta) if meta.file_type().is_file() => true,
        Ok(_) => return Err(not_a_profile("it is not a regular file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::from(e).into()),
    };
    let nothing_to_do = !present && (!everything || extras.is_empty());
    if nothing_to_do {
        return Err(Error::not_found(format!("a profile at {}", ctx.db.display())).into());
    }
    let (key_kept_for, owned_backups, elsewhere) = if present {
        erase_profile(ctx, unreadable)?
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let mut extras = extras;
    extras.extend(owned_backups);
    let listed: Vec<String> = extras.iter().map(|p| p.display().to_string()).collect();
    if everything {
        for path in &extras {
            remove(path)?;
            // An emptied exports/ or backups/ folder goes too.
            if let Some(parent) = path.parent() {
                let name = parent.file_name().map(|n| n.to_string_lossy().into_owned());
                if matches!(name.as_deref(), Some("auto-backups")) {
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
    }
    if everything && ctx.default_db {
        // The default data folder, if erasing left it empty.
        if let Some(folder) = ctx.db.parent() {
            let _ = std::fs::remove_dir(folder);
        }
    }
    let mut human = match (present, key_kept_for.is_empty()) {
        (true, true) => format!("erased {} and its key\n", shown(&ctx.db)),
        (true, false) => format!(
            "erased {}; kept its key file {}: {} beside it uses the same key\n",
            shown(&ctx.db),
            shown(&profile::key_path(&ctx.db)),
            key_kept_for
                .iter()
                .map(|p| shown(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (false, _) => format!("no profile at {}\n", shown(&ctx.db)),
    };
    match (extras.is_empty(), everything) {
        (true, _) => {}
        (false, true) => {
            human.push_str("also removed what Reset Companion wrote beside it:\n");
            for p in &listed {
                human.push_str(&format!("  {p}\n"));
            }
        }
        (false, false) => {
            human.push_str(
                "still there — Reset Companion wrote these for this profile or its tour (backups hold your entries):\n",
            );
            for p in &listed {
                human.push_str(&format!("  {p}\n"));
            }
            human.push_str("run `reset erase --yes --everything` to remove them too\n");
        }
    }
    // Names older tours used, which nothing shows Reset wrote: said, never removed (F1).
    let mut unclaimed: Vec<String> = if present {
        older_tour_names(&ctx.db)
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    } else {
        Vec::new()
    };
    if !elsewhere.is_empty() {
        human.push_str("not removed — automatic backups in another profile's folder (this profile looks like a copy of it; they are that profile's):\n");
        for p in &elsewhere {
            human.push_str(&format!("  {}\n", p.display()));
        }
        unclaimed.extend(elsewhere.iter().map(|p| p.display().to_string()));
    }
    if !unclaimed.is_empty() {
        human.push_str("not removed — named like an older tour's report or backup, but nothing shows Reset Companion wrote them; check and delete them yourself if they are:\n");
        for p in &unclaimed {
            human.push_str(&format!("  {p}\n"));
        }
    }
    // Reset Companion keeps no list of the files a person wrote elsewhere (F31).
    human.push_str(NOT_REMOVED);
    human.push('\n');
    let json = json!({
        "erased": present,
        "path": ctx.db.display().to_string(),
        "also_written_by_reset": listed,
        "removed_also_written": everything,
        "not_claimed": unclaimed,
        "key_kept_for": key_kept_for.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "not_removed": NOT_REMOVED,
    });
    Ok(Output::new(json, human))
}

/// What erase never removes, said every time (new-user review F31).
const NOT_REMOVED: &str = "not removed: files written with --out elsewhere (exports, JSON dumps — plaintext — and backups); Reset Companion keeps no list of them, so delete those yourself";

fn shown(path: &Path) -> String {
    crate::output::shown_path(path)
}

/// Erases the profile at `ctx.db` if it is evidently one: it opens with its key — or, only
/// with `--unreadable`, it has the shape of an encrypted profile with its key file beside it
/// but that key does not open it (lost, damaged or another profile's key). Without the flag
/// such a file is refused, naming what failed, and nothing is touched.
///
/// Returns the other databases beside it keyed with the same key file (`profile.db` and
/// `profile.sqlite` share `profile.key`): the key file is then kept, so erasing one never
/// makes the other unreadable (hostile F3).
///
/// Also returns this profile's automatic backups — the files in its remembered folder that its
/// recovery key opens — read before anything is erased, for `--everything` to remove.
/// Paths erased-with-the-profile: other profiles sharing the key file, this profile's own
/// automatic backups, and automatic backups its key opens that sit in another live profile's
/// folder (kept: hostile review 4, F12).
type Erased = (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>);

fn erase_profile(ctx: &Ctx, unreadable: bool) -> Result<Erased, ResetError> {
    // The shape first, read-only: opening would tighten the file's mode, and a file that is
    // not a profile must be left exactly as it was.
    let shape = reset_core::store::shape::of(&ctx.db);
    if let Some(why) = shape.map_or(Some("it cannot be read"), |s| s.not_a_profile()) {
        return Err(not_a_profile(why));
    }
    // Zero-filling a file with other hard links destroys those names too (F4).
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if std::fs::symlink_metadata(&ctx.db).is_ok_and(|m| m.nlink() > 1) {
            return Err(Error::invalid(
                "db",
                "the file has other hard links (another name shares it); erasing would destroy them too, so nothing was touched",
            )
            .into());
        }
    }
    let key_file = profile::key_path(&ctx.db);
    let sharing = same_key_profiles(&ctx.db, &key_file);
    let key_beside = std::fs::symlink_metadata(&key_file).is_ok_and(|m| m.is_file());
    let erase_key = key_beside && sharing.is_empty();
    let key_available = key_beside || std::env::var(profile::KEY_ENV).is_ok();
    let opened = if key_available {
        // Opening tightens the file's mode to 0600; a file that turns out not to open is put
        // back exactly as it was.
        let mode = std::fs::metadata(&ctx.db).map(|m| m.permissions());
        let opened = ctx.open();
        if let (Err(_), Ok(mode)) = (&opened, mode) {
            let _ = std::fs::set_permissions(&ctx.db, mode);
        }
        Some(opened)
    } else {
        None
    };
    // The automatic backups' recovery key goes with the profile it belongs to; the key file
    // goes last, while the profile is still held alone (F9).
    // Named after the database's whole name, the recovery key file is this profile's alone;
    // one under the older stem name is moved to it first only when provably this profile's
    // (hostile review 3, F2, F6).
    let folder = match &opened {
        Some(Ok(companion)) => {
            companion.preference(reset_core::auto_backup::FOLDER_PREFERENCE.into())?
        }
        _ => None,
    };
    let folder = folder.map(PathBuf::from);
    let recovery_file = crate::cmd::backup_auto::recovery_key_file(&ctx.db, folder.as_deref());
    let recovery: Vec<PathBuf> = [
        recovery_file.clone(),
        reset_core::outfile::pending_recovery_key_file(&ctx.db),
    ]
    .into_iter()
    .filter(|f| std::fs::symlink_metadata(f).is_ok_and(|m| m.is_file()))
    .collect();
    match opened {
        Some(Ok(companion)) => {
            let owned = owned_backups(folder.as_deref(), &recovery_file);
            let (owned, elsewhere) = match folder.as_deref() {
                Some(f) if another_profiles_folder(f, &recovery_file) => (Vec::new(), owned),
                _ => (owned, Vec::new()),
            };
            let mut also = recovery;
            if erase_key {
                also.push(key_file);
            }
            companion.erase_all_with(&also)?;
            return Ok((sharing, owned, elsewhere));
        }
        Some(Err(_)) if key_beside && unreadable => reset_core::store::erase_files(&ctx.db)?,
        Some(Err(why)) if key_beside => {
            return Err(Error::invalid(
                "db",
                format!(
                    "has the shape of an encrypted profile but its key does not open it ({}: {why}); nothing was touched. If it is yours and unreadable for good, pass --unreadable to erase it anyway",
                    why.kind().as_str(),
                ),
            )
            .into());
        }
        _ => {
            return Err(not_a_profile(
                "it does not open with a key and has no key file beside it",
            ));
        }
    }
    for file in &recovery {
        reset_core::store::erase_file(file)?;
    }
    if erase_key {
        reset_core::store::erase_file(&key_file)?;
    }
    Ok((sharing, Vec::new(), Vec::new()))
}

/// Whether `folder` is another live profile's automatic-backup folder: beside it (in its
/// parent folder) is a recovery key file other than `recovery_file` holding the same key —
/// as when a profile's folder was copied (`cp -r orig copy`) and the copy still remembers the
/// original's absolute folder (hostile review 4, F12). Its backups are then the original's.
pub(crate) fn another_profiles_folder(folder: &Path, recovery_file: &Path) -> bool {
    let Ok(ours) = crate::cmd::backup_auto::read_key_file(recovery_file) else {
        return false;
    };
    let ours_at = std::fs::canonicalize(recovery_file).ok();
    let Some(parent) = folder.parent() else {
        return false;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        let path = e.path();
        e.file_name().to_string_lossy().ends_with(".recovery-key")
            && std::fs::canonicalize(&path).ok() != ours_at
            && crate::cmd::backup_auto::read_key_file(&path).is_ok_and(|t| t.trim() == ours.trim())
    })
}

/// The automatic backups in `folder` that the key in `recovery_file` opens: this profile's,
/// provably. Without a readable key nothing is claimed.
fn owned_backups(folder: Option<&Path>, recovery_file: &Path) -> Vec<PathBuf> {
    let Some(folder) = folder else {
        return Vec::new();
    };
    // Bounded and never through a symlink, as every read of the key file.
    let Ok(text) = crate::cmd::backup_auto::read_key_file(recovery_file) else {
        return Vec::new();
    };
    let Ok(key) = reset_core::backup::RecoveryKey::parse(&text) else {
        return Vec::new();
    };
    reset_core::auto_backup::list_owned(folder, &key)
        .map(|files| files.into_iter().map(|f| folder.join(f.name)).collect())
        .unwrap_or_default()
}

/// The other files beside `db` that are keyed with the same key file (`profile.sqlite` and
/// `profile` both use `profile.key`) and have the shape of an encrypted database — other
/// profiles, whose key must outlive this erase. `db`'s own side files and staged restore
/// copies do not count.
pub(crate) fn same_key_profiles(db: &Path, key_file: &Path) -> Vec<PathBuf> {
    let (Some(name), Ok(entries)) = (db.file_name(), std::fs::read_dir(folder_of(db))) else {
        return Vec::new();
    };
    let own = name.to_string_lossy().into_owned();
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let side = ["", "-wal", "-shm", "-journal", ".lock"]
                .iter()
                .any(|suffix| n == format!("{own}{suffix}"));
            !side
                && !n.starts_with(&format!("{own}.restore-"))
                && e.path().with_extension("key").file_name() == key_file.file_name()
                && reset_core::store::shape::of(&e.path())
                    == Some(reset_core::store::shape::FileShape::Pages)
        })
        .map(|e| db.with_file_name(e.file_name()))
        .collect();
    found.sort();
    found
}

fn folder_of(db: &Path) -> PathBuf {
    match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn not_a_profile(why: &str) -> ResetError {
    Error::invalid(
        "db",
        format!("is not a Reset Companion profile ({why}); nothing was touched"),
    )
    .into()
}

/// What the product provably wrote beside `db` whoever's profile it is: the tour's demo folder
/// (it carries the tour's marker file) and temporary files a killed writer left there
/// and in the `exports/` and `backups/` folders beside it (`.reset-<hex>.tmp`,
/// `.reset-<hex>.dir`: names the product reserves, refuses as `--out`, and no lock holds).
/// Never a person's file chosen by its name alone: older tours' `exports/report-*.pdf` and
/// `backups/tour-backup.rcbackup` cannot be told from a person's own files, so they are not
/// claimed (hostile review 3, F1). This profile's automatic backups are added by
/// [`erase_profile`], which can tell them by the recovery key.
pub fn product_files(db: &Path) -> Vec<PathBuf> {
    let dir = folder_of(db);
    let mut found = Vec::new();
    let demo = tour::demo_folder(db);
    if demo.join(tour::MARKER).is_file() {
        found.push(demo);
    }
    // What killed exports and backups left (partial plaintext copies); a temporary a running
    // writer holds is left alone.
    for folder in [dir.clone(), dir.join("exports"), dir.join("backups")] {
        found.extend(reset_core::outfile::stale_temps(&folder));
    }
    found
}

/// Files named as tours before the demo folder named their report and backup
/// (`exports/report-*.pdf`, `backups/tour-backup.rcbackup` beside `db`): only named, never
/// claimed or removed, since a person's own files can carry the same names.
fn older_tour_names(db: &Path) -> Vec<PathBuf> {
    let dir = folder_of(db);
    let matching = |sub: &str, keep: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            return Vec::new();
        };
        let mut v: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| keep(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    };
    let mut found = matching("exports", &|n| {
        n.starts_with("report-") && n.ends_with(".pdf")
    });
    found.extend(matching("backups", &|n| n == "tour-backup.rcbackup"));
    found
}

/// Overwrites and deletes a file, or a folder the product made with everything in it.
fn remove(path: &Path) -> Result<(), ResetError> {
    let meta = std::fs::symlink_metadata(path).map_err(Error::from)?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).map_err(Error::from)? {
            remove(&entry.map_err(Error::from)?.path())?;
        }
        std::fs::remove_dir(path).map_err(Error::from)?;
    } else if meta.is_file() {
        reset_core::store::erase_file(path)?;
    } else {
        std::fs::remove_file(path).map_err(Error::from)?;
    }
    Ok(())
}
