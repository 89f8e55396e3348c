//! What the service signs and seals with the instance's keys, each purpose
//! with its own HKDF key (`store::KeyPurpose`): one-click unsubscribe links
//! (voter and channel), sealed voter sessions and manage links (the voter
//! and the contacts they came through, `Grant`), the short link that removes
//! a contact that joined a sign-up, and the voter pages' form tokens (CSRF).
//! Voter keys are concealed (a keyed Feistel permutation): links travel in
//! mail headers, and a key spells out the VoteCal id.

use crate::domain::Channel;
use crate::store::{KeyPurpose, Keys};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

/// What the manage link in every message is sealed for.
pub const MANAGE_PURPOSE: &str = "manage";

/// The instance's link and session keys, each keyed once: links are made
/// for every email sent.
#[derive(Clone)]
pub struct Signer {
    keys: SignerKeys,
    /// Sealed tokens whose signature held, by signature, and the form tokens
    /// of `bt_csrf` cookies, by cookie. A voter's browser sends the same
    /// session and cookie with every page, and working them out again takes
    /// up to six HMACs. Shared by clones.
    opened: Arc<Memo<u128, Arc<Opened>>>,
    form_tokens: Arc<Memo<u128, u128>>,
}

/// What a sealed token was found to say.
struct Opened {
    purpose: Box<str>,
    body: Box<str>,
    expires: i64,
    grants: Vec<Grant>,
}

/// One voter a sealed token names, and the contacts it came through: each
/// channel with that contact's sign-in generation when it was given. It is
/// good for a contact only while the generation is still the contact's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub voter: u128,
    pub through: Vec<(Channel, u32)>,
}

impl Grant {
    /// The contacts (channels) it came through.
    pub fn owns(&self, channel: Channel) -> bool {
        self.through.iter().any(|(c, _)| *c == channel)
    }
}

fn channel_letter(c: Channel) -> char {
    match c {
        Channel::Email => 'e',
        Channel::Sms => 's',
        Channel::Voice => 'v',
    }
}

fn letter_channel(l: char) -> Option<Channel> {
    match l {
        'e' => Some(Channel::Email),
        's' => Some(Channel::Sms),
        'v' => Some(Channel::Voice),
        _ => None,
    }
}

/// Values a `Memo` holds at most (at most a few MiB).
const REMEMBERED_MAX: usize = 16 * 1024;

/// Values worked out lately, bounded: emptied when full.
struct Memo<K, V> {
    values: Mutex<foldhash::HashMap<K, V>>,
}

