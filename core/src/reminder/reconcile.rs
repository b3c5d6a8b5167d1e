//! Reconciliation: what the shell must add and cancel so the OS holds exactly the plan.
//!
//! Pure, like the planner. Ids are stable, so this is a set difference, plus one refinement:
//! an id already pending whose content changed (a zone change moved its instant, the exact
//! alarm grant changed) is added again, because adding under an existing id replaces it on
//! both iOS (`UNUserNotificationCenter.add`) and Android (an equal `PendingIntent`).

use std::collections::{BTreeSet, HashMap};

use super::plan::{PlannedNotification, fingerprint};

/// The shell's to-do list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Reconciliation {
    /// Schedule these (sorted by fire instant); an id already pending is replaced.
    pub add: Vec<PlannedNotification>,
    /// Remove these pending ids (sorted).
    pub cancel: Vec<String>,
}

/// Compares the plan with the ids the OS reports pending.
///
/// `handed_over` maps ids given to the shell earlier to their [`fingerprint`]; a pending id
/// the core has no record of is trusted as is (it was scheduled from this same plan).
pub fn reconcile(
    plan: &[PlannedNotification],
    pending: &[String],
    handed_over: &HashMap<String, String>,
) -> Reconciliation {
    let pending: BTreeSet<&str> = pending
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let planned: BTreeSet<&str> = plan.iter().map(|n| n.id.as_str()).collect();
    let add = plan
        .iter()
        .filter(|n| {
            !pending.contains(n.id.as_str())
                || handed_over.get(&n.id).is_some_and(|f| *f != fingerprint(n))
        })
        .cloned()
        .collect();
    let cancel = pending
        .difference(&planned)
        .map(|s| (*s).to_string())
        .collect();
    Reconciliation { add, cancel }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminder::test_support::*;
    use crate::reminder::{ActivityKind::Meditation, plan};

    fn ids(ns: &[PlannedNotification]) -> Vec<&str> {
        ns.iter().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn an_empty_os_gets_the_whole_plan_and_a_synced_one_gets_nothing() {
        let rules = [rule("rule_m", Meditation, &["08:00", "20:00"])];
        let p = plan(&input(
            &rules,
            "Europe/London",
            "2027-05-01T00:00:00Z",
            "2027-05-03T00:00:00Z",
        ));
        let first = reconcile(&p, &[], &HashMap::new());
        assert_eq!(first.add, p);
        assert!(first.cancel.is_empty());
        let pending: Vec<String> = p.iter().map(|n| n.id.clone()).collect();
        let handed: HashMap<_, _> = p.iter().map(|n| (n.id.clone(), fingerprint(n))).collect();
        let again = reconcile(&p, &pending, &handed);
        assert!(again.add.is_empty() && again.cancel.is_empty());
        // Ids the core has no record of are trusted: they came from this same plan.
        assert_eq!(reconcile(&p, &pending, &HashMap::new()), again);
    }

    #[test]
    fn stale_and_unknown_pending_ids_are_cancelled_and_missing_ones_added() {
        let rules = [rule("rule_m", Meditation, &["08:00"])];
        let p = plan(&input(
            &rules,
            "UTC",
            "2027-05-01T00:00:00Z",
            "2027-05-04T00:00:00Z",
        ));
        let pending = vec![
            p[0].id.clone(),
            "rem_gone".into(),
            " ".into(),
            "rem_gone".into(),
        ];
        let r = reconcile(&p, &pending, &HashMap::new());
        assert_eq!(ids(&r.add), ids(&p[1..]));
        assert_eq!(r.cancel, ["rem_gone"]);
    }

    #[test]
    fn a_zone_change_re_adds_the_same_ids_at_their_new_instants() {
        let rules = [rule("rule_m", Meditation, &["08:00"])];
        let london = plan(&input(
            &rules,
            "Europe/London",
            "2027-05-01T00:00:00Z",
            "2027-05-03T00:00:00Z",
        ));
        let handed: HashMap<_, _> = london
            .iter()
            .map(|n| (n.id.clone(), fingerprint(n)))
            .collect();
        let pending: Vec<String> = london.iter().map(|n| n.id.clone()).collect();
        let ny = plan(&input(
            &rules,
            "America/New_York",
            "2027-05-01T04:00:00Z",
            "2027-05-03T04:00:00Z",
        ));
        assert_eq!(ids(&ny), ids(&london));
        let r = reconcile(&ny, &pending, &handed);
        assert_eq!(r.add, ny, "same ids, new instants: adding replaces them");
        assert!(r.cancel.is_empty());
    }
}
