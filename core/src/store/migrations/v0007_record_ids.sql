-- v0007: one id scheme (issue 15). Frozen once released: change only by adding a version.
--
-- Check-ins, journal entries and reminder rules always had prefixed string ids (`ci_…`,
-- `je_…`, `rule_…`). Assessments, safety events, episodes and practice sessions had only their
-- SQLite row number. Each gains `uid`, a prefixed id of 96 random bits from SQLite's CSPRNG
-- (the same form as `store::id::new_id`): `as_` assessments, `se_` safety events, `ep_`
-- episodes, `ps_` practice sessions. The row number stays as it was (`id`): it is the "legacy
-- id" the apps and the CLI knew before, still accepted wherever an id is looked up, and what
-- the exports' row ids and a session's health-store `external_id` are made from, so those do
-- not change. The core writes `uid` with every new row; the unique index keeps them distinct.
-- (ALTER TABLE cannot add a NOT NULL column without a default; a missing uid reads as corrupt.)

ALTER TABLE assessments ADD COLUMN uid TEXT;
UPDATE assessments SET uid = 'as_' || lower(hex(randomblob(12)));
CREATE UNIQUE INDEX assessments_by_uid ON assessments (uid);

ALTER TABLE safety_events ADD COLUMN uid TEXT;
UPDATE safety_events SET uid = 'se_' || lower(hex(randomblob(12)));
CREATE UNIQUE INDEX safety_events_by_uid ON safety_events (uid);

ALTER TABLE assessment_episodes ADD COLUMN uid TEXT;
UPDATE assessment_episodes SET uid = 'ep_' || lower(hex(randomblob(12)));
CREATE UNIQUE INDEX assessment_episodes_by_uid ON assessment_episodes (uid);

ALTER TABLE practice_sessions ADD COLUMN uid TEXT;
UPDATE practice_sessions SET uid = 'ps_' || lower(hex(randomblob(12)));
CREATE UNIQUE INDEX practice_sessions_by_uid ON practice_sessions (uid);
ALTER TABLE practice_sessions ADD COLUMN external_id TEXT;
UPDATE practice_sessions SET external_id = 'reset-practice-' || id;
