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
/// Voter id → `Subscription`.
pub const SUBSCRIPTIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("subscriptions");
/// County (1) + voter (16): the subscriptions of a county.
pub const SUBSCRIPTIONS_BY_COUNTY: TableDefinition<Packed<17>, ()> =
    TableDefinition::new("subscriptions_by_county");
/// First 16 bytes of the SHA-256 of a contact address (16) + voter (16): who
/// uses a phone number or email address (STOP replies, unsubscribe links).
pub const SUBSCRIPTIONS_BY_CONTACT: TableDefinition<Packed<32>, ()> =
    TableDefinition::new("subscriptions_by_contact");
/// `OutboxKey` (21) → `OutboxRow`.
pub const OUTBOX: TableDefinition<Packed<21>, &[u8]> = TableDefinition::new("outbox");
/// Due time (8, seconds, offset to sort) + `OutboxKey` (21): pending messages by due time.
pub const OUTBOX_DUE: TableDefinition<Packed<29>, ()> = TableDefinition::new("outbox_due");
/// Schema 2 and older: messages handed to a provider whose outcome is not
/// recorded (now a list in `meta`, `outbox_sending`); emptied on upgrade.
pub const OUTBOX_SENDING: TableDefinition<Packed<21>, ()> = TableDefinition::new("outbox_sending");
/// Provider's message id → `OutboxKey` (21), for delivery reports.
pub const OUTBOX_BY_PROVIDER_ID: TableDefinition<&str, Packed<21>> =
    TableDefinition::new("outbox_by_provider_id");
/// County number → `CountyOffice`.
pub const COUNTY_OFFICES: TableDefinition<u8, &[u8]> = TableDefinition::new("county_offices");
/// Override key (`scope/lang/message.attribute`) → versions of the text.
pub const CATALOG_OVERRIDES: TableDefinition<&str, &[u8]> =
    TableDefinition::new("catalog_overrides");
/// Keyed hash of what a code is for (16) → `Challenge`: one-time codes sent.
pub const CHALLENGES: TableDefinition<Packed<16>, &[u8]> = TableDefinition::new("challenges");
/// Voter id → `PendingSignUp`: sign-ups waiting for their contacts to be confirmed.
pub const PENDING_SIGNUPS: TableDefinition<u128, &[u8]> = TableDefinition::new("pending_signups");
/// `lang/kind` (e.g. `km/outbound`) → `Recording`: what a call plays in a
/// language the voice provider has no text-to-speech for.
pub const RECORDINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("recordings");
/// Language code → `AddedLanguage`: languages added at run time.
pub const LANGUAGES: TableDefinition<&str, &[u8]> = TableDefinition::new("languages");
/// First 16 bytes of SHA-256 of a provider request (message or call id and
/// what it says) → when it was applied: replays of a signed request are not
/// applied again.
pub const PROVIDER_REPORTS: TableDefinition<Packed<16>, i64> =
    TableDefinition::new("provider_reports");
/// Time applied (8) + the request's key (16): the same, oldest first, to forget them.
pub const PROVIDER_REPORTS_BY_TIME: TableDefinition<Packed<24>, ()> =
    TableDefinition::new("provider_reports_by_time");
/// Voter id → `ContactEpochs`: each contact's sign-in generation. Kept after
/// a sign-up is deleted, so a generation is never given out twice.
pub const CONTACT_EPOCHS: TableDefinition<u128, &[u8]> = TableDefinition::new("contact_epochs");
/// Keyed hash of a phone number or email address (16) → `CodesSent`: when
/// one-time codes were last sent to it, for the caps per destination.
pub const CODES_SENT: TableDefinition<Packed<16>, &[u8]> = TableDefinition::new("codes_sent");
/// `OutboxKey` (21): messages held because their text would have an empty
/// or missing part, for a state admin to see and release.
pub const OUTBOX_HELD: TableDefinition<Packed<21>, ()> = TableDefinition::new("outbox_held");
/// Due time (8, offset to sort) + voter (16) + told channel (1) + added
/// channel (1) → `ContactNotice`: confirmed contacts to tell that another
/// contact joined the sign-up.
pub const CONTACT_NOTICES: TableDefinition<Packed<26>, &[u8]> =
    TableDefinition::new("contact_notices");
