//! One-click unsubscribe links: the voter and channel, signed with the
//! instance secret so a link cannot be forged for someone else. The voter's
//! key is concealed (a keyed Feistel permutation), since the link travels in
//! mail headers and the key spells out the VoteCal id.

use crate::domain::Channel;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

/// The instance secret, keyed once: links are made for every email sent.
#[derive(Clone)]
pub struct Signer {
    key: Hmac<Sha256>,
    /// Keyed values worked out lately: the voter keys inside sessions and
    /// the form tokens of `bt_csrf` cookies. A voter's browser sends the same
    /// two with every page, and working them out takes up to four HMACs.
    /// Shared by clones; emptied when full.
    remembered: Arc<Mutex<foldhash::HashMap<(Remembered, u128), u128>>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Remembered {
    /// Concealed voter key → voter key (from tokens whose signature held).
    Revealed,
    /// `bt_csrf` cookie → form token.
    FormToken,
}

/// Values `Signer::remembered` holds at most (about 1 MiB).
const REMEMBERED_MAX: usize = 16 * 1024;

impl Signer {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            key: Hmac::<Sha256>::new_from_slice(secret).expect("any key length"),
            remembered: Arc::default(),
        }
    }

    /// `work(input)`, remembered under `kind`.
    fn remember(&self, kind: Remembered, input: u128, work: impl FnOnce() -> u128) -> u128 {
        let key = (kind, input);
        if let Some(v) = self.lock_remembered().get(&key) {
            return *v;
        }
        // Worked out unlocked: another thread may do the same at once.
        let v = work();
        let mut remembered = self.lock_remembered();
        if remembered.len() >= REMEMBERED_MAX {
            remembered.clear();
        }
        remembered.insert(key, v);
        v
    }

    fn lock_remembered(
        &self,
    ) -> std::sync::MutexGuard<'_, foldhash::HashMap<(Remembered, u128), u128>> {
        self.remembered.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn mac(&self, voter: u128, channel: Channel) -> String {
        let mut m = self.key.clone();
        m.update(b"unsubscribe\0");
        m.update(&voter.to_be_bytes());
        m.update(channel.name().as_bytes());
        hex16(&m.finalize().into_bytes()[..16])
    }

    fn round(&self, r: u8, half: u64) -> u64 {
        let mut m = self.key.clone();
        m.update(b"unsubscribe-conceal\0");
        m.update(&[r]);
        m.update(&half.to_be_bytes());
        u64::from_be_bytes(m.finalize().into_bytes()[..8].try_into().expect("8 bytes"))
    }

    /// A keyed permutation of voter keys: opaque without the secret, reversible with it.
    fn conceal(&self, voter: u128) -> u128 {
        let (mut l, mut r) = ((voter >> 64) as u64, voter as u64);
        for i in 0..4 {
            (l, r) = (r, l ^ self.round(i, r));
        }
        ((l as u128) << 64) | r as u128
    }

    fn reveal(&self, concealed: u128) -> u128 {
        let (mut l, mut r) = ((concealed >> 64) as u64, concealed as u64);
        for i in (0..4).rev() {
            (l, r) = (r ^ self.round(i, l), l);
        }
        ((l as u128) << 64) | r as u128
    }

    /// The token in a link: `<concealed voter, hex>.<channel>.<signature>`.
    pub fn token(&self, voter: u128, channel: Channel) -> String {
        self.token_concealed(voter, self.conceal(voter), channel)
    }

    fn token_concealed(&self, voter: u128, concealed: u128, channel: Channel) -> String {
        format!(
            "{concealed:032x}.{}.{}",
            channel.name(),
            self.mac(voter, channel)
        )
    }

    /// A message's two links for one voter, `(token(voter, channel),
    /// seal(purpose, [voter], expires))`, concealing the voter once.
    pub fn token_and_seal(
        &self,
        voter: u128,
        channel: Channel,
        purpose: &str,
        expires: i64,
    ) -> (String, String) {
        let concealed = self.conceal(voter);
        let body = format!("{concealed:032x}.{expires}");
        let sealed = format!("{body}.{}", self.sign(purpose, &body));
        (self.token_concealed(voter, concealed, channel), sealed)
    }

    /// The voter and channel of a genuine token.
    pub fn verify(&self, token: &str) -> Option<(u128, Channel)> {
        let mut parts = token.split('.');
        let voter = self.reveal(u128::from_str_radix(parts.next()?, 16).ok()?);
        let channel = Channel::parse(parts.next()?)?;
        let sig = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        same(&self.mac(voter, channel), sig).then_some((voter, channel))
    }
}

impl Signer {
    /// A token that names `voters` for `purpose` until `expires` (seconds):
    /// `<concealed voters, hex, joined by '-'>.<expires>.<signature>`. Used
    /// for sign-in sessions and the manage link in every message.
    pub fn seal(&self, purpose: &str, voters: &[u128], expires: i64) -> String {
        let ids: Vec<String> = voters
            .iter()
            .map(|v| format!("{:032x}", self.conceal(*v)))
            .collect();
        let body = format!("{}.{expires}", ids.join("-"));
        format!("{body}.{}", self.sign(purpose, &body))
    }

