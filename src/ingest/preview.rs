//! What an import's events really come to: the messages the planner will
//! queue for them, per county, kind, language and channel. Officials act on
//! this number, so it counts only subscribed voters of the event's county,
//! elections the county takes part in, and messages the window still allows.
//! Subscriptions are looked up only for the voters whose ballots called for
//! a message, in voter order, once each.

use crate::domain::{CountyCode, Election, MessageKind, StatusCode, Subscription};
use crate::notify::planner::{self, Occasion};
use crate::store::{Snapshot, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One event of the import that calls for a message (32 bytes: a statewide
/// extract's few million fit in memory until the end of the import).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueEvent {
    pub voter: u128,
    pub at: i64,
    pub election: u16,
    pub county: CountyCode,
    pub kind: MessageKind,
    pub round: u8,
    pub code: Option<StatusCode>,
}

/// Messages that will be queued for one county, kind, language and channel.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Queued {
    pub county: String,
    pub kind: String,
    pub language: String,
    pub channel: String,
    pub count: u64,
}

/// Counts the messages `events` will be queued as at `now`, against the
/// store as `snapshot` has it.
pub fn messages_queued(
    snapshot: &Snapshot,
    events: &mut [DueEvent],
    now: i64,
) -> Result<Vec<Queued>, StoreError> {
    events.sort_unstable_by_key(|e| e.voter);
    let mut elections: HashMap<u16, Option<Election>> = HashMap::new();
    let mut counts: BTreeMap<(CountyCode, MessageKind, String, &'static str), u64> =
        BTreeMap::new();
    let mut last: Option<(u128, Option<Subscription>)> = None;
    for e in events.iter() {
        if last.as_ref().is_none_or(|(v, _)| *v != e.voter) {
            last = Some((e.voter, snapshot.subscription(e.voter)?));
        }
        let Some((_, Some(sub))) = &last else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(v) = elections.entry(e.election) {
            v.insert(snapshot.election_by_id(e.election)?);
        }
        let Some(election) = elections[&e.election].as_ref() else {
            continue;
        };
        let o = Occasion {
            election: Some((e.election, election)),
            kind: e.kind,
            round: e.round,
            code: e.code,
            at: e.at,
        };
        for channel in planner::would_queue(sub, e.county, &o, now) {
            let key = (
                sub.county,
                e.kind,
                sub.language.code().to_string(),
                channel.name(),
            );
            *counts.entry(key).or_default() += 1;
        }
    }
    Ok(counts
        .into_iter()
        .map(|((county, kind, language, channel), count)| Queued {
            county: county.code().to_string(),
            kind: kind.name().to_string(),
            language,
            channel: channel.to_string(),
            count,
        })
        .collect())
}
