use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

use super::*;
use crate::error::ErrorKind;

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("profile.db"), b"database").unwrap();
        std::fs::write(dir.path().join("profile.key"), b"key").unwrap();
        Folder { dir }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("profile.db")
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

fn refused(folder: &Folder, out: &Path) -> Error {
    let before = folder.names();
    let err = write_bytes(&folder.db(), out, Writing::Export, b"REPORT").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(matches!(&err, Error::InvalidInput { field, .. } if field == "out"));
    assert_eq!(
        folder.names(),
        before,
        "a refused write leaves no file behind"
    );
    err
}

#[test]
fn the_profile_its_side_files_and_its_key_are_never_overwritten() {
    let f = Folder::new();
    for name in [
        "profile.db",
        "profile.db-wal",
        "profile.db-shm",
        "profile.db-journal",
        "profile.key",
    ] {
        refused(&f, &f.path(name));
    }
    // Through `..`, a symlinked folder, and a hard link elsewhere.
    std::fs::create_dir(f.path("sub")).unwrap();
    refused(&f, &f.path("sub/../profile.db"));
    let alias = tempfile::TempDir::new().unwrap();
    std::os::unix::fs::symlink(f.dir.path(), alias.path().join("via")).unwrap();
    refused(&f, &alias.path().join("via/profile.key"));
    std::fs::hard_link(f.db(), alias.path().join("hard")).unwrap();
    assert!(write_bytes(&f.db(), &alias.path().join("hard"), Writing::Export, b"R").is_err());
    // Names reserved beside the database, and the writer's own temporary names.
    refused(&f, &f.path("profile.db.restore-abc"));
    refused(&f, &f.path(".reset-0011.tmp"));
    assert_eq!(std::fs::read(f.db()).unwrap(), b"database");
    assert_eq!(std::fs::read(f.path("profile.key")).unwrap(), b"key");
}