    /// The voters of a genuine, unexpired sealed token.
    pub fn open(&self, purpose: &str, token: &str, now: i64) -> Option<Vec<u128>> {
        let (body, sig) = token.rsplit_once('.')?;
        if !same(&self.sign(purpose, body), sig) {
            return None;
        }
        let (ids, expires) = body.split_once('.')?;
        if now >= expires.parse::<i64>().ok()? {
            return None;
        }
        ids.split('-')
            .map(|h| {
                u128::from_str_radix(h, 16)
                    .ok()
                    .map(|c| self.remember(Remembered::Revealed, c, || self.reveal(c)))
            })
            .collect()
    }

    /// The token a voter page's forms carry for a client's `bt_csrf` cookie.
    pub fn form_token(&self, cookie: &str) -> String {
        let work = || {
            let mut m = self.key.clone();
            m.update(b"csrf\0");
            m.update(cookie.as_bytes());
            u128::from_be_bytes(
                m.finalize().into_bytes()[..16]
                    .try_into()
                    .expect("16 bytes"),
            )
        };
        // Cookies the pages gave out (32 lowercase hex digits) are remembered
        // by their value; any other spelling is worked out each time.
        let given_out = cookie.len() == 32
            && cookie
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let token = match u128::from_str_radix(cookie, 16) {
            Ok(c) if given_out => self.remember(Remembered::FormToken, c, work),
            _ => work(),
        };
        hex16(&token.to_be_bytes())
    }

    fn sign(&self, purpose: &str, body: &str) -> String {
        let mut m = self.key.clone();
        m.update(b"sealed\0");
        m.update(purpose.as_bytes());
        m.update(b"\0");
        m.update(body.as_bytes());
        hex16(&m.finalize().into_bytes()[..16])
    }
}

/// Sixteen bytes as 32 lowercase hex digits.
pub fn hex16(bytes: &[u8]) -> String {
    hex::encode(&bytes[..16])
}

/// Compares a signature in constant time: how long it takes does not tell
/// how much of a forgery was right.
pub fn same(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `Signer::token` with a secret keyed for this one link.
pub fn token(secret: &[u8], voter: u128, channel: Channel) -> String {
    Signer::new(secret).token(voter, channel)
}

/// `Signer::verify` with a secret keyed for this one token.
pub fn verify(secret: &[u8], token: &str) -> Option<(u128, Channel)> {
    Signer::new(secret).verify(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_forgeries_do_not() {
        let t = token(b"secret", 42, Channel::Email);
        assert_eq!(verify(b"secret", &t), Some((42, Channel::Email)));
        assert_eq!(verify(b"other", &t), None);
        assert!(
            !t.contains(&format!("{:032x}", 42)),
            "the voter is concealed: {t}"
        );
        let other = token(b"secret", 43, Channel::Email);
        let forged = format!("{}{}", &other[..32], &t[32..]);
        assert_eq!(verify(b"secret", &forged), None);
        let k = Signer::new(b"k");
        for v in [0, 1, u128::MAX, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef] {
            assert_eq!(k.reveal(k.conceal(v)), v);
        }
        assert_eq!(verify(b"secret", "garbage"), None);
    }

    #[test]
    fn sealed_tokens_open_until_they_expire_and_only_for_their_purpose() {
        let k = Signer::new(b"secret");
        let t = k.seal("session", &[42, 7], 100);
        assert_eq!(k.open("session", &t, 99), Some(vec![42, 7]));
        assert_eq!(k.open("session", &t, 100), None);
        assert_eq!(k.open("manage", &t, 1), None);
        assert_eq!(Signer::new(b"other").open("session", &t, 1), None);
        let longer = t.replacen(".100.", ".900.", 1);
        assert_eq!(k.open("session", &longer, 1), None);
        assert!(!t.contains(&format!("{:032x}", 42)));
        // Opened again, the keys come from memory, and are the same.
        assert_eq!(k.lock_remembered().len(), 2);
        assert_eq!(k.open("session", &t, 99), Some(vec![42, 7]));
    }

    #[test]
    fn remembered_keys_stay_bounded() {
        let k = Signer::new(b"secret");
        for v in 0..REMEMBERED_MAX as u128 + 10 {
            let t = k.seal("session", &[v], 100);
            assert_eq!(k.open("session", &t, 1), Some(vec![v]));
        }
        assert!(k.lock_remembered().len() <= REMEMBERED_MAX);
    }

    #[test]
    fn form_tokens_are_the_keyed_hash_of_the_cookie_remembered_or_not() {
        let k = Signer::new(b"secret");
        let mut m = Hmac::<Sha256>::new_from_slice(b"secret").unwrap();
        m.update(b"csrf\0");
        m.update(b"0123456789abcdef0123456789abcdef");
        let expected = hex::encode(&m.finalize().into_bytes()[..16]);
        for _ in 0..2 {
            assert_eq!(k.form_token("0123456789abcdef0123456789abcdef"), expected);
        }
        // The same digits in capitals are another cookie, with another token.
        let upper = k.form_token("0123456789ABCDEF0123456789ABCDEF");
        assert_ne!(upper, expected);
        assert_eq!(upper.len(), 32);
        assert_ne!(k.form_token("short"), expected);
    }

    #[test]
    fn both_links_at_once_are_the_links_made_one_by_one() {
        let k = Signer::new(b"secret");
        let (token, sealed) = k.token_and_seal(42, Channel::Email, "manage", 500);
        assert_eq!(token, k.token(42, Channel::Email));
        assert_eq!(sealed, k.seal("manage", &[42], 500));
        assert_eq!(k.open("manage", &sealed, 1), Some(vec![42]));
    }
}
