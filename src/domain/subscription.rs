//! A voter's sign-up for ballot messages: where to reach them, in which
//! language, and at which hours.

use super::county::CountyCode;
use super::language::Language;
use super::votecal_id::VoterId;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How a message reaches a voter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Sms,
    Voice,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Self::Email, Self::Sms, Self::Voice];

    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Voice => "voice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One way of reaching the voter: an email address or an E.164 phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub address: String,
    /// The voter proved they own it (a confirmation link or code), or staff
    /// confirmed it on the phone. Only verified contacts get ballot messages.
    pub verified: bool,
    /// The voter asked to stop (STOP, one-click unsubscribe, the portal).
    pub opted_out: bool,
    /// The provider said this address can never be reached.
    pub bad: Option<String>,
    /// The contact's own language, hours and time zone, chosen by whoever
    /// confirmed it; `None` follows the sign-up's (as staff set it).
    pub settings: Option<ContactSettings>,
}

/// What one contact's messages are like: its language, and when it takes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSettings {
    pub language: Language,
    pub hours: Hours,
    /// An IANA time zone name.
    pub time_zone: String,
}

impl Contact {
    pub fn new(address: String, verified: bool) -> Self {
        Self {
            address,
            verified,
            opted_out: false,
            bad: None,
            settings: None,
        }
    }

    /// Whether ballot messages go to it.
    pub fn reachable(&self) -> bool {
        self.verified && !self.opted_out && self.bad.is_none()
    }
}

/// The part of each day in which the voter accepts messages, `start..end` in
/// minutes after local midnight (`end` may be 1440, the end of the day). An
/// end before the start wraps midnight: 22:00-06:00 is the night.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    start: u16,
    end: u16,
}

impl Hours {
    /// 8:00 a.m. to 8:00 p.m., the state's default.
    pub const DEFAULT: Hours = Hours {
        start: 8 * 60,
        end: 20 * 60,
    };
    pub const ALL_DAY: Hours = Hours {
        start: 0,
        end: 24 * 60,
    };

    pub fn new(start: u16, end: u16) -> Result<Self, SubscriptionError> {
        // Equal ends would be empty or the whole day: ambiguous, refused.
        if start == end || start >= 24 * 60 || end > 24 * 60 {
            return Err(SubscriptionError::Hours(format!(
                "{}-{}",
                hhmm(start),
                hhmm(end)
            )));
        }
        Ok(Self { start, end })
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn end(self) -> u16 {
        self.end
    }

    /// Whether a local time of day, in minutes after midnight, is inside.
    pub fn contains(self, minute_of_day: u16) -> bool {
        if self.start < self.end {
            (self.start..self.end).contains(&minute_of_day)
        } else {
            minute_of_day >= self.start || minute_of_day < self.end
        }
    }
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", hhmm(self.start), hhmm(self.end))
    }
}

impl FromStr for Hours {
    type Err = SubscriptionError;

    /// `HH:MM-HH:MM`, e.g. `08:00-20:00`; the end may be `24:00`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || SubscriptionError::Hours(s.to_string());
        let minutes = |t: &str| -> Option<u16> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 24 && m < 60 && (h < 24 || m == 0)).then_some(h * 60 + m)
        };
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        Hours::new(minutes(a).ok_or_else(bad)?, minutes(b).ok_or_else(bad)?).map_err(|_| bad())
    }
}

/// The time zone the state assumes for a voter who chose none.
pub const DEFAULT_TIME_ZONE: &str = "America/Los_Angeles";

/// A voter's sign-up. It follows the voter to every later election of their
/// county until they opt out of every channel or move county.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub voter: VoterId,
    pub county: CountyCode,
    pub language: Language,
    pub hours: Hours,
    /// An IANA time zone name, e.g. `America/Los_Angeles`.
    pub time_zone: String,
    pub email: Option<Contact>,
    pub sms: Option<Contact>,
    pub voice: Option<Contact>,
    /// When the voter signed up, seconds since the epoch.
    pub created_at: i64,
    /// The event-log position the sign-up's current-status messages cover:
    /// events up to it are not sent again (no backlog).
    pub since_event: u64,
}

