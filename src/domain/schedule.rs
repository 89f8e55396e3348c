//! When a message may go out: after its kind's delivery rule, inside the
//! election's window, and inside the voter's hours in the voter's time zone.
//! Pure functions of their arguments; DST is jiff's.

use super::message::MessageKind;
use super::subscription::Hours;
use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The longest delay a rule may give: 30 days.
pub const MAX_DELAY_MINUTES: u32 = 30 * 24 * 60;

/// How long after its event a message kind waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryRule {
    Immediately,
    /// A fixed delay, in minutes.
    After(u32),
    /// The next time the voter's clock shows this minute of the day.
    AtLocalTime(u16),
}

impl fmt::Display for DeliveryRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Immediately => f.write_str("immediately"),
            Self::After(m) => write!(f, "after {m}m"),
            Self::AtLocalTime(m) => write!(f, "at {:02}:{:02}", m / 60, m % 60),
        }
    }
}

impl FromStr for DeliveryRule {
    type Err = String;

    /// `immediately`, `after 90m` / `after 2h`, or `at 09:00`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "delivery rule {s:?} must be `immediately`, `after 90m`, `after 2h` or `at 09:00`"
            )
        };
        let s = s.trim();
        if s == "immediately" {
            return Ok(Self::Immediately);
        }
        if let Some(d) = s.strip_prefix("after ") {
            let d = d.trim();
            let (n, unit) = d.split_at(d.len().saturating_sub(1));
            let n: u32 = n.parse().map_err(|_| bad())?;
            let minutes = match unit {
                "m" => n,
                "h" => n.checked_mul(60).ok_or_else(bad)?,
                _ => return Err(bad()),
            };
            // A delay longer than the longest message window could never
            // let a message out; it is a typing mistake.
            if minutes > MAX_DELAY_MINUTES {
                return Err(format!(
                    "delivery rule {s:?}: the delay must be at most {} days",
                    MAX_DELAY_MINUTES / (24 * 60)
                ));
            }
            return Ok(Self::After(minutes));
        }
        if let Some(t) = s.strip_prefix("at ") {
            let (h, m) = t.trim().split_once(':').ok_or_else(bad)?;
            let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if h < 24 && m < 60 {
                return Ok(Self::AtLocalTime(h * 60 + m));
            }
        }
        Err(bad())
    }
}

/// The span of time in which an election's messages may go out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub opens: Timestamp,
    pub closes: Timestamp,
}

/// When a message is due, or that it will never be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    At(Timestamp),
    /// It could only go out after the window closed.
    Cancelled,
}

/// The instant a local time of day happens on `date`, or `None` past the
/// calendar's end (never for dates of a supported election).
fn at_local(date: Date, minute_of_day: u16, tz: &TimeZone) -> Option<Timestamp> {
    if minute_of_day >= 24 * 60 {
        return next_midnight(date, tz);
    }
    let dt = date
        .to_datetime(Time::midnight())
        .checked_add((minute_of_day as i64).minutes())
        .ok()?;
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    let t = ambiguous.compatible().ok()?;
    // In a spring-forward gap the local time does not exist: the first instant
    // at or after it is the transition itself. In a fall-back fold, the earlier
    // of the two instants.
    if let AmbiguousOffset::Gap { .. } = ambiguous.offset()
        && let Some(transition) = tz.preceding(t).next()
    {
        return Some(transition.timestamp());
    }
    Some(t)
}

fn next_midnight(date: Date, tz: &TimeZone) -> Option<Timestamp> {
    let next = date.tomorrow().ok()?;
    tz.to_ambiguous_timestamp(next.to_datetime(Time::midnight()))
        .compatible()
        .ok()
}

fn minute_of(z: &jiff::Zoned) -> u16 {
    z.hour() as u16 * 60 + z.minute() as u16
}

/// The first instant at or after `t` inside `hours` on the voter's clock.
/// Hours may wrap midnight (22:00-06:00). At the very end of the calendar,
/// where no later allowed minute exists, `t` itself.
pub fn next_allowed(t: Timestamp, hours: Hours, tz: &TimeZone) -> Timestamp {
    try_next_allowed(t, hours, tz).unwrap_or(t)
}

