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
    let err = write_bytes(&folder.db(), out, b"REPORT").unwrap_err();
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
    assert!(write_bytes(&f.db(), &alias.path().join("hard"), b"R").is_err());
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
    let err = write_bytes(&f.db(), Path::new("/dev/null"), b"x").unwrap_err();
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
    write_bytes(&f.db(), &out, b"new report").unwrap();
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
    let err = write_guarded(&f.db(), &out, |w| {
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
    write_bytes(&f.db(), &f.path("out.json"), b"{}").unwrap();
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
    for out in [f.path("no/such/folder/x.pdf"), PathBuf::from("/")] {
        let err = write_bytes(&f.db(), &out, b"x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{out:?}: {err}");
    }
}
