//! One pass over the rows of a range, summing what the insights need. Plain arithmetic over
//! integers, so ten years of check-ins three times a day take milliseconds.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::{
    AssociationSource, CLEAR_DIFFERENCE, DistortionCount, EmotionChange, MIN_SAMPLE,
    MoodAssociation, MoodBucket, MoodDirection,
};
use crate::checkin::vocabulary::{EmotionLabel, LifeArea};
use crate::error::{Error, Result};
use crate::journal::{CognitiveDistortion, ThoughtRecord};

/// A running count and sum of moods.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sum {
    pub count: u32,
    pub total: i64,
}

impl Sum {
    fn add(&mut self, mood: i32) {
        self.count += 1;
        self.total += i64::from(mood);
    }

    /// The mean, or `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total as f64 / f64::from(self.count))
    }

    fn minus(self, other: Sum) -> Sum {
        Sum {
            count: self.count - other.count,
            total: self.total - other.total,
        }
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const PARTS_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];

/// Morning 05:00–11:59, afternoon 12:00–16:59, evening 17:00–21:59, night 22:00–04:59.
fn part_of_day(local_minute: u32) -> usize {
    match local_minute / 60 {
        5..=11 => 0,
        12..=16 => 1,
        17..=21 => 2,
        _ => 3,
    }
}

/// Mood sums over the check-ins of a range.
#[derive(Debug)]
pub(super) struct Moods {
    pub total: Sum,
    weekday: [Sum; 7],
    part: [Sum; 4],
    /// Indexed by bit (HealthKit raw value − 1); 64 slots so any stored bit has one.
    labels: Vec<Sum>,
    areas: Vec<Sum>,
    tags: HashMap<String, Sum>,
}

/// Sums every check-in whose local day lies in `from..=to`.
pub(super) fn moods(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Moods> {
    let mut m = Moods {
        total: Sum::default(),
        weekday: [Sum::default(); 7],
        part: [Sum::default(); 4],
        labels: vec![Sum::default(); 64],
        areas: vec![Sum::default(); 64],
        tags: HashMap::new(),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT mood, local_date, local_minute, labels, areas, tags FROM check_ins WHERE local_date BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([from.to_string(), to.to_string()])?;
    let mut tag_sets: HashMap<String, Sum> = HashMap::new();
    let mut last_date = (String::new(), 0_usize);
    while let Some(r) = rows.next()? {
        let mood: i32 = r.get(0)?;
        let date = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        // Rows of one day come together often enough that caching the weekday pays.
        if date != last_date.0 {
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| Error::internal("a stored local date does not parse"))?;
            last_date = (
                date.to_string(),
                day.weekday().num_days_from_monday() as usize,
            );
        }
        m.total.add(mood);
        m.weekday[last_date.1].add(mood);
        m.part[part_of_day(r.get(2)?)].add(mood);
        for (mask, sums) in [
            (r.get::<_, i64>(3)?, &mut m.labels),
            (r.get::<_, i64>(4)?, &mut m.areas),
        ] {
            let sums: &mut Vec<Sum> = sums;
            let mut bits = mask;
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                sums[bit].add(mood);
                bits &= bits - 1;
            }
        }
        // Sum per distinct tag *set* (its stored JSON) and split it into tags once at the
        // end: a person uses a handful of tag sets, so this avoids parsing every row.
        let tags = r.get_ref(5)?.as_str().map_err(rusqlite::Error::from)?;
        if tags != "[]" {
            match tag_sets.get_mut(tags) {
                Some(sum) => sum.add(mood),
                None => {
                    let mut sum = Sum::default();
                    sum.add(mood);
                    tag_sets.insert(tags.to_string(), sum);
                }
            }
        }
    }
    for (set, sum) in tag_sets {
        let tags = crate::entry::text::stored_tags(&set)?;
        for t in tags {
            let slot = m.tags.entry(t).or_default();
            slot.count += sum.count;
            slot.total += sum.total;
        }
    }
    Ok(m)
}

fn buckets(names: &[&str], sums: &[Sum]) -> Vec<MoodBucket> {
    names
        .iter()
        .zip(sums)
        .map(|(n, s)| MoodBucket {
            name: (*n).to_string(),
            count: s.count,
            average: s.mean(),
        })
        .collect()
}