impl<K: std::hash::Hash + Eq, V: Clone> Memo<K, V> {
    fn new() -> Self {
        Self {
            values: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, foldhash::HashMap<K, V>> {
        self.values.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, key: &K) -> Option<V> {
        self.lock().get(key).cloned()
    }

    fn put(&self, key: K, value: V) {
        let mut values = self.lock();
        if values.len() >= REMEMBERED_MAX {
            values.clear();
        }
        values.insert(key, value);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// One key per use (`KeyPurpose`): unsubscribe links, the concealment of
/// voter keys, sessions, manage links and form tokens.
#[derive(Clone)]
struct SignerKeys {
    unsubscribe: Hmac<Sha256>,
    conceal: Hmac<Sha256>,
    sessions: Hmac<Sha256>,
    manage: Hmac<Sha256>,
    forms: Hmac<Sha256>,
    removal: Hmac<Sha256>,
}

impl Signer {
    pub fn new(keys: &Keys) -> Self {
        let mac = |p| Hmac::<Sha256>::new_from_slice(keys.get(p)).expect("any key length");
        Self {
            keys: SignerKeys {
                unsubscribe: mac(KeyPurpose::UnsubscribeLinks),
                conceal: mac(KeyPurpose::ConcealVoters),
                sessions: mac(KeyPurpose::VoterSessions),
                manage: mac(KeyPurpose::ManageLinks),
                forms: mac(KeyPurpose::FormTokens),
                removal: mac(KeyPurpose::RemovalLinks),
            },
            opened: Arc::new(Memo::new()),
            form_tokens: Arc::new(Memo::new()),
        }
    }

    /// The key that seals tokens for `purpose`: the manage link's, or the sessions'.
    fn sealing_key(&self, purpose: &str) -> Hmac<Sha256> {
        if purpose == MANAGE_PURPOSE {
            self.keys.manage.clone()
        } else {
            self.keys.sessions.clone()
        }
    }

    fn mac(&self, voter: u128, channel: Channel) -> String {
        let mut m = self.keys.unsubscribe.clone();
        m.update(b"unsubscribe\0");
        m.update(&voter.to_be_bytes());
        m.update(channel.name().as_bytes());
        hex16(&m.finalize().into_bytes()[..16])
    }

    fn round(&self, r: u8, half: u64) -> u64 {
        let mut m = self.keys.conceal.clone();
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
    /// seal_grants(purpose, [voter through channel at epoch], expires))`,
    /// concealing the voter once.
    pub fn token_and_seal(
        &self,
        voter: u128,
        channel: Channel,
        epoch: u32,
        purpose: &str,
        expires: i64,
    ) -> (String, String) {
        let concealed = self.conceal(voter);
        let body = format!(
            "{concealed:032x}~{}{epoch:x}.{expires}",
            channel_letter(channel)
        );
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

    /// A token that names each grant's voter and the contacts it came
    /// through: `<concealed voter>~<channel letter><generation, hex>…` per
    /// voter, joined by '-', then `.<expires>.<signature>`.
    pub fn seal_grants(&self, purpose: &str, grants: &[Grant], expires: i64) -> String {
        let ids: Vec<String> = grants
            .iter()
            .map(|g| {
                let mut id = format!("{:032x}", self.conceal(g.voter));
                for (c, e) in &g.through {
                    id.push_str(&format!("~{}{e:x}", channel_letter(*c)));
                }
                id
            })
            .collect();
        let body = format!("{}.{expires}", ids.join("-"));
        format!("{body}.{}", self.sign(purpose, &body))
    }

    /// The voters of a genuine, unexpired sealed token.
    pub fn open(&self, purpose: &str, token: &str, now: i64) -> Option<Vec<u128>> {
        Some(
            self.open_grants(purpose, token, now)?
                .into_iter()
                .map(|g| g.voter)
                .collect(),
        )
    }

    /// The grants of a genuine, unexpired sealed token. A voter sealed
    /// without contacts (a token made before contacts were named) came
    /// through the email contact at generation 0: manage links went by email.
    pub fn open_grants(&self, purpose: &str, token: &str, now: i64) -> Option<Vec<Grant>> {
        let (body, sig) = token.rsplit_once('.')?;
        // Signatures are written in lowercase: any other spelling is forged.
        let key = lower_hex128(sig)?;
        let opened = match self.opened.get(&key) {
            Some(o) if *o.purpose == *purpose && *o.body == *body => o,
            _ => {
                let o = Arc::new(self.open_anew(purpose, body, sig)?);
                self.opened.put(key, o.clone());
                o
            }
        };
        (now < opened.expires).then(|| opened.grants.clone())
    }

    /// A sealed token's body read, if its signature holds, whatever the time.
    fn open_anew(&self, purpose: &str, body: &str, sig: &str) -> Option<Opened> {
        if !same(&self.sign(purpose, body), sig) {
            return None;
        }
        let (ids, expires) = body.split_once('.')?;
        let grants = ids
            .split('-')
            .map(|id| self.read_grant(id))
            .collect::<Option<Vec<Grant>>>()?;
        Some(Opened {
            purpose: purpose.into(),
            body: body.into(),
            expires: expires.parse().ok()?,
            grants,
        })
    }

    fn read_grant(&self, id: &str) -> Option<Grant> {
        let mut parts = id.split('~');
        let voter = self.reveal(u128::from_str_radix(parts.next()?, 16).ok()?);
        let mut through = Vec::new();
        for p in parts {
            let mut chars = p.chars();
            let channel = letter_channel(chars.next()?)?;
            through.push((channel, u32::from_str_radix(chars.as_str(), 16).ok()?));
        }
        if through.is_empty() {
            through.push((Channel::Email, 0));
        }
        Some(Grant { voter, through })
    }

    /// The token a voter page's forms carry for a client's `bt_csrf` cookie.
    pub fn form_token(&self, cookie: &str) -> String {
        let work = || {
            let mut m = self.keys.forms.clone();
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
        let token = match lower_hex128(cookie) {
            Some(c) => self.form_tokens.get(&c).unwrap_or_else(|| {
                let t = work();
                self.form_tokens.put(c, t);
                t
            }),
            None => work(),
        };
        hex16(&token.to_be_bytes())
    }

    fn sign(&self, purpose: &str, body: &str) -> String {
        let mut m = self.sealing_key(purpose);
        m.update(b"sealed\0");
        m.update(purpose.as_bytes());
        m.update(b"\0");
        m.update(body.as_bytes());
        hex16(&m.finalize().into_bytes()[..16])
    }
}

impl Signer {
    /// A link token for one contact of one voter, short enough for a text
    /// message: base64url of the concealed voter (16 bytes), the channel
    /// (1), its sign-in generation (4) and the expiry (4, seconds), then
    /// `.` and a 16-byte signature.
    pub fn seal_contact(&self, voter: u128, channel: Channel, epoch: u32, expires: u32) -> String {
        use base64::Engine as _;
        let mut body = Vec::with_capacity(25);
        body.extend_from_slice(&self.conceal(voter).to_be_bytes());
        body.push(channel_letter(channel) as u8);
        body.extend_from_slice(&epoch.to_be_bytes());
        body.extend_from_slice(&expires.to_be_bytes());
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}",
            b64.encode(&body),
            b64.encode(self.removal_mac(&body))
        )
    }

    /// The voter and contact of a genuine, unexpired `seal_contact` token.
    pub fn open_contact(&self, token: &str, now: i64) -> Option<Grant> {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let (body, sig) = token.split_once('.')?;
        let (body, sig) = (b64.decode(body).ok()?, b64.decode(sig).ok()?);
        if body.len() != 25
            || sig.len() != 16
            || !same(&hex16(&self.removal_mac(&body)), &hex16(&sig))
        {
            return None;
        }
        let expires = u32::from_be_bytes(body[21..25].try_into().ok()?);
        if now >= i64::from(expires) {
            return None;
        }
        let voter = self.reveal(u128::from_be_bytes(body[..16].try_into().ok()?));
        let channel = letter_channel(char::from(body[16]))?;
        let epoch = u32::from_be_bytes(body[17..21].try_into().ok()?);
        Some(Grant {
            voter,
            through: vec![(channel, epoch)],
        })
    }

    fn removal_mac(&self, body: &[u8]) -> [u8; 16] {
        let mut m = self.keys.removal.clone();
        m.update(b"contact removal\0");
        m.update(body);
        m.finalize().into_bytes()[..16]
            .try_into()
            .expect("16 bytes")
    }
}

/// The number 32 lowercase hex digits spell, if `s` is that.
fn lower_hex128(s: &str) -> Option<u128> {
    let lower = s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let mut bytes = [0u8; 16];
    (lower && hex::decode_to_slice(s, &mut bytes).is_ok()).then(|| u128::from_be_bytes(bytes))
}

/// Sixteen bytes as 32 lowercase hex digits.
pub fn hex16(bytes: &[u8]) -> String {
    let mut out = [0u8; 32];
    hex::encode_to_slice(&bytes[..16], &mut out).expect("32 digits for 16 bytes");
    String::from_utf8(out.to_vec()).expect("hex digits")
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

/// `Signer::token` with keys keyed for this one link.
pub fn token(keys: &Keys, voter: u128, channel: Channel) -> String {
    Signer::new(keys).token(voter, channel)
}

/// `Signer::verify` with keys keyed for this one token.
pub fn verify(keys: &Keys, token: &str) -> Option<(u128, Channel)> {
    Signer::new(keys).verify(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_forgeries_do_not() {
        let t = token(&Keys::derive(b"secret"), 42, Channel::Email);
        assert_eq!(
            verify(&Keys::derive(b"secret"), &t),
            Some((42, Channel::Email))
        );
        assert_eq!(verify(&Keys::derive(b"other"), &t), None);
        assert!(
            !t.contains(&format!("{:032x}", 42)),
            "the voter is concealed: {t}"
        );
        let other = token(&Keys::derive(b"secret"), 43, Channel::Email);
        let forged = format!("{}{}", &other[..32], &t[32..]);
        assert_eq!(verify(&Keys::derive(b"secret"), &forged), None);
        let k = Signer::new(&Keys::derive(b"k"));
        for v in [0, 1, u128::MAX, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef] {
            assert_eq!(k.reveal(k.conceal(v)), v);
        }
        assert_eq!(verify(&Keys::derive(b"secret"), "garbage"), None);
    }

    #[test]
    fn sealed_tokens_open_until_they_expire_and_only_for_their_purpose() {
        let k = Signer::new(&Keys::derive(b"secret"));
        let t = k.seal("session", &[42, 7], 100);
        assert_eq!(k.open("session", &t, 99), Some(vec![42, 7]));
        assert_eq!(k.open("session", &t, 100), None);
        assert_eq!(k.open("manage", &t, 1), None);
        assert_eq!(
            Signer::new(&Keys::derive(b"other")).open("session", &t, 1),
            None
        );
        let longer = t.replacen(".100.", ".900.", 1);
        assert_eq!(k.open("session", &longer, 1), None);
        assert!(!t.contains(&format!("{:032x}", 42)));
        // Opened again, the token comes from memory, and reads the same,
        // with the same expiry and purpose.
        assert_eq!(k.opened.len(), 1);
        assert_eq!(k.open("session", &t, 99), Some(vec![42, 7]));
        assert_eq!(k.open("session", &t, 100), None);
        assert_eq!(k.open("manage", &t, 1), None);
        // A remembered signature does not vouch for another body.
        let (_, sig) = t.rsplit_once('.').unwrap();
        let other = k.seal("session", &[8], 100);
        let (other_body, _) = other.rsplit_once('.').unwrap();
        assert_eq!(k.open("session", &format!("{other_body}.{sig}"), 1), None);
        assert_eq!(k.open("session", &longer, 1), None);
        // Nor does it in capitals, which no genuine token has.
        let shouted = format!("{}.{}", t.rsplit_once('.').unwrap().0, sig.to_uppercase());
        assert_eq!(k.open("session", &shouted, 1), None);
        assert_eq!(k.open("session", &t, 99), Some(vec![42, 7]));
    }

    #[test]
    fn remembered_tokens_stay_bounded() {
        let k = Signer::new(&Keys::derive(b"secret"));
        for v in 0..REMEMBERED_MAX as u128 + 10 {
            let t = k.seal("session", &[v], 100);
            assert_eq!(k.open("session", &t, 1), Some(vec![v]));
        }
        assert!(k.opened.len() <= REMEMBERED_MAX);
    }

    #[test]
    fn form_tokens_are_the_keyed_hash_of_the_cookie_remembered_or_not() {
        let keys = Keys::derive(b"secret");
        let k = Signer::new(&keys);
        let mut m = Hmac::<Sha256>::new_from_slice(keys.get(KeyPurpose::FormTokens)).unwrap();
        m.update(b"csrf\0");
        m.update(b"0123456789abcdef0123456789abcdef");
        let expected = hex::encode(&m.finalize().into_bytes()[..16]);
        for _ in 0..2 {
            assert_eq!(k.form_token("0123456789abcdef0123456789abcdef"), expected);
        }
        assert_eq!(k.form_tokens.len(), 1);
        // The same digits in capitals are another cookie, with another token.
        let upper = k.form_token("0123456789ABCDEF0123456789ABCDEF");
        assert_ne!(upper, expected);
        assert_eq!(upper.len(), 32);
        assert_ne!(k.form_token("short"), expected);
        assert_eq!(k.form_tokens.len(), 1, "only cookies as given out are kept");
    }

    #[test]
    fn both_links_at_once_are_the_links_made_one_by_one() {
        let k = Signer::new(&Keys::derive(b"secret"));
        let (token, sealed) = k.token_and_seal(42, Channel::Email, 3, "manage", 500);
        assert_eq!(token, k.token(42, Channel::Email));
        let grant = Grant {
            voter: 42,
            through: vec![(Channel::Email, 3)],
        };
        assert_eq!(
            sealed,
            k.seal_grants("manage", std::slice::from_ref(&grant), 500)
        );
        assert_eq!(k.open("manage", &sealed, 1), Some(vec![42]));
        assert_eq!(k.open_grants("manage", &sealed, 1), Some(vec![grant]));
    }

    #[test]
    fn grants_name_their_contacts_and_generations() {
        let k = Signer::new(&Keys::derive(b"secret"));
        let grants = vec![
            Grant {
                voter: 42,
                through: vec![(Channel::Sms, 0x1f), (Channel::Voice, 2)],
            },
            Grant {
                voter: 7,
                through: vec![(Channel::Email, 0)],
            },
        ];
        let t = k.seal_grants("session", &grants, 100);
        assert_eq!(k.open_grants("session", &t, 1), Some(grants));
        assert!(k.open_grants("session", &t, 1).unwrap()[0].owns(Channel::Sms));
        // Another generation written in is a forgery.
        let moved = t.replacen("~s1f", "~s20", 1);
        assert_ne!(moved, t);
        assert_eq!(k.open_grants("session", &moved, 1), None);
        // A token of bare voters came through email at generation 0.
        let bare = k.seal("session", &[9], 100);
        assert_eq!(
            k.open_grants("session", &bare, 1).unwrap()[0].through,
            vec![(Channel::Email, 0)]
        );
    }

    #[test]
    fn a_removal_link_names_one_contact_until_it_expires_and_cannot_be_forged() {
        let k = Signer::new(&Keys::derive(b"instance"));
        let t = k.seal_contact(u128::MAX - 7, Channel::Sms, 3, 1_000);
        assert!(t.len() < 60, "{t}");
        let g = k.open_contact(&t, 999).unwrap();
        assert_eq!(
            (g.voter, g.through),
            (u128::MAX - 7, vec![(Channel::Sms, 3)])
        );
        assert_eq!(k.open_contact(&t, 1_000), None, "expired");
        let other = Signer::new(&Keys::derive(b"another instance"));
        assert_eq!(other.open_contact(&t, 1), None);
        // Every one-character change, a cut signature or body, and junk are refused.
        for i in 0..t.len() {
            let mut forged = t.clone().into_bytes();
            forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
            if let Ok(f) = String::from_utf8(forged) {
                assert_eq!(k.open_contact(&f, 1), None, "{f}");
            }
        }
        let (body, sig) = t.split_once('.').unwrap();
        for bad in [
            body.to_string(),
            format!("{body}."),
            format!("{body}.{}", &sig[..4]),
            format!(".{sig}"),
            "..".into(),
            String::new(),
        ] {
            assert_eq!(k.open_contact(&bad, 1), None, "{bad}");
        }
        // A sealed session of the same voter is no removal link.
        let session = k.seal_grants(
            "session",
            &[Grant {
                voter: u128::MAX - 7,
                through: vec![(Channel::Sms, 3)],
            }],
            1_000,
        );
        assert_eq!(k.open_contact(&session, 1), None);
    }
}
