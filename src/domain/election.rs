//! Elections, which counties take part in them, and their calendar.

use super::county::CountyCode;
use super::message::MessageKind;
use super::schedule::{DeliveryRule, Window};
use super::status::StatusTable;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, tz::TimeZone};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElectionKind {
    Statewide,
    Special,
    Local,
}

impl ElectionKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "statewide" => Some(Self::Statewide),
            "special" => Some(Self::Special),
            "local" => Some(Self::Local),
            _ => None,
        }
    }
}

/// Which mail directions a county tracks with Intelligent Mail barcodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImbUse {
    None,
    Outbound,
    Inbound,
    Both,
}

impl ImbUse {
    /// Whether scans of mail going `direction` are tracked.
    pub fn tracks(self, direction: super::ballot::Direction) -> bool {
        use super::ballot::Direction;
        matches!(
            (self, direction),
            (Self::Both, _)
                | (Self::Outbound, Direction::Outbound)
                | (Self::Inbound, Direction::Inbound)
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Outbound => "outbound",
            Self::Inbound => "inbound",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(Self::None),
            "outbound" => Some(Self::Outbound),
            "inbound" => Some(Self::Inbound),
            "both" => Some(Self::Both),
            _ => None,
        }
    }
}

/// How a county takes part in an election.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub imb: ImbUse,
    pub signed_up_on: Date,
}

/// Days before the election a special or local election's county must sign up.
pub const SIGN_UP_LEAD_DAYS: i32 = 90;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    pub code: String,
    pub name: String,
    pub date: Date,
    pub kind: ElectionKind,
    /// Messages are sent from E-`window_before_days`...
    pub window_before_days: i32,
    /// ...until the end of E+`window_after_days`.
    pub window_after_days: i32,
    /// Last day a returned ballot may be received.
    pub return_deadline: Date,
    /// Last day a voter may cure a signature or ID problem.
    pub cure_deadline: Date,
    /// Statewide: counties that opted out.
    pub opted_out: BTreeSet<CountyCode>,
    /// Special and local: the counties that signed up. Statewide: each county's IMB use.
    pub counties: BTreeMap<CountyCode, Participation>,
    pub status_table: StatusTable,
    /// When each message kind goes out, and the reminders.
    pub notices: Notices,
}

/// How an election's messages are timed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notices {
    /// Delivery rule per message kind; a kind not listed goes out immediately.
    pub rules: BTreeMap<MessageKind, DeliveryRule>,
    /// Days before election day on which a voter whose ballot is not yet
    /// received gets a Return Reminder (Elections Code 3019.7).
    pub return_reminder_days: Vec<u16>,
    /// Days before the cure deadline on which a voter whose ballot still needs
    /// a fix gets a Cure Reminder.
    pub cure_reminder_days: Vec<u16>,
    /// A county's Outbound messages wait until the day it really drops its
    /// ballots in the mail.
    pub outbound_hold: BTreeMap<CountyCode, Date>,
}

impl Default for Notices {
    fn default() -> Self {
        Self {
            rules: BTreeMap::new(),
            return_reminder_days: vec![7, 2],
            cure_reminder_days: vec![7, 2],
            outbound_hold: BTreeMap::new(),
        }
    }
}

impl Notices {
    pub fn rule(&self, kind: MessageKind) -> DeliveryRule {
        self.rules
            .get(&kind)
            .copied()
            .unwrap_or(DeliveryRule::Immediately)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ElectionError {
    #[error("election code {0:?} must be 1-40 characters of A-Z, 0-9 and '-'")]
    Code(String),
    #[error("election name must not be empty")]
    Name,
    #[error(
        "county {county} can no longer sign up for {code}: sign-up closed on {closed} ({SIGN_UP_LEAD_DAYS} days before the election)"
    )]
    SignUpClosed {
        county: CountyCode,
        code: String,
        closed: Date,
    },
    #[error("county {0} cannot opt out of {1}: only statewide elections are opt-out")]
    NotStatewide(CountyCode, String),
}

