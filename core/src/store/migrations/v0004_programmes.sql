-- v0004: programme enrolments, completed steps, and practice sessions.
-- Every moment is a UTC instant (*_ms), the IANA zone at capture, and the local day computed
-- then (DESIGN §2): unlock times are derived from the zone and day a step was completed in,
-- so travelling later never moves them.

CREATE TABLE programme_enrolments (
    id               INTEGER PRIMARY KEY,
    programme_id     TEXT NOT NULL,
    -- The pack version enrolled in; completions refer to step ids within it.
    content_version  INTEGER NOT NULL,
    -- active: the one structured programme in progress; finished: every step done;
    -- left: set aside (progress kept, start again to pick it up); restarted: archived by a restart.
    state            TEXT NOT NULL CHECK (state IN ('active', 'finished', 'left', 'restarted')),
    started_ms       INTEGER NOT NULL,
    time_zone        TEXT NOT NULL,
    local_date       TEXT NOT NULL,
    -- When the person last resumed after a pause (clears the paused state from then on).
    resumed_ms       INTEGER,
    ended_ms         INTEGER
) STRICT;
-- One structured programme active at a time, enforced by the schema as well as the code.
CREATE UNIQUE INDEX programme_enrolments_one_active ON programme_enrolments (state) WHERE state = 'active';
CREATE INDEX programme_enrolments_by_programme ON programme_enrolments (programme_id, id);

CREATE TABLE programme_completions (
    enrolment_id  INTEGER NOT NULL REFERENCES programme_enrolments (id) ON DELETE CASCADE,
    step_id       TEXT NOT NULL,
    at_ms         INTEGER NOT NULL,
    time_zone     TEXT NOT NULL,
    local_date    TEXT NOT NULL,
    PRIMARY KEY (enrolment_id, step_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE practice_sessions (
    id               INTEGER PRIMARY KEY,
    -- Stored by name (meditation, breathing, body_scan, other), never a platform integer.
    technique        TEXT NOT NULL CHECK (technique IN ('meditation', 'breathing', 'body_scan', 'other')),
    started_ms       INTEGER NOT NULL,
    ended_ms         INTEGER NOT NULL CHECK (ended_ms >= started_ms),
    time_zone        TEXT NOT NULL,
    local_date       TEXT NOT NULL,
    planned_minutes  INTEGER CHECK (planned_minutes > 0),
    actual_minutes   INTEGER NOT NULL CHECK (actual_minutes >= 0),
    completed        INTEGER NOT NULL CHECK (completed IN (0, 1)),
    enrolment_id     INTEGER REFERENCES programme_enrolments (id) ON DELETE SET NULL,
    programme_id     TEXT,
    step_id          TEXT
) STRICT;
-- Covers minutes-per-day and the habit calculation (GROUP BY local_date) without the table.
CREATE INDEX practice_sessions_by_day ON practice_sessions (local_date, actual_minutes);
CREATE INDEX practice_sessions_by_start ON practice_sessions (started_ms);
