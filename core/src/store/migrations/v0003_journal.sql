-- v0003: mood check-ins, journal entries, and their full-text index (inside the encrypted file).
-- Every moment is a UTC instant (at_ms), the IANA zone at capture, and the local day and
-- minute computed then (DESIGN §2) — stored, never recomputed.

CREATE TABLE check_ins (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('momentary_emotion', 'daily_mood')),
    mood         INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 7),
    -- HealthKit-aligned words as bit masks: bit (raw value - 1) of HKStateOfMind.Label / .Association.
    labels       INTEGER NOT NULL DEFAULT 0,
    areas        INTEGER NOT NULL DEFAULT 0,
    note         TEXT,
    tags         TEXT NOT NULL DEFAULT '[]',
    at_ms        INTEGER NOT NULL,
    time_zone    TEXT NOT NULL,
    local_date   TEXT NOT NULL,
    local_minute INTEGER NOT NULL CHECK (local_minute BETWEEN 0 AND 1439),
    created_ms   INTEGER NOT NULL,
    updated_ms   INTEGER NOT NULL
) STRICT;
-- Covers the mood calendar and the insights scan (every column they read), so a range of
-- days is one index walk with no per-row table lookups: ten years take milliseconds.
CREATE INDEX check_ins_by_day ON check_ins (local_date, mood, local_minute, labels, areas, tags);

CREATE TABLE journal_entries (
    seq                   INTEGER PRIMARY KEY,
    id                    TEXT NOT NULL UNIQUE,
    kind                  TEXT NOT NULL CHECK (kind IN ('free', 'thought', 'gratitude', 'worry', 'exposure', 'activity')),
    record                TEXT NOT NULL,  -- the typed record as JSON
    tags                  TEXT NOT NULL DEFAULT '[]',
    shared_with_therapist INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_therapist IN (0, 1)),
    at_ms                 INTEGER NOT NULL,
    time_zone             TEXT NOT NULL,
    local_date            TEXT NOT NULL,
    local_minute          INTEGER NOT NULL CHECK (local_minute BETWEEN 0 AND 1439),
    created_ms            INTEGER NOT NULL,
    updated_ms            INTEGER NOT NULL
) STRICT;
CREATE INDEX journal_entries_by_day ON journal_entries (local_date, at_ms);
CREATE INDEX journal_entries_by_kind ON journal_entries (kind, local_date);

-- Full-text indexes, rowid = seq of the record. Case- and accent-insensitive; prefix indexes
-- (2–4 characters) make `anx*` as cheap as a whole word; longer prefixes expand terms.
-- 'secure-delete' makes a DELETE remove the terms from the index itself.
CREATE VIRTUAL TABLE journal_fts USING fts5 (
    text, words, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO journal_fts (journal_fts, rank) VALUES ('secure-delete', 1);

CREATE VIRTUAL TABLE check_in_fts USING fts5 (
    text, words, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
INSERT INTO check_in_fts (check_in_fts, rank) VALUES ('secure-delete', 1);
