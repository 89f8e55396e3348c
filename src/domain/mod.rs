//! Pure rules and types of ballot tracking: no I/O and no clock reads — time
//! comes in as an argument.

pub mod ballot;
pub mod challenge;
pub mod contact_notice;
pub mod county;
pub mod county_office;
pub mod election;
pub mod imb;
pub mod language;
pub mod message;
pub mod outbox;
pub mod pacific;
pub mod schedule;
pub mod signup;
pub mod sms;
pub mod status;
pub mod subscription;
pub mod votecal_id;
pub mod voter;

pub use ballot::{Ballot, BallotRow, BallotStatus, Direction, Event, RowKind};
pub use county::CountyCode;
pub use election::{Election, ElectionKind, ImbUse};
pub use language::{Language, LanguageProfile};
pub use message::MessageKind;
pub use status::{StatusCode, StatusTable};
pub use subscription::{Channel, Contact, Hours, Subscription};
pub use votecal_id::VoterId;
pub use voter::{LookupHasher, LookupKey, Voter, VoterStatus, Zip};