/// Checks an election code: 1–40 characters of `A-Z`, `0-9`, `-`.
pub fn valid_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

impl Election {
    /// A new election with the state's default calendar: window E-29..E+30,
    /// returns received by E+7, cures by E+28.
    pub fn new(
        code: &str,
        name: &str,
        date: Date,
        kind: ElectionKind,
    ) -> Result<Self, ElectionError> {
        if !valid_code(code) {
            return Err(ElectionError::Code(code.to_string()));
        }
        if name.trim().is_empty() {
            return Err(ElectionError::Name);
        }
        Ok(Self {
            code: code.to_string(),
            name: name.trim().to_string(),
            date,
            kind,
            window_before_days: 29,
            window_after_days: 30,
            return_deadline: date.checked_add(7.days()).expect("date in range"),
            cure_deadline: date.checked_add(28.days()).expect("date in range"),
            opted_out: BTreeSet::new(),
            counties: BTreeMap::new(),
            status_table: StatusTable::default(),
            notices: Notices::default(),
        })
    }

    pub fn participates(&self, county: CountyCode) -> bool {
        match self.kind {
            ElectionKind::Statewide => !self.opted_out.contains(&county),
            ElectionKind::Special | ElectionKind::Local => self.counties.contains_key(&county),
        }
    }

    /// A county's IMB use. In a statewide election a county takes part
    /// unless it opts out, and tracks both directions until it or the state
    /// records otherwise.
    pub fn imb_use(&self, county: CountyCode) -> ImbUse {
        match self.counties.get(&county) {
            Some(p) => p.imb,
            None if self.kind == ElectionKind::Statewide && self.participates(county) => {
                ImbUse::Both
            }
            None => ImbUse::None,
        }
    }

    /// The last day a county may sign up for a special or local election.
    pub fn sign_up_closes(&self) -> Date {
        self.date
            .checked_sub(SIGN_UP_LEAD_DAYS.days())
            .expect("date in range")
    }

    /// Signs a county up (special/local), or records its IMB use (statewide). `today` is the
    /// state's calendar day.
    pub fn sign_up(
        &mut self,
        county: CountyCode,
        imb: ImbUse,
        today: Date,
    ) -> Result<(), ElectionError> {
        if self.kind != ElectionKind::Statewide && today > self.sign_up_closes() {
            return Err(ElectionError::SignUpClosed {
                county,
                code: self.code.clone(),
                closed: self.sign_up_closes(),
            });
        }
        self.opted_out.remove(&county);
        self.counties.insert(
            county,
            Participation {
                imb,
                signed_up_on: today,
            },
        );
        Ok(())
    }

    pub fn opt_out(&mut self, county: CountyCode) -> Result<(), ElectionError> {
        if self.kind != ElectionKind::Statewide {
            return Err(ElectionError::NotStatewide(county, self.code.clone()));
        }
        self.opted_out.insert(county);
        self.counties.remove(&county);
        Ok(())
    }

    /// The message window `[open, close)`: from midnight Pacific of E-before to the end of E+after.
    pub fn window(&self) -> (Timestamp, Timestamp) {
        let open = self
            .date
            .checked_sub(self.window_before_days.days())
            .expect("in range");
        (pacific_midnight(open), self.closes())
    }

    /// When the message window closes: the end of E+after, Pacific. Every
    /// voter page asks, for each election, to tell current from past.
    pub fn closes(&self) -> Timestamp {
        let close = self
            .date
            .checked_add((self.window_after_days + 1).days())
            .expect("in range");
        pacific_midnight(close)
    }

    /// The window as the scheduler uses it.
    pub fn message_window(&self) -> Window {
        let (opens, closes) = self.window();
        Window { opens, closes }
    }

