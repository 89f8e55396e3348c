//! Table definitions. Keys are packed big-endian so that ranges follow the
//! parts' order: election (u16), county (u8), voter (u128), sequence (u64).

use super::keys::Packed;
use redb::TableDefinition;

pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Election code → `StoredElection`.
pub const ELECTIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("elections");
/// Election number → code.
pub const ELECTION_IDS: TableDefinition<u16, &str> = TableDefinition::new("election_ids");
/// Voter id → `Voter`.
pub const VOTERS: TableDefinition<u128, &[u8]> = TableDefinition::new("voters");
/// Sign-up lookup key (16) + voter (16).
pub const VOTERS_BY_LOOKUP: TableDefinition<Packed<32>, ()> =
    TableDefinition::new("voters_by_lookup");
/// County (1) + first voter of a block (16) → a block of voter ids (`postings`).
pub const VOTERS_BY_COUNTY: TableDefinition<Packed<17>, &[u8]> =
    TableDefinition::new("voters_by_county");
/// Election (2) + voter (16) → `Ballot`.
pub const BALLOTS: TableDefinition<Packed<18>, &[u8]> = TableDefinition::new("ballots");
/// Election (2) + county (1) + first voter of a block (16) → a block of voter ids.
pub const BALLOTS_BY_COUNTY: TableDefinition<Packed<19>, &[u8]> =
    TableDefinition::new("ballots_by_county");
/// Sequence → `EventLogEntry`: every change that may call for a message, in the order recorded.
pub const EVENT_LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("event_log");
/// IMB tracking code → `ImbRecord`.
pub const IMBS: TableDefinition<u128, &[u8]> = TableDefinition::new("imbs");
/// Tracking code (16) + sequence (8) → `PendingScan`: scans waiting for their crosswalk.
pub const PENDING_SCANS: TableDefinition<Packed<24>, &[u8]> = TableDefinition::new("pending_scans");
/// SHA-256 of an import's content → `ImportRecord` (checkpoint and summary).
pub const IMPORTS: TableDefinition<Packed<32>, &[u8]> = TableDefinition::new("imports");
/// SHA-256 of an API token → `TokenRecord`.
pub const TOKENS: TableDefinition<Packed<32>, &[u8]> = TableDefinition::new("tokens");
/// Sequence → (time, actor, action).
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
