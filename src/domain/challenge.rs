//! One-time codes: what confirms a contact and signs a voter in. A code is
//! six digits, lives 15 minutes, and takes five wrong tries; only a keyed
//! hash of it is kept.

use super::subscription::Channel;
use serde::{Deserialize, Serialize};

/// How long a code is good for.
pub const CODE_SECONDS: i64 = 15 * 60;
/// Wrong tries a code takes before it is void.
pub const MAX_TRIES: u8 = 5;
/// Digits in a code.
pub const CODE_DIGITS: usize = 6;

/// What a correct code does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purpose {
    /// Confirms the voter's contact on this channel (sign-up or a new contact).
    Confirm { voter: u128, channel: Channel },
    /// Signs the voter in.
    SignIn { voter: u128 },
}

/// A code sent and not yet used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub purpose: Purpose,
    /// Keyed hash of the code.
    pub code_hash: [u8; 16],
    pub expires_at: i64,
    pub wrong_tries: u8,
}

/// What checking an entered code came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Right,
    /// Wrong; the challenge stays with one more wrong try counted.
    Wrong,
    /// Expired or out of tries: the challenge is void.
    Void,
}

impl Challenge {
    pub fn new(purpose: Purpose, code_hash: [u8; 16], now: i64) -> Self {
        Self {
            purpose,
            code_hash,
            expires_at: now + CODE_SECONDS,
            wrong_tries: 0,
        }
    }

    /// Checks `entered_hash` (the hash of what was typed) at `now`, counting a
    /// wrong try.
    pub fn check(&mut self, entered_hash: &[u8; 16], now: i64) -> Check {
        if now >= self.expires_at || self.wrong_tries >= MAX_TRIES {
            return Check::Void;
        }
        // Constant-time: the hashes are keyed, but compare without shortcuts anyway.
        let same = self
            .code_hash
            .iter()
            .zip(entered_hash)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
        if same {
            Check::Right
        } else {
            self.wrong_tries += 1;
            if self.wrong_tries >= MAX_TRIES {
                Check::Void
            } else {
                Check::Wrong
            }
        }
    }
}

/// The caps on one-time codes sent to one phone number or email address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeCaps {
    pub per_hour: u32,
    pub per_day: u32,
    /// The wait after the second code of a day; it doubles with each code
    /// after (30 s, 1 min, 2 min, …). A first code lost or mistyped can be
    /// asked for again at once.
    pub backoff_seconds: u32,
}

impl Default for CodeCaps {
    fn default() -> Self {
        Self {
            per_hour: 4,
            per_day: 8,
            backoff_seconds: 30,
        }
    }
}

const DAY: i64 = 24 * 3600;
const HOUR: i64 = 3600;

/// When codes were sent to one destination in the last day, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodesSent {
    pub at: Vec<i64>,
}

impl CodesSent {
    /// Seconds to wait before another code may go to this destination at
    /// `now`; 0 when one may go now.
    pub fn wait(&self, now: i64, caps: &CodeCaps) -> i64 {
        let day: Vec<i64> = self.at.iter().copied().filter(|t| *t > now - DAY).collect();
        let Some(&last) = day.last() else {
            return 0;
        };
        let mut until = match day.len() {
            1 => last,
            n => last + i64::from(caps.backoff_seconds) * (1i64 << (n - 2).min(12) as u32),
        };
        if day.len() >= caps.per_day.max(1) as usize {
            until = until.max(day[day.len() - caps.per_day.max(1) as usize] + DAY);
        }
        let hour: Vec<i64> = day.iter().copied().filter(|t| *t > now - HOUR).collect();
        if hour.len() >= caps.per_hour.max(1) as usize {
            until = until.max(hour[hour.len() - caps.per_hour.max(1) as usize] + HOUR);
        }
        (until - now).max(0)
    }

    /// Counts a code sent at `now`, forgetting those older than a day.
    pub fn record(&mut self, now: i64) {
        self.at.retain(|t| *t > now - DAY);
        self.at.push(now);
    }
}

/// What a voter typed as a code, if it has the shape of one: spaces and dashes
/// between digits are allowed, as codes are often read out in groups.
pub fn read_code(s: &str) -> Option<String> {
    let digits: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// A code read aloud: its digits one by one, with pauses.
pub fn spoken(code: &str) -> String {
    code.chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_right_once_within_its_time_and_tries() {
        let p = Purpose::SignIn { voter: 7 };
        let mut c = Challenge::new(p, [1; 16], 1000);
        assert_eq!(c.check(&[2; 16], 1001), Check::Wrong);
        assert_eq!(c.check(&[1; 16], 1002), Check::Right);
        assert_eq!(c.check(&[1; 16], 1000 + CODE_SECONDS), Check::Void);
        let mut c = Challenge::new(p, [1; 16], 0);
        for _ in 0..MAX_TRIES - 1 {
            assert_eq!(c.check(&[0; 16], 1), Check::Wrong);
        }
        assert_eq!(c.check(&[0; 16], 1), Check::Void);
        // Out of tries: even the right code no longer works.
        assert_eq!(c.check(&[1; 16], 1), Check::Void);
    }

    #[test]
    fn codes_to_one_destination_back_off_and_stop_at_the_caps() {
        let caps = CodeCaps {
            per_hour: 3,
            per_day: 6,
            backoff_seconds: 30,
        };
        let mut sent = CodesSent::default();
        assert_eq!(sent.wait(0, &caps), 0);
        sent.record(0);
        // A second at once; then 30 s after it, then a minute: growing waits.
        assert_eq!(sent.wait(0, &caps), 0);
        sent.record(0);
        assert_eq!(sent.wait(10, &caps), 20);
        assert_eq!(sent.wait(30, &caps), 0);
        sent.record(30);
        let roomy = CodeCaps {
            per_hour: 100,
            ..caps
        };
        assert_eq!(sent.wait(30, &roomy), 60);
        // Three in the hour: the next waits for the first to be an hour old.
        assert_eq!(sent.wait(300, &caps), 3600 - 300);
        for t in [3600, 7200, 10_800] {
            assert_eq!(sent.wait(t, &caps), 0, "at {t}");
            sent.record(t);
        }
        // Six in the day: none until the first is a day old.
        assert_eq!(sent.wait(20_000, &caps), 86_400 - 20_000);
        assert_eq!(sent.wait(86_400, &caps), 0);
        sent.record(86_400);
        assert!(
            sent.at.len() <= 6,
            "older ones are forgotten: {:?}",
            sent.at
        );
    }

    #[test]
    fn codes_are_read_with_spaces_and_dashes() {
        assert_eq!(read_code(" 123 456 "), Some("123456".into()));
        assert_eq!(read_code("123-456"), Some("123456".into()));
        assert_eq!(read_code("12345"), None);
        assert_eq!(read_code("12345a"), None);
        assert_eq!(spoken("120"), "1, 2, 0");
    }
}
