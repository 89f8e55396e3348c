//! The ballot state machine: status rows from VoteCal and USPS scans in, the
//! ballot's status and the messages each change calls for out.
//!
//! A ballot (one voter, one election) keeps every row it was ever given, as an
//! event, in `status_at` order. The status is a fold over those rows, so it does
//! not depend on the order in which files arrive. A message is called for only
//! by a row that is not older than the newest row already known (a late, older
//! row never moves the ballot backwards nor sends a stale message); the
//! "mailed" message (Outbound, or Reissued for a second ballot) is called for
//! once per ballot sequence, by the `ISSUED` row or the first outbound scan,
//! whichever arrives first; Inbound once per ballot.

use super::county::CountyCode;
use super::message::MessageKind;
use super::status::{StatusCode, StatusTable};
use serde::{Deserialize, Serialize};

/// Direction of a mail piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Outbound,
    Inbound,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "outbound" => Some(Self::Outbound),
            "inbound" => Some(Self::Inbound),
            _ => None,
        }
    }
}

/// What a row says happened.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RowKind {
    /// A VoteCal status code.
    Status(StatusCode),
    /// A USPS scan of the ballot's envelope, with its scan event code.
    Scan {
        direction: Direction,
        event_code: String,
    },
}

/// One status change of one ballot, as a feed delivered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRow {
    /// When the status took effect, seconds since the epoch.
    pub at: i64,
    /// Which ballot of the voter in the election (1 = first; 2+ = reissues).
    pub seq: u16,
    pub kind: RowKind,
    /// VoteCal reason codes (`|`-separated), or the scan's facility.
    pub detail: String,
}

impl BallotRow {
    /// Same-time rows are ordered by what they are (mailing before scans before
    /// decisions), then by content, so the fold is a function of the row set.
    fn order_key(&self) -> (i64, u8, u16, &RowKind, &str) {
        let rank = match &self.kind {
            RowKind::Status(StatusCode::Issued) => 0,
            RowKind::Scan {
                direction: Direction::Outbound,
                ..
            } => 1,
            RowKind::Scan {
                direction: Direction::Inbound,
                ..
            } => 2,
            RowKind::Status(StatusCode::Poll | StatusCode::Vcr) => 4,
            RowKind::Status(_) => 3,
        };
        (self.at, rank, self.seq, &self.kind, &self.detail)
    }

    fn cmp_order(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

/// A row as kept in the ballot's history, with the message it called for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub row: BallotRow,
    /// When the system learned of it, seconds since the epoch.
    pub recorded_at: i64,
    pub message: Option<MessageKind>,
}

/// Where a ballot is, in the words of the messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotStatus {
    Issued,
    Reissued,
    Inbound,
    Received,
    Accepted,
    NotAccepted,
    ContactCounty,
    Undeliverable,
    InPerson,
}

impl BallotStatus {
    pub fn name(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Reissued => "reissued",
            Self::Inbound => "inbound",
            Self::Received => "received",
            Self::Accepted => "accepted",
            Self::NotAccepted => "not_accepted",
            Self::ContactCounty => "contact_county",
            Self::Undeliverable => "undeliverable",
            Self::InPerson => "in_person",
        }
    }

    fn of_code(code: StatusCode) -> Self {
        match code.default_message() {
            MessageKind::Received => Self::Received,
            MessageKind::Accepted => Self::Accepted,
            MessageKind::ContactCounty => Self::ContactCounty,
            MessageKind::Undeliverable => Self::Undeliverable,
            MessageKind::InPerson => Self::InPerson,
            MessageKind::Outbound => Self::Issued,
            _ => Self::NotAccepted,
        }
    }
}

/// One voter's ballot(s) in one election.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub county: CountyCode,
    /// `None` until a row gives the ballot a status.
    pub status: Option<BallotStatus>,
    /// The VoteCal code behind the status, if any.
    pub status_code: Option<StatusCode>,
    pub status_at: i64,
    /// Ballot sequences whose mailed message was called for.
    pub mailed: Vec<u16>,
    pub inbound_notified: bool,
    /// Every row ever given, in `status_at` order.
    pub events: Vec<Event>,
}

/// What applying rows did to a ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub ballot: Ballot,
    /// Rows that were new to the ballot.
    pub new_events: usize,
    /// The newest message called for by this application; older ones of the same
    /// application are superseded by it before they could be sent.
    pub due: Option<MessageKind>,
}

