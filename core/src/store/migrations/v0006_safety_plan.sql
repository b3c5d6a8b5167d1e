-- v0006: the personal safety plan (issue 20). Frozen once released: change only by adding a version.

-- Every save of the plan is a new row; the newest is the plan, the rest are its history (a
-- person and their therapist revise it together). `plan` holds the seven steps as JSON in the
-- shape of `safety_plan::SafetyPlanInput`, validated by the core before it is written. Crisis
-- lines are not copied in: they are read from the versioned crisis-resources data when shown.
CREATE TABLE safety_plan_versions (
    version  INTEGER PRIMARY KEY CHECK (version >= 1),
    saved_at TEXT NOT NULL,          -- RFC 3339 UTC
    zone     TEXT NOT NULL,          -- IANA zone at the save (DESIGN §2)
    plan     TEXT NOT NULL CHECK (json_valid(plan))
) STRICT;