fn try_next_allowed(t: Timestamp, hours: Hours, tz: &TimeZone) -> Option<Timestamp> {
    let local = t.to_zoned(tz.clone());
    let minute = minute_of(&local);
    if hours.contains(minute) {
        return Some(t);
    }
    let today = local.date();
    // Outside the hours, the next start is today's (if still ahead) or
    // tomorrow's; with hours that wrap midnight, a time outside them is
    // always before today's start.
    if minute < hours.start() {
        let s = at_local(today, hours.start(), tz)?;
        // A start inside a spring-forward gap lands after it; still not before t.
        return Some(s.max(t));
    }
    at_local(today.tomorrow().ok()?, hours.start(), tz)
}

/// When a message whose event happened at `earliest` (or was held until then)
/// may go out.
pub fn due_time(
    earliest: Timestamp,
    rule: DeliveryRule,
    window: Window,
    hours: Hours,
    tz: &TimeZone,
) -> Due {
    let after_rule = match rule {
        DeliveryRule::Immediately => Some(earliest),
        DeliveryRule::After(m) => earliest.checked_add((m as i64).minutes()).ok(),
        DeliveryRule::AtLocalTime(m) => {
            let local = earliest.to_zoned(tz.clone());
            match at_local(local.date(), m, tz) {
                Some(today) if today >= earliest => Some(today),
                _ => local
                    .date()
                    .tomorrow()
                    .ok()
                    .and_then(|d| at_local(d, m, tz)),
            }
        }
    };
    // Past the calendar's end: it could never go out.
    let Some(after_rule) = after_rule else {
        return Due::Cancelled;
    };
    let start = after_rule.max(window.opens);
    match try_next_allowed(start, hours, tz) {
        Some(due) if due < window.closes => Due::At(due),
        _ => Due::Cancelled,
    }
}