impl Ballot {
    pub fn new(county: CountyCode) -> Self {
        Self {
            county,
            status: None,
            status_code: None,
            status_at: i64::MIN,
            mailed: Vec::new(),
            inbound_notified: false,
            events: Vec::new(),
        }
    }

    /// The newest row's time, if any.
    pub fn latest_at(&self) -> Option<i64> {
        self.events.last().map(|e| e.row.at)
    }
}

/// Applies `rows` (in any order, duplicates allowed) to a ballot. Pure: `now` is
/// the time the rows are recorded.
pub fn apply(prior: Ballot, rows: Vec<BallotRow>, table: &StatusTable, now: i64) -> Applied {
    let mut rows = rows;
    rows.sort_by(BallotRow::cmp_order);
    rows.dedup();
    rows.retain(|r| !prior.events.iter().any(|e| &e.row == r));
    if rows.is_empty() {
        return Applied {
            ballot: prior,
            new_events: 0,
            due: None,
        };
    }
    let new_events = rows.len();
    let stale_before = prior.latest_at().unwrap_or(i64::MIN);

    let Ballot {
        county,
        mut mailed,
        mut inbound_notified,
        events,
        ..
    } = prior;
    let mut all: Vec<(Event, bool)> = events.into_iter().map(|e| (e, false)).collect();
    all.extend(rows.into_iter().map(|row| {
        (
            Event {
                row,
                recorded_at: now,
                message: None,
            },
            true,
        )
    }));
    all.sort_by(|a, b| a.0.row.cmp_order(&b.0.row));

    let mut status: Option<BallotStatus> = None;
    let mut status_code = None;
    let mut status_at = i64::MIN;
    let mut issued: Vec<u16> = Vec::new();
    let mut due = None;
    for (event, is_new) in &mut all {
        let before = (status, status_code);
        let row = &event.row;
        let mut mailing = false;
        match &row.kind {
            RowKind::Status(StatusCode::Issued)
            | RowKind::Scan {
                direction: Direction::Outbound,
                ..
            } => {
                let is_scan = matches!(row.kind, RowKind::Scan { .. });
                if !issued.contains(&row.seq) {
                    issued.push(row.seq);
                }
                // A scan says the ballot is in the mail only while it has not come back.
                mailing = !is_scan
                    || matches!(
                        status,
                        None | Some(BallotStatus::Issued | BallotStatus::Reissued)
                    );
                if !is_scan || status.is_none() {
                    status = Some(if issued.len() > 1 {
                        BallotStatus::Reissued
                    } else {
                        BallotStatus::Issued
                    });
                    if !is_scan {
                        status_code = Some(StatusCode::Issued);
                    }
                }
            }
            RowKind::Scan {
                direction: Direction::Inbound,
                ..
            } => {
                if matches!(
                    status,
                    None | Some(
                        BallotStatus::Issued | BallotStatus::Reissued | BallotStatus::Undeliverable
                    )
                ) {
                    status = Some(BallotStatus::Inbound);
                }
            }
            RowKind::Status(code) => {
                status = Some(BallotStatus::of_code(*code));
                status_code = Some(*code);
            }
        }
        let changed = (status, status_code) != before;
        if changed {
            status_at = row.at;
        }
        if !*is_new || row.at < stale_before {
            continue;
        }
        let message = match &row.kind {
            _ if mailing => {
                if mailed.contains(&row.seq) {
                    None
                } else {
                    mailed.push(row.seq);
                    if issued.iter().any(|s| *s != row.seq) {
                        Some(MessageKind::Reissued)
                    } else {
                        table.message_for(StatusCode::Issued)
                    }
                }
            }
            RowKind::Scan { .. } => {
                if changed && !inbound_notified {
                    inbound_notified = true;
                    Some(MessageKind::Inbound)
                } else {
                    None
                }
            }
            RowKind::Status(code) => changed.then(|| table.message_for(*code)).flatten(),
        };
        event.message = message;
        if message.is_some() {
            due = message;
        }
    }
    mailed.sort_unstable();
    Applied {
        ballot: Ballot {
            county,
            status,
            status_code,
            status_at,
            mailed,
            inbound_notified,
            events: all.into_iter().map(|(e, _)| e).collect(),
        },
        new_events,
        due,
    }
}

#[cfg(test)]
mod tests;
