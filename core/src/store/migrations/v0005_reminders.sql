-- v0005: reminders (issue 7). Rules are the person's; snoozes, completions and the record of
-- what the shell was handed are derived state the planner and reconciliation need.

-- One row per reminder rule. Times are wall-clock `HH:MM`, sorted, comma-separated: they float
-- with the person's current zone. `days` is a weekday bit mask (bit 0 = Monday).
CREATE TABLE reminder_rules (
    id           TEXT PRIMARY KEY NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('meditation', 'checkin', 'journal', 'programme', 'assessment')),
    times        TEXT NOT NULL CHECK (length(times) >= 5),
    days         INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
    skip_if_done INTEGER NOT NULL CHECK (skip_if_done IN (0, 1)),
    quiet_start  TEXT,
    quiet_end    TEXT,
    paused_until TEXT,               -- local date YYYY-MM-DD; no notifications before it
    enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    label        TEXT,
    created_at   TEXT NOT NULL,      -- RFC 3339 UTC
    created_zone TEXT NOT NULL,      -- IANA zone at creation (DESIGN §2)
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
) STRICT;

-- One-shot notifications (snoozes): a fixed instant, tied to the rule they came from.
CREATE TABLE reminder_snoozes (
    id         TEXT PRIMARY KEY NOT NULL,
    rule_id    TEXT NOT NULL REFERENCES reminder_rules(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    local_date TEXT NOT NULL,        -- the local day of the occurrence it postpones
    fire_at    TEXT NOT NULL,        -- RFC 3339 UTC
    source_id  TEXT NOT NULL,        -- the notification it was snoozed from
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_snoozes_fire_at ON reminder_snoozes (fire_at);

-- "This kind of activity was done on this local day": what skip_if_done reads. Written by
-- "Done" on a notification and by the app's own completion call.
CREATE TABLE reminder_completions (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    local_date      TEXT NOT NULL,   -- fixed at capture time (DESIGN §2)
    done_at         TEXT NOT NULL,   -- RFC 3339 UTC
    zone            TEXT NOT NULL,
    notification_id TEXT             -- set when marked done from a notification
) STRICT;
CREATE INDEX reminder_completions_day ON reminder_completions (local_date);

-- What the shell was last handed, so a pending id whose content changed (a zone change moved
-- its instant) is re-added. Rewritten on every reconciliation.
CREATE TABLE reminder_handed_over (
    id          TEXT PRIMARY KEY NOT NULL,
    fingerprint TEXT NOT NULL
) STRICT, WITHOUT ROWID;