/// Whether a pending message of kind `older` is made pointless by a newer
/// change of the same ballot calling for `newer`: the voter should wake to the
/// latest status only. Confirmations are never superseded.
pub fn supersedes(newer: MessageKind, older: MessageKind) -> bool {
    newer != MessageKind::Confirmation && older != MessageKind::Confirmation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> TimeZone {
        TimeZone::get("America/Los_Angeles").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn inside_hours_goes_now() {
        let t = ts("2026-10-06T17:00:00Z"); // 10:00 PDT
        assert_eq!(next_allowed(t, Hours::DEFAULT, &la()), t);
    }

    #[test]
    fn before_hours_waits_for_the_morning_and_after_hours_for_the_next() {
        let tz = la();
        // 02:00 PDT -> 08:00 PDT the same day.
        assert_eq!(
            next_allowed(ts("2026-10-06T09:00:00Z"), Hours::DEFAULT, &tz),
            ts("2026-10-06T15:00:00Z")
        );
        // 21:00 PDT -> 08:00 PDT next day.
        assert_eq!(
            next_allowed(ts("2026-10-07T04:00:00Z"), Hours::DEFAULT, &tz),
            ts("2026-10-07T15:00:00Z")
        );
        // Exactly at the end is outside.
        assert_eq!(
            next_allowed(ts("2026-10-07T03:00:00Z"), Hours::DEFAULT, &tz),
            ts("2026-10-07T15:00:00Z")
        );
    }

    #[test]
    fn dst_changes_keep_local_hours() {
        let tz = la();
        // Fall back: Sunday 2026-11-01 01:00-02:00 happens twice. 21:00 PDT on
        // Saturday -> 08:00 PST on Sunday, which is 16:00Z (not 15:00Z).
        assert_eq!(
            next_allowed(ts("2026-11-01T04:00:00Z"), Hours::DEFAULT, &tz),
            ts("2026-11-01T16:00:00Z")
        );
        // Spring forward 2026-03-08: 02:00-03:00 does not exist. Hours starting at
        // 02:30 begin at 03:00 PDT (10:00Z) on that day.
        let h: Hours = "02:30-06:00".parse().unwrap();
        let due = next_allowed(ts("2026-03-08T08:30:00Z"), h, &tz); // 00:30 PST
        assert_eq!(due, ts("2026-03-08T10:00:00Z"));
        let local = due.to_zoned(tz);
        assert!(h.contains(local.hour() as u16 * 60 + local.minute() as u16));
    }

    #[test]
    fn overnight_hours_wait_for_the_evening_and_keep_the_night() {
        let tz = la();
        let night: Hours = "22:00-06:00".parse().unwrap();
        // 12:00 PDT -> 22:00 PDT the same day.
        assert_eq!(
            next_allowed(ts("2026-10-06T19:00:00Z"), night, &tz),
            ts("2026-10-07T05:00:00Z")
        );
        // 23:30 and 05:59 PDT are inside.
        for t in ["2026-10-07T06:30:00Z", "2026-10-07T12:59:00Z"] {
            assert_eq!(next_allowed(ts(t), night, &tz), ts(t));
        }
        // 06:00 PST on the fall-back day -> 22:00 PST (06:00Z next day).
        assert_eq!(
            next_allowed(ts("2026-11-01T14:00:00Z"), night, &tz),
            ts("2026-11-02T06:00:00Z")
        );
        // Spring forward: 02:00 does not exist on 2026-03-08; night hours
        // 02:30-01:00 begin at the transition, 03:00 PDT (10:00Z).
        let late: Hours = "02:30-01:00".parse().unwrap();
        assert_eq!(
            next_allowed(ts("2026-03-08T09:30:00Z"), late, &tz), // 01:30 PST
            ts("2026-03-08T10:00:00Z")
        );
    }

    #[test]
    fn the_end_of_the_calendar_never_panics() {
        let tz = TimeZone::get("Pacific/Kiritimati").unwrap();
        let w = Window {
            opens: Timestamp::MIN,
            closes: Timestamp::MAX,
        };
        for t in [Timestamp::MAX, Timestamp::MAX - 1.hour(), Timestamp::MIN] {
            for rule in [
                DeliveryRule::Immediately,
                DeliveryRule::After(MAX_DELAY_MINUTES),
                DeliveryRule::AtLocalTime(23 * 60 + 59),
            ] {
                let _ = due_time(t, rule, w, Hours::DEFAULT, &tz);
                let _ = next_allowed(t, "22:00-06:00".parse().unwrap(), &tz);
            }
        }
        assert_eq!(
            due_time(
                Timestamp::MAX,
                DeliveryRule::After(60),
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::Cancelled
        );
    }

    #[test]
    fn other_zones() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        // 23:00 JST -> 08:00 JST next day.
        assert_eq!(
            next_allowed(ts("2026-10-06T14:00:00Z"), Hours::DEFAULT, &tokyo),
            ts("2026-10-06T23:00:00Z")
        );
    }

    #[test]
    fn rules_window_and_cancellation() {
        let tz = la();
        let w = Window {
            opens: ts("2026-10-05T07:00:00Z"),
            closes: ts("2026-12-04T08:00:00Z"),
        };
        // Before the window: waits for it to open (00:00 PDT), then for 08:00.
        assert_eq!(
            due_time(
                ts("2026-09-20T18:00:00Z"),
                DeliveryRule::Immediately,
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::At(ts("2026-10-05T15:00:00Z"))
        );
        // A delay pushes past the end of the hours to the next morning.
        assert_eq!(
            due_time(
                ts("2026-10-06T02:00:00Z"),
                DeliveryRule::After(90),
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::At(ts("2026-10-06T15:00:00Z"))
        );
        // At a fixed local time: 09:00 the next day when it is already past.
        assert_eq!(
            due_time(
                ts("2026-10-06T18:00:00Z"),
                DeliveryRule::AtLocalTime(9 * 60),
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::At(ts("2026-10-07T16:00:00Z"))
        );
        // After the close: cancelled, also when only the hours push it past.
        assert_eq!(
            due_time(
                ts("2026-12-05T00:00:00Z"),
                DeliveryRule::Immediately,
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::Cancelled
        );
        assert_eq!(
            due_time(
                ts("2026-12-04T05:00:00Z"),
                DeliveryRule::Immediately,
                w,
                Hours::DEFAULT,
                &tz
            ),
            Due::Cancelled
        );
    }

    #[test]
    fn rules_parse() {
        assert_eq!("immediately".parse(), Ok(DeliveryRule::Immediately));
        assert_eq!("after 2h".parse(), Ok(DeliveryRule::After(120)));
        assert_eq!("after 45m".parse(), Ok(DeliveryRule::After(45)));
        assert_eq!("at 09:30".parse(), Ok(DeliveryRule::AtLocalTime(570)));
        assert!("at 25:00".parse::<DeliveryRule>().is_err());
        assert!("soon".parse::<DeliveryRule>().is_err());
        // Delays that overflow or outlast any window are refused, not wrapped.
        for bad in ["after 99999h", "after 4294967295h", "after 43201m"] {
            let err = bad.parse::<DeliveryRule>().unwrap_err();
            assert!(
                err.contains("at most 30 days") || err.contains("must be"),
                "{err}"
            );
        }
        assert_eq!("after 720h".parse(), Ok(DeliveryRule::After(43_200)));
        for r in [
            DeliveryRule::After(45),
            DeliveryRule::AtLocalTime(570),
            DeliveryRule::Immediately,
        ] {
            assert_eq!(r.to_string().parse(), Ok(r));
        }
    }

    proptest::proptest! {
        /// Any instant jiff knows, any rule a stored election may hold, any
        /// hours: `due_time` answers, and an answer is inside the window.
        #[test]
        fn due_time_never_panics(
            secs in Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
            rule_kind in 0u8..3,
            minutes in proptest::num::u32::ANY,
            start in 0u16..1440,
            end in 1u16..=1440,
            zone in 0usize..3,
        ) {
            let tz = TimeZone::get(["America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"][zone]).unwrap();
            let Ok(hours) = Hours::new(start, end) else { return Ok(()) };
            let rule = match rule_kind {
                0 => DeliveryRule::Immediately,
                1 => DeliveryRule::After(minutes),
                _ => DeliveryRule::AtLocalTime((minutes % 1440) as u16),
            };
            let t = Timestamp::from_second(secs).unwrap();
            let w = Window { opens: Timestamp::MIN, closes: Timestamp::MAX };
            if let Due::At(due) = due_time(t, rule, w, hours, &tz) {
                proptest::prop_assert!(due >= t && due < w.closes);
            }
            let _ = next_allowed(t, hours, &tz);
        }
    }

    proptest::proptest! {
        /// Whatever the instant, zone and hours, the answer is not earlier, is
        /// inside the hours on the voter's clock, and no allowed minute was skipped.
        #[test]
        fn next_allowed_is_the_first_allowed_minute(
            secs in 1_767_225_600i64..1_830_297_600, // 2026..2028
            start in 0u16..1439,
            len in 1u16..1440,
            zone in 0usize..4,
        ) {
            let tz = TimeZone::get(["America/Los_Angeles", "Asia/Tokyo", "Europe/London", "Australia/Lord_Howe"][zone]).unwrap();
            // Ends past midnight wrap: overnight hours are covered too.
            let end = match start + len { 1440 => 1440, e => e % 1440 };
            let hours = Hours::new(start, end).unwrap();
            let t = Timestamp::from_second(secs - secs % 60).unwrap();
            let due = next_allowed(t, hours, &tz);
            let minute = |x: Timestamp| { let z = x.to_zoned(tz.clone()); z.hour() as u16 * 60 + z.minute() as u16 };
            proptest::prop_assert!(due >= t);
            proptest::prop_assert!(hours.contains(minute(due)), "due {due} local minute {}", minute(due));
            // No allowed minute between t and due (checked over at most two days).
            let mut x = t;
            while x < due && x < t + 49.hours() {
                proptest::prop_assert!(!hours.contains(minute(x)), "skipped {x}");
                x += 1.minute();
            }
        }
    }
}
