//! The child side of the crash harness: opens a profile through the real `Companion` facade
//! (what the phones call) and writes, printing one line per call that returned `Ok`.
//!
//! Protocol on stdout, one line each, flushed before the next call starts:
//! `OPEN` once the profile is open (and migrated); `ACK <op> <kind> <id> <fingerprint>`
//! after each acknowledged write; `RESTORED` after a restore returned; `DONE` at the end.
//! A line is printed only after the call returned, so every `ACK` the parent reads is a
//! write the app would have told the person was saved.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use reset_core::assessment::Answer;
use reset_core::checkin::{CheckInInput, MoodKind};
use reset_core::journal::{FreeText, JournalBody, JournalInput};
use reset_core::practice::{PracticeSessionInput, PracticeTechnique};
use reset_core::programme::ProgrammeState;
use reset_core::time::Clock;
use reset_ffi::{Companion, CompanionConfig, ResetError, open_companion};

use crate::rng::{Rng, fingerprint};

/// The zone every harness profile lives in (has a DST change, so local days are exercised).
pub const ZONE: &str = "Europe/London";
/// Op 0 happens at 2026-01-01T00:00:00Z.
pub const BASE_MS: i64 = 1_767_225_600_000;
/// Each op moves the clock on 4 h 48 min, so every fifth op (the programme op) lands on the
/// next calendar day: a daily programme step is always open and never lapses.
pub const STEP_MS: i64 = 24 * 3_600_000 / 5;
/// The programme the workload works through, restarting it when finished.
pub const PROGRAMME: &str = "meditation-7-day";

/// A clock the workload sets before each op, so op `n` always happens at the same instant.
#[derive(Debug, Default)]
pub struct SteppingClock(AtomicI64);

impl SteppingClock {
    /// Sets the clock to op `n`'s instant.
    pub fn at_op(&self, n: u64) {
        self.0.store(op_instant_ms(n), Ordering::SeqCst);
    }
}

impl Clock for SteppingClock {
    fn instant(&self) -> std::time::SystemTime {
        let ms = self.0.load(Ordering::SeqCst);
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms.unsigned_abs())
    }
}

/// The instant (Unix ms) of op `n`.
pub fn op_instant_ms(n: u64) -> i64 {
    BASE_MS + i64::try_from(n).unwrap_or(0) * STEP_MS
}

/// Opens `db` with `key` through the facade, in [`ZONE`].
pub fn open(db: &Path, key: &[u8], clock: Arc<dyn Clock>) -> Result<Arc<Companion>, ResetError> {
    open_companion(
        CompanionConfig {
            database_path: db.display().to_string(),
            key: key.to_vec(),
            time_zone: ZONE.to_string(),
        },
        clock,
    )
}

/// One acknowledged write, as the child printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    /// The op number.
    pub op: u64,
    /// `check_in`, `journal`, `assessment`, `practice`, `programme_start`, `programme_step`
    /// or `programme_restart`.
    pub kind: String,
    /// The record's id (for programme ops, the step or the enrolment instant).
    pub id: String,
    /// [`fingerprint`] of the record as the call returned it (`-` for programme ops).
    pub hash: String,
}

impl Ack {
    /// Parses an `ACK` line; `None` for any other line (including a torn last line).
    pub fn parse(line: &str) -> Option<Ack> {
        let mut parts = line.split(' ');
        if parts.next()? != "ACK" {
            return None;
        }
        let op = parts.next()?.parse().ok()?;
        let (kind, id, hash) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || hash.is_empty() {
            return None;
        }
        Some(Ack {
            op,
            kind: kind.into(),
            id: id.into(),
            hash: hash.into(),
        })
    }
}

/// The JSON fingerprint the child prints and the parent recomputes from what it reads back.
pub fn json_fingerprint<T: serde::Serialize>(value: &T) -> String {
    fingerprint(serde_json::to_string(value).unwrap_or_default().as_bytes())
}

/// Which kinds of op a workload mixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Every capability: check-ins, journal (FTS, tags), assessments, practice, programme.
    All,
    /// Append-only check-ins and journal entries (safe for two writers at once).
    Appends,
}