    pub fn in_window(&self, t: Timestamp) -> bool {
        let (open, close) = self.window();
        open <= t && t < close
    }
}

/// The first instant of `d` in California, straight from the date.
fn pacific_midnight(d: Date) -> Timestamp {
    pacific()
        .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        .expect("valid date")
}

/// California's time zone, in which the state's dates are written.
pub fn pacific() -> TimeZone {
    static PACIFIC: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    PACIFIC
        .get_or_init(|| {
            TimeZone::get("America/Los_Angeles")
                .expect("bundled tz database has America/Los_Angeles")
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn c(n: u8) -> CountyCode {
        CountyCode::from_number(n).unwrap()
    }

    #[test]
    fn statewide_all_unless_opted_out() {
        let mut e = Election::new(
            "2026-11-GEN",
            "General",
            date(2026, 11, 3),
            ElectionKind::Statewide,
        )
        .unwrap();
        assert!(CountyCode::all().all(|k| e.participates(k)));
        // Until a county says otherwise it tracks both directions.
        assert_eq!(e.imb_use(c(19)), ImbUse::Both);
        e.opt_out(c(2)).unwrap();
        assert!(!e.participates(c(2)));
        assert_eq!(e.imb_use(c(2)), ImbUse::None);
        assert!(e.participates(c(19)));
        // A statewide sign-up is never late: it records IMB use.
        e.sign_up(c(2), ImbUse::Inbound, date(2026, 11, 1)).unwrap();
        assert!(e.participates(c(2)));
        assert_eq!(e.imb_use(c(2)), ImbUse::Inbound);
        assert!(
            e.imb_use(c(2))
                .tracks(crate::domain::ballot::Direction::Inbound)
        );
        assert!(
            !e.imb_use(c(2))
                .tracks(crate::domain::ballot::Direction::Outbound)
        );
    }

    #[test]
    fn special_needs_sign_up_ninety_days_ahead() {
        let mut e =
            Election::new("SP1", "Special", date(2027, 3, 2), ElectionKind::Special).unwrap();
        assert!(!e.participates(c(19)));
        assert_eq!(e.sign_up_closes(), date(2026, 12, 2));
        e.sign_up(c(19), ImbUse::Outbound, date(2026, 12, 2))
            .unwrap();
        assert!(e.participates(c(19)));
        let err = e
            .sign_up(c(1), ImbUse::None, date(2026, 12, 3))
            .unwrap_err();
        assert!(matches!(err, ElectionError::SignUpClosed { .. }));
        assert!(err.to_string().contains("2026-12-02"), "{err}");
        assert!(!e.participates(c(1)));
        assert!(matches!(
            e.opt_out(c(19)),
            Err(ElectionError::NotStatewide(..))
        ));
    }

    #[test]
    fn window_is_e_minus_29_to_end_of_e_plus_30_pacific() {
        let e = Election::new("G", "General", date(2026, 11, 3), ElectionKind::Statewide).unwrap();
        let (open, close) = e.window();
        assert_eq!(open.to_string(), "2026-10-05T07:00:00Z"); // PDT midnight
        assert_eq!(close.to_string(), "2026-12-04T08:00:00Z"); // PST midnight after E+30
        assert!(e.in_window(open));
        assert!(!e.in_window(close));
        assert!(!e.in_window(open - jiff::SignedDuration::from_secs(1)));
        assert_eq!(e.return_deadline, date(2026, 11, 10));
        assert_eq!(e.cure_deadline, date(2026, 12, 1));
    }

    #[test]
    fn codes() {
        assert!(valid_code("2026-11-03-GEN"));
        assert!(!valid_code(""));
        assert!(!valid_code("gen"));
        assert!(!valid_code(&"A".repeat(41)));
        assert!(Election::new("bad code", "x", date(2026, 1, 1), ElectionKind::Local).is_err());
        assert!(Election::new("OK", " ", date(2026, 1, 1), ElectionKind::Local).is_err());
    }
}
