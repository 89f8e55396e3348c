//! Elections, which counties take part in them, and their calendar.

use super::county::CountyCode;
use super::message::MessageKind;
use super::pacific::pacific;
use super::schedule::{DeliveryRule, Window};
use super::status::StatusTable;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
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

/// Election days the calendar arithmetic is defined for: every date derived
/// from one (window, deadlines, sign-up close) stays far inside jiff's range.
pub const FIRST_YEAR: i16 = 2000;
pub const LAST_YEAR: i16 = 2199;

/// The longest either side of the message window may be, in days.
pub const MAX_WINDOW_DAYS: i32 = 180;

/// The state's default message window: E-29 to E+30.
pub const DEFAULT_WINDOW: (i32, i32) = (29, 30);

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
    /// The state's settings per county beyond the defaults.
    pub guidance: Guidance,
}

/// Per-county settings the state gives from its guidance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guidance {
    /// The day tracking turns on in a county: messages of changes before it
    /// wait until then (Pacific midnight), like an Outbound hold for every kind.
    pub tracking_starts: BTreeMap<CountyCode, Date>,
    /// Counties signed up for a special or local election with fewer than
    /// 90 days left, with the state's stated reason.
    pub late_sign_ups: BTreeMap<CountyCode, String>,
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
    #[error("election day {0} is out of range: it must fall in the years {FIRST_YEAR}-{LAST_YEAR}")]
    Date(Date),
    #[error(
        "message window E-{0}..E+{1} is out of range: each side must be 0-{MAX_WINDOW_DAYS} days"
    )]
    Window(i32, i32),
    #[error(
        "{0} is out of range for election {1}: it must fall within {MAX_WINDOW_DAYS} days of election day"
    )]
    DayOutOfRange(Date, String),
    #[error("a late sign-up needs the state's reason: 10-500 characters")]
    LateReason,
}

/// Whether `d` is a day election arithmetic is defined for.
pub fn in_supported_years(d: Date) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.year())
}