/// The journal text of op `n`: deterministic words, 100 B to ~12 KiB so that WAL pages,
/// overflow pages and checkpoints all happen within a few dozen ops.
pub fn journal_text(n: u64) -> String {
    let mut rng = Rng::new(n ^ 0x6a6f_7572);
    let words = [
        "calm",
        "tired",
        "walked",
        "river",
        "talked",
        "sister",
        "slept",
        "late",
        "worried",
        "exam",
        "breathing",
        "noticed",
        "kinder",
        "morning",
        "rain",
        "tea",
    ];
    let target = usize::try_from(100 + rng.below(11_900)).unwrap_or(100);
    let mut s = format!("entry {n}:");
    while s.len() < target {
        s.push(' ');
        s.push_str(words[usize::try_from(rng.below(16)).unwrap_or(0)]);
    }
    s
}

/// Runs op `n` of `mix` and returns its acknowledgement. `Err` is whatever the facade threw.
pub fn op(c: &Companion, n: u64, mix: Mix) -> Result<Ack, ResetError> {
    let slot = match mix {
        Mix::All => n % 5,
        Mix::Appends => n % 2,
    };
    let ack = |kind: &str, id: String, hash: String| Ack {
        op: n,
        kind: kind.into(),
        id,
        hash,
    };
    Ok(match slot {
        0 => {
            let ci = c.check_in(CheckInInput {
                mood: i32::try_from(n % 7).unwrap_or(0) + 1,
                kind: if n.is_multiple_of(2) {
                    MoodKind::DailyMood
                } else {
                    MoodKind::MomentaryEmotion
                },
                labels: Vec::new(),
                areas: Vec::new(),
                note: Some(format!("note {n} slept late, walked by the river")),
                tags: vec![format!("tag{}", n % 4)],
                at: None,
            })?;
            ack("check_in", ci.id.clone(), json_fingerprint(&ci))
        }
        1 => {
            let entry = c.add_journal_entry(JournalInput {
                body: JournalBody::Free {
                    record: FreeText {
                        text: journal_text(n),
                    },
                },
                tags: vec![format!("t{}", n % 3), "harness".into()],
                shared_with_therapist: n.is_multiple_of(3),
                at: None,
            })?;
            ack("journal", entry.id.clone(), json_fingerprint(&entry))
        }
        2 => {
            // Item 9 above 0 every third time, so a safety event is written in the same
            // transaction as the assessment.
            let mut answers: Vec<Answer> =
                (0..9).map(|i| Answer::score(((n + i) % 4) as u8)).collect();
            answers[8] = Answer::score(u8::from(n.is_multiple_of(3)));
            let taken = c.take_assessment("phq9".into(), answers, None, Some("GB".into()))?;
            ack(
                "assessment",
                taken.record.id.to_string(),
                json_fingerprint(&taken.record),
            )
        }
        3 => {
            let session = c.log_practice_session(PracticeSessionInput {
                technique: PracticeTechnique::Breathing,
                actual_minutes: u32::try_from(n % 30).unwrap_or(0) + 1,
                planned_minutes: Some(10),
                completed: !n.is_multiple_of(4),
                started_at: None,
                step_id: None,
            })?;
            ack(
                "practice",
                session.id.to_string(),
                json_fingerprint(&session),
            )
        }
        _ => programme_op(c, n)?,
    })
}

/// Works through [`PROGRAMME`]: start it, complete the next step, restart it when finished.
fn programme_op(c: &Companion, n: u64) -> Result<Ack, ResetError> {
    let at = op_instant_ms(n).to_string();
    let ack = |kind: &str, id: String| Ack {
        op: n,
        kind: kind.into(),
        id,
        hash: "-".into(),
    };
    match c.programme_progress()? {
        None => {
            c.start_programme(PROGRAMME.into(), None)?;
            Ok(ack("programme_start", at))
        }
        Some(p) if p.state == ProgrammeState::Paused => {
            c.resume_programme()?;
            Ok(ack("programme_resume", at))
        }
        Some(p) => match p.next_step {
            Some(step) if p.state == ProgrammeState::Active => {
                c.complete_programme_step(step.clone(), None)?;
                Ok(ack("programme_step", format!("{step}@{at}")))
            }
            _ => {
                c.restart_programme(Some(PROGRAMME.into()))?;
                Ok(ack("programme_restart", at))
            }
        },
    }
}

/// Prints `line` and flushes, so the parent has it before the next call begins.
pub fn say(out: &mut dyn Write, line: &str) {
    // A closed pipe means the parent is gone; nothing useful is left to do but stop.
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        std::process::exit(3);
    }
}

/// Prints an [`Ack`] in the protocol's format.
pub fn say_ack(out: &mut dyn Write, a: &Ack) {
    say(out, &format!("ACK {} {} {} {}", a.op, a.kind, a.id, a.hash));
}