#[test]
fn non_regular_targets_are_refused_not_replaced() {
    let f = Folder::new();
    // A symlink (to a file, and dangling), a FIFO, a folder.
    std::fs::write(f.path("elsewhere"), b"other").unwrap();
    std::os::unix::fs::symlink(f.path("elsewhere"), f.path("link")).unwrap();
    refused(&f, &f.path("link"));
    std::os::unix::fs::symlink(f.path("nowhere"), f.path("dangling")).unwrap();
    refused(&f, &f.path("dangling"));
    assert!(!f.path("nowhere").exists());
    let fifo = f.path("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    refused(&f, &fifo);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    std::fs::create_dir(f.path("folder")).unwrap();
    refused(&f, &f.path("folder"));
    // A device node stays a device node.
    let err = write_bytes(&f.db(), Path::new("/dev/null"), Writing::Export, b"x").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(std::fs::read(f.path("elsewhere")).unwrap(), b"other");
}

#[test]
fn a_written_file_is_owner_only_and_replaces_an_older_one_whole() {
    let f = Folder::new();
    let out = f.path("report.pdf");
    std::fs::write(&out, b"old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    write_bytes(&f.db(), &out, Writing::Export, b"new report").unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"new report");
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o600);
    assert!(
        f.names().iter().all(|n| !n.starts_with(TEMP_PREFIX)),
        "no temporary file is left: {:?}",
        f.names()
    );
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let f = Folder::new();
    let out = f.path("dump.json");
    std::fs::write(&out, b"old").unwrap();
    let err = write_guarded(&f.db(), &out, Writing::Export, |w| {
        w.write_all(b"half")?;
        Err::<(), _>(Error::internal("disk gone"))
    })
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert_eq!(std::fs::read(&out).unwrap(), b"old");
    assert_eq!(
        f.names(),
        vec!["dump.json", "profile.db", "profile.key"],
        "the temporary file is removed"
    );
}

#[test]
fn temporary_names_are_random_and_never_follow_a_planted_link() {
    let f = Folder::new();
    // Every name the old writer used (`.<name>.part`) is a planted link: it must not be used.
    std::os::unix::fs::symlink(f.db(), f.path(".out.json.part")).unwrap();
    write_bytes(&f.db(), &f.path("out.json"), Writing::Export, b"{}").unwrap();
    assert_eq!(std::fs::read(f.db()).unwrap(), b"database");
    let (a, pa) = create_temp(f.dir.path()).unwrap();
    let (b, pb) = create_temp(f.dir.path()).unwrap();
    drop((a, b));
    assert_ne!(pa, pb);
    assert!(
        pa.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(TEMP_PREFIX)
    );
    assert_eq!(std::fs::metadata(&pa).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn a_missing_folder_or_a_bare_folder_name_is_invalid_input() {
    let f = Folder::new();
    for out in [
        f.path("no/such/folder/x.pdf"),
        PathBuf::from("/"),
        f.path("-"),
        f.path(" "),
        f.path("\t"),
    ] {
        let err = write_bytes(&f.db(), &out, Writing::Export, b"x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{out:?}: {err}");
    }
}

/// Bytes that look like an encrypted database: whole pages of what looks random.
fn pages(n: usize) -> Vec<u8> {
    (0..n * 4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8 | 0x80)
        .collect()
}

#[test]
fn another_profiles_files_a_key_and_a_backup_are_never_replaced_by_an_export() {
    // Hostile review F1: the guard knew only the open profile's files.
    let f = Folder::new();
    std::fs::create_dir(f.path("other")).unwrap();
    let other = |n: &str| f.path(&format!("other/{n}"));
    std::fs::write(other("profile.db"), pages(2)).unwrap();
    std::fs::write(other("profile.db-wal"), b"log").unwrap();
    std::fs::write(other("profile.db.lock"), b"").unwrap();
    std::fs::write(other("profile.key"), "ab".repeat(32) + "\n").unwrap();
    std::fs::write(other("renamed-key.txt"), "0F".repeat(32)).unwrap();
    std::fs::write(other("plain.sqlite"), b"SQLite format 3\0 and the rest").unwrap();
    let mut backup = crate::backup::MAGIC.to_vec();
    backup.extend_from_slice(&[1, 0, 9, 9, 9]);
    std::fs::write(other("b.rcbackup"), &backup).unwrap();
    for name in [
        "profile.db",
        "profile.db-wal",
        "profile.db.lock",
        "profile.db-shm",
        "profile.key",
        "new.KEY",
        "profile.recovery-key",
        "renamed-key.txt",
        "plain.sqlite",
        "b.rcbackup",
    ] {
        let before = std::fs::read(other(name)).ok();
        let err = refused(&f, &other(name));
        assert!(!err.to_string().contains("REPORT"), "{err}");
        assert_eq!(std::fs::read(other(name)).ok(), before, "{name} untouched");
    }
    // A backup may replace a backup (the CLI still asks for --force).
    write_bytes(
        &f.db(),
        &other("b.rcbackup"),
        Writing::Backup,
        b"RCBACKUPnew",
    )
    .unwrap();
    // ... but never a database or a key.
    for name in ["profile.db", "profile.key"] {
        assert!(write_bytes(&f.db(), &other(name), Writing::Backup, b"RCBACKUP").is_err());
    }
    // What is not managed is replaced as before: an earlier export, a text file, an empty file.
    for (name, old) in [
        ("report.pdf", &b"%PDF-1.7 old"[..]),
        ("notes.txt", b"mine"),
        ("empty", b""),
    ] {
        std::fs::write(other(name), old).unwrap();
        write_bytes(&f.db(), &other(name), Writing::Export, b"new").unwrap();
        assert_eq!(std::fs::read(other(name)).unwrap(), b"new");
    }
}

#[test]
fn a_folder_holding_a_key_file_or_a_locked_database_holds_a_profile() {
    let f = Folder::new();
    for (name, bytes) in [
        ("a/profile.key", "cd".repeat(32).into_bytes()),
        ("b/x.recovery-key", b"ABCD-EFGH".to_vec()),
        ("c/profile.db", pages(1)),
        ("c/profile.db.lock", Vec::new()),
        ("d/notes.key", b"not a key".to_vec()),
        ("d/report.pdf.lock", Vec::new()),
        ("d/report.pdf", b"%PDF-1.7".to_vec()),
    ] {
        let path = f.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    for (folder, holds) in [("a", true), ("b", true), ("c", true), ("d", false)] {
        assert_eq!(holds_a_profile(&f.path(folder)), holds, "{folder}");
    }
}
