-- v0002: assessments (issue 4). Frozen once released: change only by adding a version.

-- One completed questionnaire. Answers are kept in item order in the text form
-- `1,2,na,decline`; the total and band are stored as they were shown, with the instrument
-- version that produced them, so a later rule change never rewrites history.
CREATE TABLE assessments (
    id                 INTEGER PRIMARY KEY,
    instrument         TEXT    NOT NULL,
    instrument_version INTEGER NOT NULL,
    answers            TEXT    NOT NULL,
    total              INTEGER NOT NULL CHECK (total >= 0),
    severity           TEXT    NOT NULL,
    flags              TEXT    NOT NULL DEFAULT '',  -- comma-separated flag ids
    prorated           INTEGER NOT NULL DEFAULT 0 CHECK (prorated IN (0, 1)),
    signpost           TEXT,                          -- reason shown with it, or NULL
    taken_at_ms        INTEGER NOT NULL,              -- UTC instant, Unix milliseconds
    zone               TEXT    NOT NULL,              -- IANA zone at capture
    local_date         TEXT    NOT NULL               -- YYYY-MM-DD in that zone
) STRICT;

CREATE INDEX assessments_by_instrument ON assessments (instrument, taken_at_ms);
CREATE INDEX assessments_by_local_date ON assessments (local_date);

-- That a crisis signpost was shown: when, why, for which instrument and region. Never the
-- answers. Kept even if the assessment is later deleted (the therapist export shows them).
CREATE TABLE safety_events (
    id                INTEGER PRIMARY KEY,
    occurred_at_ms    INTEGER NOT NULL,
    zone              TEXT    NOT NULL,
    local_date        TEXT    NOT NULL,
    instrument        TEXT    NOT NULL,
    reason            TEXT    NOT NULL,
    region            TEXT    NOT NULL,
    resources_version INTEGER NOT NULL,
    assessment_id     INTEGER REFERENCES assessments (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX safety_events_by_time ON safety_events (occurred_at_ms);

-- The start of an episode of care (a programme, a course of therapy). The current episode is
-- the one with the latest start date; without any, it starts at the first assessment.
CREATE TABLE assessment_episodes (
    id            INTEGER PRIMARY KEY,
    start_date    TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL
) STRICT;

-- A person's own cadence for an instrument, overriding the instrument's default.
-- every_days NULL means "not scheduled".
CREATE TABLE assessment_cadences (
    instrument TEXT PRIMARY KEY NOT NULL,
    every_days INTEGER CHECK (every_days IS NULL OR every_days BETWEEN 1 AND 366)
) STRICT, WITHOUT ROWID;
