//! Applying new rows to one stored ballot: shared by the ballot extract, the
//! USPS scans and the crosswalk (which releases scans kept aside).

use super::{ImportOptions, IngestError, Summary};
use crate::domain::ballot::{self, BallotRow};
use crate::domain::{Ballot, CountyCode, Election, VoterId};
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
    let (election_id, election, voter, county) = (t.election_id, t.election, t.voter, t.county);
    let given = rows.len() as u64;
    let old_county = prior.as_ref().map(|p| p.county);
    let start = prior.unwrap_or_else(|| Ballot::new(county));
    let applied = ballot::apply(start, rows, &election.status_table, opts.now);
    let new_rows = applied.new_events as u64;
    if new_rows == 0 {
        return Ok(Outcome {
            new_rows,
            known_rows: given,
        });
    }
    let ballot = applied.ballot;
    if let Some(kind) = applied.due {
        summary.message_due(ballot.county, kind);
    }
    if !opts.dry_run {
        b.ballot_put(election_id, voter, &ballot, old_county)?;
        if let Some(kind) = applied.due {
            let at = ballot
                .events
                .iter()
                .filter(|e| e.message == Some(kind))
                .map(|e| e.row.at)
                .max()
                .unwrap_or(opts.now);
            b.log_event(&EventLogEntry {
                voter: voter.key(),
                county: ballot.county,
                kind: EventLogKind::Message {
                    election: election_id,
                    kind,
                },
                at,
                recorded_at: opts.now,
            })?;
        }
    }
    Ok(Outcome {
        new_rows,
        known_rows: given - new_rows,
    })
}
