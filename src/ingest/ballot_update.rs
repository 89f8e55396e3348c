//! Applying new rows to one stored ballot: shared by the ballot extract, the
//! USPS scans and the crosswalk (which releases scans kept aside).

use super::preview::DueEvent;
use super::{ImportOptions, IngestError, Summary};
use crate::domain::ballot::{self, BallotRow, Direction};
use crate::domain::{Ballot, CountyCode, Election, MessageKind, VoterId};
use crate::store::{Batch, EventLogEntry, EventLogKind};

/// What applying did: rows new to the ballot, and rows it already had.
pub struct Outcome {
    pub new_rows: u64,
    pub known_rows: u64,
}

/// The ballot rows go to.
pub struct Target<'a> {
    pub election_id: u16,
    pub election: &'a Election,
    pub voter: VoterId,
    /// The county of a ballot not yet stored.
    pub county: CountyCode,
}

/// Why scans of `direction` on a ballot of `county` change nothing, if they
/// do not: a county's token uploaded them for another county's ballot, or the
/// county does not track mail going that way in the election.
pub fn scan_refusal(
    uploader: Option<CountyCode>,
    county: CountyCode,
    election: &Election,
    direction: Direction,
) -> Option<String> {
    if let Some(up) = uploader
        && up != county
    {
        return Some(format!(
            "uploaded by county {up}'s token for a ballot of county {county}"
        ));
    }
    let used = election.imb_use(county);
    if !used.tracks(direction) {
        let way = match direction {
            Direction::Outbound => "outbound",
            Direction::Inbound => "inbound",
        };
        return Some(format!(
            "county {county} does not track {way} mail in {} (IMB use: {})",
            election.code,
            used.name()
        ));
    }
    None
}

/// The reason for scans whose crosswalk voter is not on the roll.
pub const NOT_ON_ROLL: &str = "the crosswalk's voter is not on the voter roll";

/// Applies rows to the stored ballot.
pub fn apply_rows(
    b: &mut Batch<'_>,
    t: &Target<'_>,
    rows: Vec<BallotRow>,
    opts: &ImportOptions,
    summary: &mut Summary,
) -> Result<Outcome, IngestError> {
    let prior = b.ballot_get(t.election_id, t.voter)?;
    apply_rows_to(b, t, prior, rows, opts, summary)
}

/// Applies rows to `prior`, the ballot as stored (read by the caller).
pub fn apply_rows_to(
    b: &mut Batch<'_>,
    t: &Target<'_>,
    prior: Option<Ballot>,
    rows: Vec<BallotRow>,
    opts: &ImportOptions,
    summary: &mut Summary,
) -> Result<Outcome, IngestError> {
    let (outcome, change) = compute(t, prior, rows, opts, summary);
    if let Some(c) = change {
        write(b, &c)?;
    }
    Ok(outcome)
}

/// A ballot change ready to be written: computed off the writer's thread.
pub struct Change {
    election_id: u16,
    voter: VoterId,
    old_county: Option<CountyCode>,
    ballot: Ballot,
    event: Option<EventLogEntry>,
}

/// Runs the state machine for one ballot: what changes (nothing in a dry run),
/// and the counts. Pure apart from the summary's counters.
pub fn compute(
    t: &Target<'_>,
    prior: Option<Ballot>,
    rows: Vec<BallotRow>,
    opts: &ImportOptions,
    summary: &mut Summary,
) -> (Outcome, Option<Change>) {
    let given = rows.len() as u64;
    let old_county = prior.as_ref().map(|p| p.county);
    let start = prior.unwrap_or_else(|| Ballot::new(t.county));
    let applied = ballot::apply(start, rows, &t.election.status_table, opts.now);
    let new_rows = applied.new_events as u64;
    let outcome = Outcome {
        new_rows,
        known_rows: given - new_rows,
    };
    if new_rows == 0 {
        return (outcome, None);
    }
    let ballot = applied.ballot;
    let due = applied.due.map(|kind| DueEvent {
        voter: t.voter.key(),
        at: ballot
            .events
            .iter()
            .filter(|e| e.message == Some(kind))
            .map(|e| e.row.at)
            .max()
            .unwrap_or(opts.now),
        election: t.election_id,
        county: ballot.county,
        kind,
        // Each reissued ballot is its own message.
        round: if kind == MessageKind::Reissued {
            ballot.mailed.len().min(u8::MAX as usize) as u8
        } else {
            0
        },
        code: ballot.status_code,
    });
    if let Some(d) = due {
        summary.message_due(d);
    }
    if opts.dry_run {
        return (outcome, None);
    }
    let event = due.map(|d| EventLogEntry {
        voter: d.voter,
        county: d.county,
        kind: EventLogKind::Message {
            election: d.election,
            kind: d.kind,
            code: d.code,
            round: d.round,
        },
        // When the change calling for it took effect.
        at: d.at,
        recorded_at: opts.now,
    });
    (
        outcome,
        Some(Change {
            election_id: t.election_id,
            voter: t.voter,
            old_county,
            ballot,
            event,
        }),
    )
}

pub fn write(b: &mut Batch<'_>, c: &Change) -> Result<(), IngestError> {
    b.ballot_put(c.election_id, c.voter, &c.ballot, c.old_county)?;
    if let Some(e) = &c.event {
        b.log_event(e)?;
    }
    Ok(())
}