impl Subscription {
    pub fn contact(&self, channel: Channel) -> Option<&Contact> {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
            Channel::Voice => self.voice.as_ref(),
        }
    }

    /// The place of the channel's contact, to set or clear it.
    pub fn contact_slot(&mut self, channel: Channel) -> &mut Option<Contact> {
        match channel {
            Channel::Email => &mut self.email,
            Channel::Sms => &mut self.sms,
            Channel::Voice => &mut self.voice,
        }
    }

    pub fn contact_mut(&mut self, channel: Channel) -> Option<&mut Contact> {
        match channel {
            Channel::Email => self.email.as_mut(),
            Channel::Sms => self.sms.as_mut(),
            Channel::Voice => self.voice.as_mut(),
        }
    }

    /// The channels ballot messages go out on now.
    pub fn reachable_channels(&self) -> impl Iterator<Item = Channel> + '_ {
        Channel::ALL
            .into_iter()
            .filter(|c| self.contact(*c).is_some_and(Contact::reachable))
    }

    /// The voter's time zone (validated when the subscription was made).
    pub fn tz(&self) -> TimeZone {
        TimeZone::get(&self.time_zone).unwrap_or_else(|_| super::pacific::pacific())
    }

    /// The sign-up's own settings.
    pub fn settings(&self) -> ContactSettings {
        ContactSettings {
            language: self.language,
            hours: self.hours,
            time_zone: self.time_zone.clone(),
        }
    }

    fn own_settings(&self, channel: Channel) -> Option<&ContactSettings> {
        self.contact(channel).and_then(|c| c.settings.as_ref())
    }

    /// The language messages on `channel` go in: its contact's, or the sign-up's.
    pub fn language_for(&self, channel: Channel) -> Language {
        self.own_settings(channel)
            .map_or(self.language, |s| s.language)
    }

    /// The hours messages on `channel` may go out in.
    pub fn hours_for(&self, channel: Channel) -> Hours {
        self.own_settings(channel).map_or(self.hours, |s| s.hours)
    }

    /// The time zone of `channel`'s hours.
    pub fn time_zone_for(&self, channel: Channel) -> &str {
        self.own_settings(channel)
            .map_or(self.time_zone.as_str(), |s| s.time_zone.as_str())
    }

    pub fn tz_for(&self, channel: Channel) -> TimeZone {
        TimeZone::get(self.time_zone_for(channel)).unwrap_or_else(|_| super::pacific::pacific())
    }
}

/// A contact as shown to someone who does not own it: `a•••@example.org`,
/// `(•••) •••-0100` (a U.S. number) or `•••-5678`.
pub fn masked(address: &str) -> String {
    masked_with(address, "•••")
}

/// The same for a text message, with `***`: a bullet is outside the GSM-7
/// alphabet and would make the whole text UCS-2, a third as long per segment.
pub fn masked_for_sms(address: &str) -> String {
    masked_with(address, "***")
}

fn masked_with(address: &str, dots: &str) -> String {
    if let Some((local, domain)) = address.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}{dots}@{domain}");
    }
    let digits: Vec<char> = address.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    if address.starts_with("+1") && digits.len() == 11 {
        format!("({dots}) {dots}-{last}")
    } else {
        format!("{dots}-{last}")
    }
}

/// Each contact's sign-in generation. A sign-in or a message's manage link
/// carries the generation of the contact it came through, and is good only
/// while it is current: signing out, deleting the sign-up or changing the
/// contact moves it on, and every earlier sign-in and link dies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEpochs([u32; 3]);

impl ContactEpochs {
    fn slot(channel: Channel) -> usize {
        match channel {
            Channel::Email => 0,
            Channel::Sms => 1,
            Channel::Voice => 2,
        }
    }

    pub fn get(&self, channel: Channel) -> u32 {
        self.0[Self::slot(channel)]
    }

    /// Moves the channel's generation on: what carried the old one is void.
    pub fn bump(&mut self, channel: Channel) {
        let e = &mut self.0[Self::slot(channel)];
        *e = e.wrapping_add(1);
    }
}

