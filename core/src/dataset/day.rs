//! One generated day of the heavy user's life, written through the domain modules' insert
//! functions (check-ins, journal, assessments, practice, programmes, reminders) so the
//! generated profile obeys every rule a real one does. `now` for each insert is the moment
//! it happens, as if the person had used the app then.

use crate::time::Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use rusqlite::Transaction;

use super::rng::SplitMix;
use super::zones::{HOME, Itinerary};
use super::{DatasetPlan, text};
use crate::assessment::{self, Answer, TakenAt};
use crate::checkin::{self, CheckInInput, EmotionLabel, LifeArea, MoodKind};
use crate::error::Result;
use crate::journal::{JournalBody, JournalInput, JournalKind, entries};
use crate::practice::{PracticeSessionInput, PracticeTechnique};
use crate::programme::{self, ProgrammeState, StepStatus, enrolment};
use crate::reminder::{self, ActivityKind, DayOfWeek, NewReminderRule, QuietHours, ReminderDays};
use crate::time::{WallTime, resolve_wall_time};

/// The generated person: their seeded randomness, trips and programme rhythm.
pub(super) struct Person {
    rng: SplitMix,
    itinerary: Itinerary,
    first: NaiveDate,
    end: DateTime<Utc>,
    /// Programme ids in the order the person takes them, round and round.
    programmes: Vec<String>,
    next_programme: usize,
    /// A rest between programmes: the next one starts on this day.
    rest_until: Option<NaiveDate>,
}

impl Person {
    pub fn new(plan: &DatasetPlan, first: NaiveDate) -> Result<Self> {
        let mut rng = SplitMix::new(plan.seed);
        let itinerary = Itinerary::new(rng.next_u64());
        let mut programmes: Vec<String> = programme::catalogue()?
            .summaries()
            .into_iter()
            .map(|s| s.id)
            .collect();
        let turn = rng.index(programmes.len().max(1));
        programmes.rotate_left(turn);
        Ok(Person {
            rng,
            itinerary,
            first,
            end: plan.end,
            programmes,
            next_programme: 0,
            rest_until: None,
        })
    }

