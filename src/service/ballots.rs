//! A voter's ballot and its timeline, as staff see it.

use super::{Actor, Result, ServiceError};
use crate::domain::{Ballot, RowKind, VoterId};
use crate::store::Store;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BallotView {
    pub votecal_id: String,
    pub election: String,
    /// Where the ballot is (`issued`, `accepted`, …), or null before any status.
    pub status: Option<&'static str>,
    pub events: Vec<EventView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventView {
    /// RFC 3339.
    pub at: String,
    /// `votecal` or `usps`.
    pub source: &'static str,
    /// The VoteCal status code, or the USPS scan event code.
    pub code: String,
    /// VoteCal reason codes, or the scan facility.
    pub reasons: Vec<String>,
    /// The message the event called for, if any.
    pub message: Option<&'static str>,
}

fn view(id: VoterId, election: &str, b: &Ballot) -> BallotView {
    let events = b
        .events
        .iter()
        .map(|e| {
            let (source, code) = match &e.row.kind {
                RowKind::Status(s) => ("votecal", s.code().to_string()),
                RowKind::Scan { event_code, .. } => ("usps", event_code.clone()),
            };
            let reasons = e
                .row
                .detail
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let at = jiff::Timestamp::from_second(e.row.at)
                .map_or_else(|_| e.row.at.to_string(), |t| t.to_string());
            EventView {
                at,
                source,
                code,
                reasons,
                message: e.message.map(|m| m.name()),
            }
        })
        .collect();
    BallotView {
        votecal_id: id.to_string(),
        election: election.to_string(),
        status: b.status.map(|s| s.name()),
        events,
    }
}

/// The voter's ballots: in `election` only, or in every election they have one.
/// A county actor sees only its county's ballots; others are "not found" so
/// that existence is not revealed.
pub fn show(
    store: &Store,
    actor: &Actor,
    votecal_id: &str,
    election: Option<&str>,
) -> Result<Vec<BallotView>> {
    let not_found = || match election {
        Some(code) => ServiceError::NotFound(format!(
            "no ballot of voter {votecal_id} in election {code}"
        )),
        None => ServiceError::NotFound(format!("no ballot of voter {votecal_id}")),
    };
    let id = VoterId::parse(votecal_id).ok_or_else(|| {
        ServiceError::Invalid(format!(
            "{votecal_id:?} is not a VoteCal id (1-20 characters A-Z, 0-9)"
        ))
    })?;
    let snap = store.read()?;
    let elections = match election {
        Some(code) => match snap.election_get(code)? {
            Some(e) => vec![e],
            None => return Err(ServiceError::NotFound(format!("no election {code}"))),
        },
        None => snap.elections()?,
    };
    let mut out = Vec::new();
    for (eid, e) in elections {
        match snap.ballot_get(eid, id)? {
            Some(b) if actor.covers(b.county) => out.push(view(id, &e.code, &b)),
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(not_found());
    }
    Ok(out)
}