/// The country of an E.164 number as ISO 3166 alpha-2 (`US`, `MX`), if known.
pub fn phone_country(e164: &str) -> Option<String> {
    let n = phonenumber::parse(None, e164).ok()?;
    n.country().id().map(|id| id.as_ref().to_string())
}

/// Whether texts and calls may go to a number: its country is one of
/// `allowed` (alpha-2 codes, any case). Premium and foreign numbers are how
/// SMS pumping fraud bills a sender, so only the configured countries pass.
pub fn phone_allowed(e164: &str, allowed: &[String]) -> bool {
    phone_country(e164).is_some_and(|c| allowed.iter().any(|a| a.eq_ignore_ascii_case(&c)))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionError {
    #[error("{0:?} is not an email address")]
    Email(String),
    #[error("{0:?} is not a phone number that can get messages (use e.g. +1 916 555 0100)")]
    Phone(String),
    #[error(
        "notification hours {0:?} must be HH:MM-HH:MM with different start and end (an end before the start runs overnight, e.g. 22:00-06:00)"
    )]
    Hours(String),
    #[error("{0:?} is not a time zone (use an IANA name such as America/Los_Angeles)")]
    TimeZone(String),
    #[error("a subscription needs at least one of email, sms or voice")]
    NoContact,
}

/// Checks an email address and returns it as it will be stored.
pub fn parse_email(s: &str) -> Result<String, SubscriptionError> {
    let s = s.trim();
    let ok = email_address::EmailAddress::from_str(s)
        .ok()
        // A deliverable address has a dotted domain and no display name.
        .filter(|a| a.domain().contains('.') && a.as_str() == s && a.display_part().is_empty());
    match ok {
        Some(a) => Ok(a.as_str().to_string()),
        None => Err(SubscriptionError::Email(s.to_string())),
    }
}

/// Checks a phone number (national US format or international with `+`) and
/// returns it in E.164.
pub fn parse_phone(s: &str) -> Result<String, SubscriptionError> {
    let bad = || SubscriptionError::Phone(s.to_string());
    let n = phonenumber::parse(Some(phonenumber::country::Id::US), s.trim()).map_err(|_| bad())?;
    if !phonenumber::is_valid(&n) {
        return Err(bad());
    }
    Ok(n.format().mode(phonenumber::Mode::E164).to_string())
}