    /// Day zero: region, a deterministic export pseudonym and a dozen reminder rules.
    pub fn settle_in(&mut self, tx: &Transaction<'_>) -> Result<()> {
        let at = self.at(self.first, 9, 0);
        crate::preferences::set(tx, assessment::REGION_PREFERENCE, "GB")?;
        let pseudonym = format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64());
        crate::preferences::set(tx, crate::export::snapshot::PSEUDONYM_SETTING, &pseudonym)?;
        for rule in reminder_rules() {
            reminder::add_rule(tx, &rule, at, HOME)?;
        }
        Ok(())
    }

    /// Writes everything the person does on local day `date` (nothing after the end instant).
    pub fn live(&mut self, tx: &Transaction<'_>, date: NaiveDate) -> Result<()> {
        let zone = self.itinerary.zone_on(date);
        let severity = self.severity(date);
        self.practice(tx, date, zone)?;
        self.programme(tx, date, zone)?;
        for (slot, (hour, minute)) in [(7, 45), (13, 10), (20, 40)].into_iter().enumerate() {
            self.check_in(tx, date, zone, severity, slot, hour, minute)?;
        }
        if self.rng.chance(0.85) {
            self.journal(tx, date, zone)?;
        }
        if (date - self.first).num_days() % 14 == 0 {
            self.assessments(tx, date, zone, severity)?;
        }
        Ok(())
    }

    /// How unwell the person is on `date`, 0 (well) to 1: a slow recovery over the first
    /// year, a gentle 18-month wave, and day-to-day noise.
    fn severity(&mut self, date: NaiveDate) -> f64 {
        let t = (date - self.first).num_days() as f64;
        let recovery = 0.55 * (-t / 240.0).exp();
        let wave = 0.10 * (t * std::f64::consts::TAU / 540.0).sin();
        (0.22 + recovery + wave + self.rng.noise(0.04)).clamp(0.0, 1.0)
    }

    /// The UTC instant of `hour:minute` local time on `date` in that day's zone, with a
    /// little jitter; `None` when it falls after the end of the history.
    fn when(&mut self, date: NaiveDate, zone: Tz, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
        let jitter = Duration::minutes(self.rng.between(-25, 25));
        let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
        let at = resolve_wall_time(date, time, zone) + jitter;
        (at <= self.end).then_some(at)
    }

    fn at(&self, date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
        resolve_wall_time(date, time, HOME).min(self.end)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_in(
        &mut self,
        tx: &Transaction<'_>,
        date: NaiveDate,
        zone: Tz,
        severity: f64,
        slot: usize,
        hour: u32,
        minute: u32,
    ) -> Result<()> {
        let Some(at) = self.when(date, zone, hour, minute) else {
            return Ok(());
        };
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let lift = if weekend { 0.4 } else { 0.0 };
        let mood = (4.0 + (0.5 - severity) * 5.0 + lift + self.rng.noise(0.9)).round() as i32;
        let labels = (0..self.rng.index(4))
            .map(|_| *self.rng.pick(EmotionLabel::ALL))
            .collect();
        let areas = (0..self.rng.index(3))
            .map(|_| *self.rng.pick(LifeArea::ALL))
            .collect();
        let input = CheckInInput {
            mood: mood.clamp(1, 7),
            kind: if slot == 2 {
                MoodKind::DailyMood
            } else {
                MoodKind::MomentaryEmotion
            },
            labels,
            areas,
            note: self.rng.chance(0.3).then(|| text::note(&mut self.rng)),
            tags: text::tags(&mut self.rng),
            at: Some(at.into()),
        };
        checkin::add(tx, input, at, zone)?;
        if slot == 2 {
            reminder::record_activity(tx, ActivityKind::Checkin, at, zone)?;
        }
        Ok(())
    }

    fn journal(&mut self, tx: &Transaction<'_>, date: NaiveDate, zone: Tz) -> Result<()> {
        let Some(at) = self.when(date, zone, 21, 30) else {
            return Ok(());
        };
        // Free writing is the most common and the longest; structured records are shorter.
        let roll = self.rng.below(100);
        let (kind, sentences) = match roll {
            0..=39 => (JournalKind::Free, self.rng.between(2, 24)),
            40..=54 => (JournalKind::Gratitude, self.rng.between(1, 3)),
            55..=69 => (JournalKind::Thought, self.rng.between(1, 4)),
            70..=81 => (JournalKind::Worry, self.rng.between(1, 3)),
            82..=91 => (JournalKind::Activity, self.rng.between(1, 2)),
            _ => (JournalKind::Exposure, self.rng.between(1, 3)),
        };
        let body = text::paragraph(&mut self.rng, sentences as usize);
        let input = JournalInput {
            body: JournalBody::from_text(kind, &body),
            tags: text::tags(&mut self.rng),
            shared_with_therapist: self.rng.chance(0.2),
            at: Some(at.into()),
        };
        entries::add(tx, input, at, zone)?;
        reminder::record_activity(tx, ActivityKind::Journal, at, zone)?;
        Ok(())
    }

    fn practice(&mut self, tx: &Transaction<'_>, date: NaiveDate, zone: Tz) -> Result<()> {
        if !self.rng.chance(0.9) {
            return Ok(());
        }
        let Some(start) = self.when(date, zone, 6, 50) else {
            return Ok(());
        };
        let planned = *self.rng.pick(&[5u32, 10, 10, 15, 20]);
        let completed = self.rng.chance(0.9);
        let minutes = if completed {
            planned
        } else {
            (planned / 2).max(1)
        };
        let end = start + Duration::minutes(i64::from(minutes));
        if end > self.end {
            return Ok(());
        }
        let input = PracticeSessionInput {
            technique: *self.rng.pick(&PracticeTechnique::ALL),
            actual_minutes: minutes,
            planned_minutes: Some(planned),
            completed,
            started_at: Some(start.into()),
            step_id: None,
        };
        programme::log_practice(tx, programme::catalogue()?, &input, end, zone)?;
        reminder::record_activity(tx, ActivityKind::Meditation, end, zone)?;
        Ok(())
    }

    /// Completes the open step most mornings; between programmes, rests for a few days and
    /// then starts the next one (taken again from the start after the last); now and then
    /// restarts the current programme from its first step.
    fn programme(&mut self, tx: &Transaction<'_>, date: NaiveDate, zone: Tz) -> Result<()> {
        let Some(at) = self.when(date, zone, 7, 30) else {
            return Ok(());
        };
        let cat = programme::catalogue()?;
        let progress = enrolment::progress(tx, cat, at, zone)?;
        match progress {
            Some(p) if p.state != ProgrammeState::Finished => {
                if self.rng.chance(0.004) {
                    enrolment::restart(tx, cat, None, at, zone)?;
                } else if self.rng.chance(0.8) {
                    let open = p.steps.iter().find(|s| s.status == StepStatus::Available);
                    if let Some(step) = open {
                        enrolment::complete(tx, cat, &step.id, at, zone)?;
                    }
                }
            }
            _ => match self.rest_until {
                None => self.rest_until = Some(date + Duration::days(self.rng.between(3, 14))),
                Some(day) if date >= day && !self.programmes.is_empty() => {
                    let id = self.programmes[self.next_programme % self.programmes.len()].clone();
                    self.next_programme += 1;
                    self.rest_until = None;
                    enrolment::start(tx, cat, &id, at, zone)?;
                }
                Some(_) => {}
            },
        }
        Ok(())
    }

    fn assessments(
        &mut self,
        tx: &Transaction<'_>,
        date: NaiveDate,
        zone: Tz,
        severity: f64,
    ) -> Result<()> {
        let Some(at) = self.when(date, zone, 19, 0) else {
            return Ok(());
        };
        let region = assessment::region_for(tx, None, zone)?;
        let when = TakenAt { at, now: at, zone };
        let gad7 = self.answers(7, severity, None);
        assessment::take(tx, "gad7", &gad7, region, when)?;
        // Item 9 (thoughts of self-harm) only in the worst weeks, and rarely: each one
        // records a safety event, as it would for a real person.
        let item9 = (severity > 0.6 && self.rng.chance(0.15)).then_some(1);
        let phq9 = self.answers(9, severity, item9);
        let when = TakenAt {
            at: at + Duration::minutes(3),
            now: at + Duration::minutes(3),
            zone,
        };
        if when.at <= self.end {
            assessment::take(tx, "phq9", &phq9, region, when)?;
        }
        Ok(())
    }

    /// `items` answers on the 0–3 scale around `severity`; the last item is `last` or 0.
    fn answers(&mut self, items: usize, severity: f64, last: Option<u8>) -> Vec<Answer> {
        (0..items)
            .map(|i| {
                let value = if i + 1 == items && items == 9 {
                    last.unwrap_or(0)
                } else {
                    (severity * 3.0 + self.rng.noise(0.6))
                        .round()
                        .clamp(0.0, 3.0) as u8
                };
                Answer::Score { value }
            })
            .collect()
    }
}

