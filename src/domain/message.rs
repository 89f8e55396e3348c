//! The kinds of message the state's ballot tracking guidance defines.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    Confirmation,
    Outbound,
    Inbound,
    Received,
    Accepted,
    NotAccepted,
    ContactCounty,
    Undeliverable,
    Reissued,
    InPerson,
    ReturnReminder,
    CureReminder,
}

impl MessageKind {
    pub const ALL: [MessageKind; 12] = [
        Self::Confirmation,
        Self::Outbound,
        Self::Inbound,
        Self::Received,
        Self::Accepted,
        Self::NotAccepted,
        Self::ContactCounty,
        Self::Undeliverable,
        Self::Reissued,
        Self::InPerson,
        Self::ReturnReminder,
        Self::CureReminder,
    ];

    /// The snake_case name used in files, JSON and configuration.
    pub fn name(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Outbound => "outbound",
            Self::Inbound => "inbound",
            Self::Received => "received",
            Self::Accepted => "accepted",
            Self::NotAccepted => "not_accepted",
            Self::ContactCounty => "contact_county",
            Self::Undeliverable => "undeliverable",
            Self::Reissued => "reissued",
            Self::InPerson => "in_person",
            Self::ReturnReminder => "return_reminder",
            Self::CureReminder => "cure_reminder",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }
}

impl fmt::Display for MessageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
