//! Insights through `Companion` (issue 5): the mood calendar and everything the insights
//! screen shows for a range of local days.

use reset_core::ResetError;
use reset_core::insights::{self, Insights, MoodDay};
use reset_core::time::{self, DateRange, LocalDay};

use crate::companion::{Companion, Session};

/// The closed range to compute over: `to` defaults to today, `from` to 30 days before it.
fn range_for(
    s: &Session,
    from: Option<LocalDay>,
    to: Option<LocalDay>,
) -> reset_core::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let range = DateRange::new(from, to)?;
    let today = time::local_date(s.now()?, s.zone);
    let (from, to) = insights::resolve_range(&range, today);
    if from > to {
        return Err(reset_core::Error::invalid("from", "is after `to`"));
    }
    Ok((from, to))
}

#[uniffi::export]
impl Companion {
    /// Mood per local day between `from` and `to` (default: the 30 days up to today).
    pub fn mood_calendar(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
    ) -> Result<Vec<MoodDay>, ResetError> {
        self.with(|s| {
            let (from, to) = range_for(s, from, to)?;
            insights::calendar(s.store.conn(), from, to)
        })
    }

    /// Insights between `from` and `to` (default: the 30 days up to today).
    pub fn insights(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
    ) -> Result<Insights, ResetError> {
        self.with(|s| {
            let (from, to) = range_for(s, from, to)?;
            insights::compute(s.store.conn(), from, to)
        })
    }
}
