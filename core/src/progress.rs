//! Progress of long work (backup, restore, large exports): a callback the shell forwards to
//! its UI, so a person restoring years of data sees a bar move rather than a frozen screen.
//!
//! Owns only the reporting contract. Must never: carry user content (it reports amounts of
//! work, not what the work is about) or let a slow listener change what the work does.

/// Receives `done` out of `total` units of work; `done` never decreases, and the final call
/// has `done == total`. Units are abstract (the backup uses thousandths).
pub trait Progress {
    /// Called from the thread doing the work, between steps; keep it short.
    fn report(&self, done: u64, total: u64);
}

/// A listener that ignores every report: for callers with no UI.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn report(&self, _done: u64, _total: u64) {}
}

/// Maps the stages of one job onto a fixed scale of thousandths, so stages of very different
/// sizes (a key derivation, compressing megabytes) still give one monotonic bar.
pub struct Meter<'a> {
    listener: &'a dyn Progress,
    last: std::cell::Cell<u64>,
}

impl<'a> Meter<'a> {
    /// The scale every report is expressed in.
    pub const TOTAL: u64 = 1000;

    /// A meter reporting to `listener`; reports `0` straight away.
    pub fn new(listener: &'a dyn Progress) -> Self {
        listener.report(0, Self::TOTAL);
        Meter {
            listener,
            last: std::cell::Cell::new(0),
        }
    }

    /// Reports that the job reached `permille` thousandths (ignored if it would go backwards).
    pub fn at(&self, permille: u64) {
        let value = permille.min(Self::TOTAL);
        if value > self.last.get() {
            self.last.set(value);
            self.listener.report(value, Self::TOTAL);
        }
    }

    /// Reports `part` of `whole` of the stage that spans `from..to` thousandths.
    pub fn within(&self, from: u64, to: u64, part: u64, whole: u64) {
        let span = to.saturating_sub(from);
        // An empty stage (whole == 0) counts as complete.
        let step = span
            .saturating_mul(part.min(whole))
            .checked_div(whole)
            .unwrap_or(span);
        self.at(from + step);
    }

    /// Reports completion.
    pub fn finish(&self) {
        self.at(Self::TOTAL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    struct Record(RefCell<Vec<(u64, u64)>>);
    impl Progress for Record {
        fn report(&self, done: u64, total: u64) {
            self.0.borrow_mut().push((done, total));
        }
    }

    #[test]
    fn meter_reports_are_monotonic_and_end_at_the_total() {
        let record = Record(RefCell::new(Vec::new()));
        let meter = Meter::new(&record);
        meter.within(100, 500, 1, 4);
        meter.at(50); // backwards: ignored
        meter.within(100, 500, 4, 4);
        meter.within(500, 900, 9, 0); // empty stage counts as done
        meter.finish();
        meter.finish(); // a second finish adds nothing
        let seen = record.0.into_inner();
        assert_eq!(
            seen,
            vec![
                (0, 1000),
                (200, 1000),
                (500, 1000),
                (900, 1000),
                (1000, 1000)
            ]
        );
    }
}