/// Whether an instant falls on a supported day (Pacific): event times from
/// feeds outside it are refused before any arithmetic sees them.
pub fn instant_supported(t: Timestamp) -> bool {
    in_supported_years(t.to_zoned(pacific()).date())
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
        if !in_supported_years(date) {
            return Err(ElectionError::Date(date));
        }
        Ok(Self {
            code: code.to_string(),
            name: name.trim().to_string(),
            date,
            kind,
            window_before_days: DEFAULT_WINDOW.0,
            window_after_days: DEFAULT_WINDOW.1,
            return_deadline: date.checked_add(7.days()).expect("date in range"),
            cure_deadline: date.checked_add(28.days()).expect("date in range"),
            opted_out: BTreeSet::new(),
            counties: BTreeMap::new(),
            status_table: StatusTable::default(),
            notices: Notices::default(),
            guidance: Guidance::default(),
        })
    }

    /// Sets the message window to E-`before`..E+`after`.
    pub fn set_window(&mut self, before: i32, after: i32) -> Result<(), ElectionError> {
        if !(0..=MAX_WINDOW_DAYS).contains(&before) || !(0..=MAX_WINDOW_DAYS).contains(&after) {
            return Err(ElectionError::Window(before, after));
        }
        self.window_before_days = before;
        self.window_after_days = after;
        Ok(())
    }

    /// Checks that a day a setting names (hold, tracking start) lies near
    /// enough to election day to mean something for it.
    pub fn check_day(&self, d: Date) -> Result<(), ElectionError> {
        let far = (d - self.date).get_days().abs();
        if far > MAX_WINDOW_DAYS || !in_supported_years(d) {
            return Err(ElectionError::DayOutOfRange(d, self.code.clone()));
        }
        Ok(())
    }

    /// Sets (or with `None` clears) the day tracking turns on in a county.
    pub fn set_tracking_start(
        &mut self,
        county: CountyCode,
        day: Option<Date>,
    ) -> Result<(), ElectionError> {
        match day {
            Some(d) => {
                self.check_day(d)?;
                self.guidance.tracking_starts.insert(county, d);
            }
            None => {
                self.guidance.tracking_starts.remove(&county);
            }
        }
        Ok(())
    }

    /// The earliest instant a message of `kind` for a change in `county`
    /// may go out: tracking start, and for Outbound the county's hold.
    pub fn not_before(&self, county: CountyCode, kind: MessageKind) -> Option<Timestamp> {
        let hold = (kind == MessageKind::Outbound)
            .then(|| self.notices.outbound_hold.get(&county))
            .flatten();
        let start = self.guidance.tracking_starts.get(&county);
        // Confirmations belong to no election and are never held here.
        hold.into_iter()
            .chain(start)
            .max()
            .map(|d| pacific_midnight(*d))
    }

    /// The day a county's ballots went into the mail as messages tell it:
    /// the Outbound hold's release day when that is later than the event.
    pub fn mail_date(&self, county: CountyCode, kind: MessageKind, event: Date) -> Date {
        match self.notices.outbound_hold.get(&county) {
            Some(d) if kind == MessageKind::Outbound && *d > event => *d,
            _ => event,
        }
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
        self.sign_up_approved(county, imb, today, None)
    }

    /// `sign_up`, where the state may approve a late one with its reason
    /// (`late_reason`); an approval is kept with the election.
    pub fn sign_up_approved(
        &mut self,
        county: CountyCode,
        imb: ImbUse,
        today: Date,
        late_reason: Option<&str>,
    ) -> Result<(), ElectionError> {
        let late = self.kind != ElectionKind::Statewide && today > self.sign_up_closes();
        if late {
            let Some(reason) = late_reason else {
                return Err(ElectionError::SignUpClosed {
                    county,
                    code: self.code.clone(),
                    closed: self.sign_up_closes(),
                });
            };
            if !(10..=500).contains(&reason.trim().chars().count()) {
                return Err(ElectionError::LateReason);
            }
            self.guidance
                .late_sign_ups
                .insert(county, reason.trim().to_string());
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
    fn far_off_dates_are_refused_not_a_crash() {
        for d in [
            date(9999, 12, 30),
            date(9999, 12, 31),
            date(-9999, 1, 1),
            date(1999, 12, 31),
            date(2200, 1, 1),
        ] {
            let err = Election::new("FAR", "Far", d, ElectionKind::Statewide).unwrap_err();
            assert_eq!(err, ElectionError::Date(d));
            assert!(err.to_string().contains("2000-2199"), "{err}");
        }
        for d in [date(2000, 1, 1), date(2199, 12, 31)] {
            let e = Election::new("EDGE", "Edge", d, ElectionKind::Special).unwrap();
            let _ = (e.window(), e.sign_up_closes(), e.closes());
        }
    }

    #[test]
    fn the_state_sets_the_window_within_bounds() {
        let mut e =
            Election::new("G", "General", date(2026, 11, 3), ElectionKind::Statewide).unwrap();
        e.set_window(45, 10).unwrap();
        let (open, close) = e.window();
        assert_eq!(open.to_string(), "2026-09-19T07:00:00Z");
        assert_eq!(close.to_string(), "2026-11-14T08:00:00Z");
        for (b, a) in [(-1, 30), (29, -1), (181, 30), (29, i32::MAX), (i32::MIN, 0)] {
            assert_eq!(e.set_window(b, a), Err(ElectionError::Window(b, a)));
        }
        assert_eq!((e.window_before_days, e.window_after_days), (45, 10));
    }

    #[test]
    fn tracking_start_and_hold_give_the_earliest_send() {
        let mut e =
            Election::new("G", "General", date(2026, 11, 3), ElectionKind::Statewide).unwrap();
        let alpine = c(2);
        assert_eq!(e.not_before(alpine, MessageKind::Accepted), None);
        e.set_tracking_start(alpine, Some(date(2026, 10, 12)))
            .unwrap();
        e.notices.outbound_hold.insert(alpine, date(2026, 10, 15));
        let at = |d| pacific_midnight(d);
        assert_eq!(
            e.not_before(alpine, MessageKind::Accepted),
            Some(at(date(2026, 10, 12)))
        );
        assert_eq!(
            e.not_before(alpine, MessageKind::Outbound),
            Some(at(date(2026, 10, 15)))
        );
        assert_eq!(e.not_before(c(19), MessageKind::Outbound), None);
        // The delivery window counts from the release day, not the event.
        assert_eq!(
            e.mail_date(alpine, MessageKind::Outbound, date(2026, 10, 5)),
            date(2026, 10, 15)
        );
        assert_eq!(
            e.mail_date(alpine, MessageKind::Outbound, date(2026, 10, 20)),
            date(2026, 10, 20)
        );
        assert_eq!(
            e.mail_date(alpine, MessageKind::Reissued, date(2026, 10, 5)),
            date(2026, 10, 5)
        );
        assert!(matches!(
            e.set_tracking_start(alpine, Some(date(9999, 12, 31))),
            Err(ElectionError::DayOutOfRange(..))
        ));
        e.set_tracking_start(alpine, None).unwrap();
        assert_eq!(e.not_before(alpine, MessageKind::Accepted), None);
    }

    #[test]
    fn a_late_sign_up_needs_the_states_reason() {
        let mut e =
            Election::new("SP", "Special", date(2027, 3, 2), ElectionKind::Special).unwrap();
        let late = date(2027, 1, 15);
        assert!(matches!(
            e.sign_up_approved(c(19), ImbUse::None, late, None),
            Err(ElectionError::SignUpClosed { .. })
        ));
        assert_eq!(
            e.sign_up_approved(c(19), ImbUse::None, late, Some("  short ")),
            Err(ElectionError::LateReason)
        );
        let long = "x".repeat(501);
        assert_eq!(
            e.sign_up_approved(c(19), ImbUse::None, late, Some(&long)),
            Err(ElectionError::LateReason)
        );
        e.sign_up_approved(
            c(19),
            ImbUse::None,
            late,
            Some("vacancy election called by the governor"),
        )
        .unwrap();
        assert!(e.participates(c(19)));
        assert_eq!(
            e.guidance.late_sign_ups[&c(19)],
            "vacancy election called by the governor"
        );
        // On time, no approval is recorded.
        e.sign_up_approved(
            c(1),
            ImbUse::None,
            date(2026, 11, 1),
            Some("not needed at all"),
        )
        .unwrap();
        assert!(!e.guidance.late_sign_ups.contains_key(&c(1)));
    }

    proptest::proptest! {
        /// Whatever the day, window and settings, the constructors refuse or
        /// succeed; nothing derived from an accepted election panics.
        #[test]
        fn arbitrary_elections_never_panic(
            year in -9999i16..=9999,
            month in 1i8..=12,
            day in 1i8..=28,
            before in proptest::num::i32::ANY,
            after in proptest::num::i32::ANY,
            offset in -100_000i32..100_000,
            today_offset in -1_000i32..1_000,
        ) {
            let d = date(year, month, day);
            let made = Election::new("P", "Prop", d, ElectionKind::Special);
            proptest::prop_assert_eq!(made.is_ok(), (2000..=2199).contains(&year));
            let Ok(mut e) = made else { return Ok(()) };
            let _ = e.set_window(before, after);
            let _ = (e.window(), e.closes(), e.sign_up_closes(), e.message_window());
            let other = d.checked_add(offset.days()).unwrap_or(d);
            let _ = e.set_tracking_start(c(2), Some(other));
            let _ = e.check_day(other);
            let today = d.checked_add(today_offset.days()).unwrap_or(d);
            let _ = e.sign_up_approved(c(3), ImbUse::Both, today, Some("a reason long enough"));
            let _ = e.not_before(c(2), MessageKind::Outbound);
            let _ = e.mail_date(c(2), MessageKind::Outbound, other);
            proptest::prop_assert!(e.window().0 < e.window().1);
        }
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
