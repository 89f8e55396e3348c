//! One-click unsubscribe links: the voter and channel, signed with the
//! instance secret so a link cannot be forged for someone else. The voter's
//! key is concealed (a keyed Feistel permutation), since the link travels in
//! mail headers and the key spells out the VoteCal id.

use crate::domain::Channel;
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn mac(secret: &[u8], voter: u128, channel: Channel) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    m.update(b"unsubscribe\0");
    m.update(&voter.to_be_bytes());
    m.update(channel.name().as_bytes());
    hex::encode(&m.finalize().into_bytes()[..16])
}

fn round(secret: &[u8], r: u8, half: u64) -> u64 {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    m.update(b"unsubscribe-conceal\0");
    m.update(&[r]);
    m.update(&half.to_be_bytes());
    u64::from_be_bytes(m.finalize().into_bytes()[..8].try_into().expect("8 bytes"))
}

/// A keyed permutation of voter keys: opaque without the secret, reversible with it.
fn conceal(secret: &[u8], voter: u128) -> u128 {
    let (mut l, mut r) = ((voter >> 64) as u64, voter as u64);
    for i in 0..4 {
        (l, r) = (r, l ^ round(secret, i, r));
    }
    ((l as u128) << 64) | r as u128
}

fn reveal(secret: &[u8], concealed: u128) -> u128 {
    let (mut l, mut r) = ((concealed >> 64) as u64, concealed as u64);
    for i in (0..4).rev() {
        (l, r) = (r ^ round(secret, i, l), l);
    }
    ((l as u128) << 64) | r as u128
}

/// The token in a link: `<concealed voter, hex>.<channel>.<signature>`.
pub fn token(secret: &[u8], voter: u128, channel: Channel) -> String {
    format!(
        "{:032x}.{}.{}",
        conceal(secret, voter),
        channel.name(),
        mac(secret, voter, channel)
    )
}

/// The voter and channel of a genuine token.
pub fn verify(secret: &[u8], token: &str) -> Option<(u128, Channel)> {
    let mut parts = token.split('.');
    let voter = reveal(secret, u128::from_str_radix(parts.next()?, 16).ok()?);
    let channel = Channel::parse(parts.next()?)?;
    let sig = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    let expected = mac(secret, voter, channel);
    // Constant-time comparison.
    let same = expected.len() == sig.len()
        && expected
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    same.then_some((voter, channel))
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
        for v in [0, 1, u128::MAX, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef] {
            assert_eq!(reveal(b"k", conceal(b"k", v)), v);
        }
        assert_eq!(verify(b"secret", "garbage"), None);
    }
}
