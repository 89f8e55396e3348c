//! VoteCal ballot status codes and the message each calls for.

use super::message::MessageKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A status code of the ballot status extract (formats.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StatusCode {
    Issued,
    Inr,
    Accepted,
    Vav,
    Nvs,
    Nms,
    Bme,
    Vdd,
    Mia,
    Mre,
    Not,
    Inf,
    Oth,
    Und,
    Nid,
    Cld,
    Poll,
    Vcr,
}

impl StatusCode {
    pub const ALL: [StatusCode; 18] = [
        Self::Issued,
        Self::Inr,
        Self::Accepted,
        Self::Vav,
        Self::Nvs,
        Self::Nms,
        Self::Bme,
        Self::Vdd,
        Self::Mia,
        Self::Mre,
        Self::Not,
        Self::Inf,
        Self::Oth,
        Self::Und,
        Self::Nid,
        Self::Cld,
        Self::Poll,
        Self::Vcr,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Issued => "ISSUED",
            Self::Inr => "INR",
            Self::Accepted => "ACCEPTED",
            Self::Vav => "VAV",
            Self::Nvs => "NVS",
            Self::Nms => "NMS",
            Self::Bme => "BME",
            Self::Vdd => "VDD",
            Self::Mia => "MIA",
            Self::Mre => "MRE",
            Self::Not => "NOT",
            Self::Inf => "INF",
            Self::Oth => "OTH",
            Self::Und => "UND",
            Self::Nid => "NID",
            Self::Cld => "CLD",
            Self::Poll => "POLL",
            Self::Vcr => "VCR",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s))
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Issued => "VBM ballot sent",
            Self::Inr => "in review",
            Self::Accepted => "accepted",
            Self::Vav => "voter already voted",
            Self::Nvs => "no voter signature",
            Self::Nms => "non-matching signature",
            Self::Bme => "ballot missing from envelope",
            Self::Vdd => "voter deceased",
            Self::Mia => "missing or incorrect address on envelope",
            Self::Mre => "multiple ballots returned in one envelope",
            Self::Not => "ballot not received on time",
            Self::Inf => "contact your county for further information",
            Self::Oth => "other codes with multiple reasons",
            Self::Und => "ballot undeliverable",
            Self::Nid => "no ID provided",
            Self::Cld => "cancelled",
            Self::Poll => "voted in person at a polling place",
            Self::Vcr => "voted in person at a vote center",
        }
    }

    /// The message the state's guidance assigns to the code.
    pub fn default_message(self) -> MessageKind {
        use MessageKind as M;
        match self {
            Self::Issued => M::Outbound,
            Self::Inr => M::Received,
            Self::Accepted => M::Accepted,
            Self::Vav | Self::Bme | Self::Vdd | Self::Mia | Self::Mre | Self::Not | Self::Oth => {
                M::NotAccepted
            }
            Self::Cld => M::NotAccepted,
            Self::Nvs | Self::Nms | Self::Inf | Self::Nid => M::ContactCounty,
            Self::Und => M::Undeliverable,
            Self::Poll | Self::Vcr => M::InPerson,
        }
    }

    /// Whether messages explain this code with a reason of its own (the
    /// catalogs' `reason-<code>` texts): the codes of Not Accepted and
    /// Contact County.
    pub fn reason_message(self) -> bool {
        matches!(
            self.default_message(),
            MessageKind::NotAccepted | MessageKind::ContactCounty
        )
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The code → message table of one election: the state's default, with overrides.
/// An override to `None` silences a code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusTable {
    pub overrides: BTreeMap<StatusCode, Option<MessageKind>>,
}

impl StatusTable {
    pub fn message_for(&self, code: StatusCode) -> Option<MessageKind> {
        match self.overrides.get(&code) {
            Some(o) => *o,
            None => Some(code.default_message()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_table() {
        use MessageKind as M;
        let expect = [
            ("ISSUED", M::Outbound),
            ("INR", M::Received),
            ("ACCEPTED", M::Accepted),
            ("VAV", M::NotAccepted),
            ("NVS", M::ContactCounty),
            ("NMS", M::ContactCounty),
            ("BME", M::NotAccepted),
            ("VDD", M::NotAccepted),
            ("MIA", M::NotAccepted),
            ("MRE", M::NotAccepted),
            ("NOT", M::NotAccepted),
            ("INF", M::ContactCounty),
            ("OTH", M::NotAccepted),
            ("UND", M::Undeliverable),
            ("NID", M::ContactCounty),
            ("CLD", M::NotAccepted),
            ("POLL", M::InPerson),
            ("VCR", M::InPerson),
        ];
        assert_eq!(expect.len(), StatusCode::ALL.len());
        let table = StatusTable::default();
        for (code, kind) in expect {
            let c = StatusCode::parse(code).unwrap();
            assert_eq!(c.code(), code);
            assert_eq!(table.message_for(c), Some(kind), "{code}");
        }
        assert!(StatusCode::parse("XYZ").is_none());
    }

    #[test]
    fn overrides_apply() {
        let mut t = StatusTable::default();
        t.overrides
            .insert(StatusCode::Inf, Some(MessageKind::NotAccepted));
        t.overrides.insert(StatusCode::Inr, None);
        assert_eq!(
            t.message_for(StatusCode::Inf),
            Some(MessageKind::NotAccepted)
        );
        assert_eq!(t.message_for(StatusCode::Inr), None);
        assert_eq!(
            t.message_for(StatusCode::Nms),
            Some(MessageKind::ContactCounty)
        );
    }
}
