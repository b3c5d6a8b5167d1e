use rusqlite::Connection;

use super::*;

fn db(schema: &str) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(schema).unwrap();
    conn
}

const SCHEMA: &str = "
    CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
    CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT, weight REAL, raw BLOB);
    CREATE TABLE tags (word TEXT, n INTEGER);
    CREATE VIEW heavy AS SELECT * FROM notes WHERE weight > 1;
    CREATE VIRTUAL TABLE notes_fts USING fts5 (body);
    PRAGMA user_version = 7;
";

#[test]
fn insertion_order_does_not_change_the_dump() {
    let a = db(SCHEMA);
    a.execute_batch(
        "INSERT INTO settings VALUES ('b', '2'), ('a', '1');
         INSERT INTO notes (id, body, weight, raw) VALUES (2, 'two', 2.5, x'00ff'), (1, 'one', NULL, NULL);
         INSERT INTO tags VALUES ('z', 1), ('a', 2), ('a', 1);",
    )
    .unwrap();
    let b = db(SCHEMA);
    b.execute_batch(
        "INSERT INTO tags VALUES ('a', 1), ('z', 1), ('a', 2);
         INSERT INTO notes (id, body, weight, raw) VALUES (1, 'one', NULL, NULL), (2, 'two', 2.5, x'00ff');
         INSERT INTO settings VALUES ('a', '1'), ('b', '2');
         INSERT INTO notes_fts (body) VALUES ('derived data is not dumped');",
    )
    .unwrap();
    assert_eq!(to_string(&a).unwrap(), to_string(&b).unwrap());
}

#[test]
fn dump_is_canonical_json_with_tables_sorted_and_derived_tables_left_out() {
    let conn = db(SCHEMA);
    conn.execute_batch(
        "INSERT INTO notes (body, weight, raw) VALUES ('é \"quoted\"', 1e300 * 1e300, x'cafe');
         INSERT INTO notes_fts (body) VALUES ('x');
         INSERT INTO settings VALUES ('region', 'GB');",
    )
    .unwrap();
    let text = to_string(&conn).unwrap();
    let expected = concat!(
        "{\"format\":\"reset-companion-dump\",\"schema_version\":7,\"version\":1,\"tables\":[\n",
        "{\"columns\":[\"id\",\"body\",\"weight\",\"raw\"],\"name\":\"notes\",\"rows\":[\n",
        "[1,\"é \\\"quoted\\\"\",{\"$real\":\"inf\"},{\"$blob\":\"cafe\"}]\n",
        "]},\n",
        "{\"columns\":[\"key\",\"value\"],\"name\":\"settings\",\"rows\":[\n",
        "[\"region\",\"GB\"]\n",
        "]},\n",
        "{\"columns\":[\"word\",\"n\"],\"name\":\"tags\",\"rows\":[\n",
        "]}\n",
        "]}\n",
    );
    assert_eq!(text, expected);
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed["tables"].as_array().unwrap().len(), 3);
}

#[test]
fn summary_counts_rows_per_table() {
    let conn = db(SCHEMA);
    conn.execute_batch(
        "INSERT INTO tags VALUES ('a', 1), ('b', 2); INSERT INTO settings VALUES ('k', 'v');",
    )
    .unwrap();
    let mut sink = Vec::new();
    let summary = write(&conn, &mut sink, &crate::progress::Silent).unwrap();
    assert_eq!(summary.schema_version, 7);
    let rows: Vec<_> = summary
        .tables
        .into_iter()
        .map(|t| (t.table, t.rows))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("notes".into(), 0),
            ("settings".into(), 1),
            ("tags".into(), 2)
        ]
    );
    let counts = row_counts(&conn, "main").unwrap();
    assert_eq!(counts.get("tags"), Some(&2));
    assert!(
        !counts.contains_key("notes_fts_data"),
        "FTS shadow tables are derived"
    );
    assert!(!counts.contains_key("sqlite_sequence"));
}