/// Checks a time zone name.
pub fn parse_time_zone(s: &str) -> Result<String, SubscriptionError> {
    let s = s.trim();
    TimeZone::get(s)
        .map(|_| s.to_string())
        .map_err(|_| SubscriptionError::TimeZone(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_and_reject() {
        let h: Hours = "08:00-20:00".parse().unwrap();
        assert_eq!(h, Hours::DEFAULT);
        assert_eq!(h.to_string(), "08:00-20:00");
        assert_eq!("00:00-24:00".parse::<Hours>().unwrap(), Hours::ALL_DAY);
        for bad in [
            "20:00-24:00x",
            "8-20",
            "08:00-24:30",
            "25:00-26:00",
            "09:00-09:00",
            "",
        ] {
            assert!(bad.parse::<Hours>().is_err(), "{bad}");
        }
        assert!(h.contains(8 * 60) && h.contains(20 * 60 - 1) && !h.contains(20 * 60));
    }

    #[test]
    fn overnight_hours_wrap_midnight() {
        let night: Hours = "22:00-06:00".parse().unwrap();
        assert_eq!(night.to_string(), "22:00-06:00");
        for inside in [22 * 60, 23 * 60 + 59, 0, 5 * 60 + 59] {
            assert!(night.contains(inside), "{inside}");
        }
        for outside in [6 * 60, 12 * 60, 22 * 60 - 1] {
            assert!(!night.contains(outside), "{outside}");
        }
        // An overnight end may not be the end of the day (that is 00:00).
        assert!("22:00-24:00".parse::<Hours>().is_ok());
        assert!(Hours::new(22 * 60, 24 * 60).is_ok());
        assert!(Hours::new(24 * 60, 6 * 60).is_err());
        assert!("00:00-00:00".parse::<Hours>().is_err());
    }

    #[test]
    fn phones_become_e164() {
        assert_eq!(parse_phone("(916) 653-6814").unwrap(), "+19166536814");
        assert_eq!(parse_phone("+1 916 653 6814").unwrap(), "+19166536814");
        assert_eq!(parse_phone("+81 3-3581-3111").unwrap(), "+81335813111");
        assert!(parse_phone("555-0100").is_err());
        assert!(parse_phone("not a phone").is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(parse_email(" ana@example.org ").unwrap(), "ana@example.org");
        for bad in [
            "ana",
            "ana@",
            "@example.org",
            "ana@localhost",
            "Ana <ana@example.org>",
        ] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_verified_unstopped_good_contacts_are_reachable() {
        let mut c = Contact::new("+19166536814".into(), false);
        assert!(!c.reachable());
        c.verified = true;
        assert!(c.reachable());
        c.opted_out = true;
        assert!(!c.reachable());
        c.opted_out = false;
        c.bad = Some("unknown number".into());
        assert!(!c.reachable());
    }

    #[test]
    fn contacts_not_ones_own_are_masked() {
        assert_eq!(masked("ana@example.org"), "a•••@example.org");
        assert_eq!(masked("+19165550100"), "(•••) •••-0100");
        assert_eq!(masked("+81335813111"), "•••-3111");
        assert_eq!(masked_for_sms("+19165550100"), "(***) ***-0100");
    }

    #[test]
    fn each_contact_has_its_own_settings_or_the_sign_ups() {
        let mut email = Contact::new("ana@example.org".into(), true);
        email.settings = Some(ContactSettings {
            language: Language::KO,
            hours: Hours::ALL_DAY,
            time_zone: "Asia/Seoul".into(),
        });
        let sub = Subscription {
            voter: VoterId::parse("CA1").unwrap(),
            county: CountyCode::parse("01").unwrap(),
            language: Language::ES,
            hours: Hours::DEFAULT,
            time_zone: DEFAULT_TIME_ZONE.into(),
            email: Some(email),
            sms: Some(Contact::new("+19165550100".into(), true)),
            voice: None,
            created_at: 0,
            since_event: 0,
        };
        assert_eq!(sub.language_for(Channel::Email), Language::KO);
        assert_eq!(sub.hours_for(Channel::Email), Hours::ALL_DAY);
        assert_eq!(sub.time_zone_for(Channel::Email), "Asia/Seoul");
        assert_eq!(sub.language_for(Channel::Sms), Language::ES);
        assert_eq!(sub.hours_for(Channel::Sms), Hours::DEFAULT);
        assert_eq!(sub.time_zone_for(Channel::Voice), DEFAULT_TIME_ZONE);
    }

    #[test]
    fn contact_generations_move_on_one_channel_at_a_time() {
        let mut e = ContactEpochs::default();
        e.bump(Channel::Sms);
        e.bump(Channel::Sms);
        assert_eq!(
            (
                e.get(Channel::Email),
                e.get(Channel::Sms),
                e.get(Channel::Voice)
            ),
            (0, 2, 0)
        );
    }

    #[test]
    fn only_numbers_of_allowed_countries_pass() {
        let us = vec!["US".to_string()];
        assert_eq!(phone_country("+19166536814").as_deref(), Some("US"));
        assert!(phone_allowed("+19166536814", &us));
        // Mexico and the Philippines: the pumping seen.
        assert_eq!(phone_country("+525512345678").as_deref(), Some("MX"));
        assert!(!phone_allowed("+525512345678", &us));
        assert!(!phone_allowed("+639171234567", &us));
        assert!(phone_allowed("+639171234567", &["us".into(), "ph".into()]));
        assert!(!phone_allowed("garbage", &us));
    }

    #[test]
    fn time_zones() {
        assert_eq!(parse_time_zone("Asia/Tokyo").unwrap(), "Asia/Tokyo");
        assert!(parse_time_zone("Mars/Olympus").is_err());
    }
}