impl Moods {
    pub fn weekday_buckets(&self) -> Vec<MoodBucket> {
        buckets(&WEEKDAYS, &self.weekday)
    }

    pub fn time_of_day_buckets(&self) -> Vec<MoodBucket> {
        buckets(&PARTS_OF_DAY, &self.part)
    }

    /// Every word and tag with enough check-ins on both sides, largest difference first.
    pub fn associations(&self) -> Vec<MoodAssociation> {
        let labels = EmotionLabel::ALL.iter().map(|l| {
            (
                AssociationSource::Label,
                l.code().to_string(),
                self.labels[usize::from(l.healthkit_raw() - 1)],
            )
        });
        let areas = LifeArea::ALL.iter().map(|a| {
            (
                AssociationSource::Area,
                a.code().to_string(),
                self.areas[usize::from(a.healthkit_raw() - 1)],
            )
        });
        let tags = self
            .tags
            .iter()
            .map(|(t, s)| (AssociationSource::Tag, t.clone(), *s));
        let mut out: Vec<MoodAssociation> = labels
            .chain(areas)
            .chain(tags)
            .filter_map(|(source, name, with)| {
                let without = self.total.minus(with);
                if with.count < MIN_SAMPLE || without.count < MIN_SAMPLE {
                    return None;
                }
                let (average_with, average_without) = (with.mean()?, without.mean()?);
                let difference = average_with - average_without;
                let direction = if difference >= CLEAR_DIFFERENCE {
                    MoodDirection::Better
                } else if difference <= -CLEAR_DIFFERENCE {
                    MoodDirection::Worse
                } else {
                    MoodDirection::NoClearDifference
                };
                Some(MoodAssociation {
                    source,
                    name,
                    count_with: with.count,
                    count_without: without.count,
                    average_with,
                    average_without,
                    difference,
                    direction,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.difference
                .abs()
                .total_cmp(&a.difference.abs())
                .then(b.count_with.cmp(&a.count_with))
                .then(a.name.cmp(&b.name))
        });
        out
    }
}

/// Tallies over the thought records of a range.
#[derive(Debug, Default)]
pub(super) struct Thoughts {
    pub records: u32,
    distortions: HashMap<CognitiveDistortion, u32>,
    emotions: HashMap<EmotionLabel, (u32, i64, i64)>,
}

/// Reads every thought record whose local day lies in `from..=to`.
pub(super) fn thoughts(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Thoughts> {
    let mut t = Thoughts::default();
    let mut stmt = conn.prepare_cached(
        "SELECT record FROM journal_entries WHERE kind = 'thought' AND local_date BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([from.to_string(), to.to_string()])?;
    while let Some(r) = rows.next()? {
        let record: ThoughtRecord =
            serde_json::from_str(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?)
                .map_err(|_| Error::internal("a stored thought record does not decode"))?;
        t.records += 1;
        for d in &record.distortions {
            *t.distortions.entry(*d).or_default() += 1;
        }
        for e in &record.emotions {
            if let Some(after) = e.after {
                let slot = t.emotions.entry(e.label).or_default();
                *slot = (
                    slot.0 + 1,
                    slot.1 + i64::from(e.before),
                    slot.2 + i64::from(after),
                );
            }
        }
    }
    Ok(t)
}

impl Thoughts {
    pub fn distortion_counts(&self) -> Vec<DistortionCount> {
        let mut out: Vec<DistortionCount> = self
            .distortions
            .iter()
            .map(|(d, n)| DistortionCount {
                distortion: *d,
                count: *n,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.distortion.cmp(&b.distortion)));
        out
    }

    pub fn emotion_changes(&self) -> Vec<EmotionChange> {
        let mut out: Vec<EmotionChange> = self
            .emotions
            .iter()
            .map(|(label, (n, before, after))| {
                let n_f = f64::from(*n);
                let (average_before, average_after) = (*before as f64 / n_f, *after as f64 / n_f);
                EmotionChange {
                    label: *label,
                    count: *n,
                    average_before,
                    average_after,
                    average_change: average_after - average_before,
                }
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        out
    }
}
