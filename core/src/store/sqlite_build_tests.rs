//! The SQLite the core is built with (`LIBSQLITE3_FLAGS` in `.cargo/config.toml`): what the
//! core needs is in, the modules left out to keep the phone library within its size budget are
//! out (docs/performance.md).

use crate::checkin::tests::open_store;

fn compile_options(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn fts5_and_json_are_in_the_modules_nothing_uses_are_out() {
    let (_d, store) = open_store();
    let conn = store.conn();
    conn.execute_batch("CREATE VIRTUAL TABLE temp.probe5 USING fts5(body)")
        .expect("journal search needs FTS5");
    let valid: bool = conn
        .query_row("SELECT json_valid('{\"a\": 1}')", [], |r| r.get(0))
        .expect("the safety plan's CHECK needs json_valid");
    assert!(valid);
    for module in ["fts3", "fts4", "rtree", "dbstat"] {
        let sql = match module {
            "rtree" => "CREATE VIRTUAL TABLE temp.probe USING rtree(id, x0, x1)".to_string(),
            "dbstat" => "SELECT count(*) FROM dbstat".to_string(),
            _ => format!("CREATE VIRTUAL TABLE temp.probe USING {module}(body)"),
        };
        let err = conn.execute_batch(&sql).expect_err(module).to_string();
        assert!(
            err.contains("no such module") || err.contains("no such table"),
            "{module}: {err}"
        );
    }
    let soundex = conn.query_row("SELECT soundex('Reset')", [], |r| r.get::<_, String>(0));
    assert!(soundex.is_err(), "soundex() is left out");
}

#[test]
fn extension_loading_shared_cache_and_deprecated_apis_are_compiled_out() {
    let (_d, store) = open_store();
    let options = compile_options(store.conn());
    for wanted in [
        "ENABLE_FTS5",
        "OMIT_LOAD_EXTENSION",
        "OMIT_SHARED_CACHE",
        "OMIT_DEPRECATED",
    ] {
        assert!(
            options.iter().any(|o| o == wanted),
            "{wanted} missing: {options:?}"
        );
    }
    for unwanted in [
        "ENABLE_FTS3",
        "ENABLE_RTREE",
        "ENABLE_DBSTAT_VTAB",
        "SOUNDEX",
    ] {
        assert!(
            !options.iter().any(|o| o == unwanted),
            "{unwanted} present: {options:?}"
        );
    }
}