/// A dozen reminder rules a committed user might keep, none overlapping another.
fn reminder_rules() -> Vec<NewReminderRule> {
    let quiet = || {
        Some(QuietHours {
            start: WallTime(NaiveTime::MIN + chrono::Duration::minutes(22 * 60 + 30)),
            end: WallTime(NaiveTime::MIN + chrono::Duration::minutes(6 * 60 + 30)),
        })
    };
    let rule = |kind, times: &[&str], days, skip_if_done, quiet_hours| NewReminderRule {
        kind,
        times: times
            .iter()
            .filter_map(|t| WallTime::parse(t, "times").ok())
            .collect(),
        days,
        skip_if_done,
        quiet_hours,
        label: None,
    };
    use ActivityKind::*;
    let weekend = ReminderDays::Only {
        days: vec![DayOfWeek::Sat, DayOfWeek::Sun],
    };
    vec![
        rule(Checkin, &["08:00"], ReminderDays::Daily, true, quiet()),
        rule(Checkin, &["13:00"], ReminderDays::Weekdays, true, quiet()),
        rule(Checkin, &["20:30"], ReminderDays::Daily, true, quiet()),
        rule(
            Meditation,
            &["07:00"],
            ReminderDays::Weekdays,
            true,
            quiet(),
        ),
        rule(Meditation, &["09:00"], weekend.clone(), true, quiet()),
        rule(Meditation, &["18:15"], ReminderDays::Daily, false, None),
        rule(Journal, &["21:30"], ReminderDays::Daily, true, quiet()),
        rule(Journal, &["12:30"], weekend, false, None),
        rule(Programme, &["07:30"], ReminderDays::Daily, true, quiet()),
        rule(Programme, &["19:30"], ReminderDays::Weekdays, true, None),
        rule(Assessment, &["19:00"], ReminderDays::Daily, true, quiet()),
        rule(
            Checkin,
            &["10:30", "16:00"],
            ReminderDays::Only {
                days: vec![DayOfWeek::Sat],
            },
            false,
            None,
        ),
    ]
}

/// Replaces the random ids SQLite handed out with ids derived from the seed and row order,
/// so the same seed gives a byte-identical profile (and dump).
pub(super) fn fix_ids(tx: &Transaction<'_>, seed: u64) -> Result<()> {
    let tag = (seed & 0xffff_ffff) as i64;
    tx.execute(
        "UPDATE check_ins SET id = 'ci_' || printf('%08x%016x', ?1, seq)",
        [tag],
    )?;
    tx.execute(
        "UPDATE journal_entries SET id = 'je_' || printf('%08x%016x', ?1, seq)",
        [tag],
    )?;
    tx.execute(
        "UPDATE reminder_rules SET id = 'rule_' || printf('%08x%08x', ?1, rowid)",
        [tag],
    )?;
    for (table, prefix) in [
        ("assessments", "as"),
        ("safety_events", "se"),
        ("assessment_episodes", "ep"),
        ("practice_sessions", "ps"),
    ] {
        tx.execute(
            &format!("UPDATE {table} SET uid = '{prefix}_' || printf('%08x%016x', ?1, id)"),
            [tag],
        )?;
    }
    tx.execute(
        "UPDATE practice_sessions SET external_id = 'reset-practice-' || uid",
        [],
    )?;
    Ok(())
}
