//! One-click unsubscribe links: the voter and channel, signed with the
//! instance secret so a link cannot be forged for someone else.

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

/// The token in a link: `<voter hex>.<channel>.<signature>`.
pub fn token(secret: &[u8], voter: u128, channel: Channel) -> String {
    format!(
        "{voter:032x}.{}.{}",
        channel.name(),
        mac(secret, voter, channel)
    )
}

/// The voter and channel of a genuine token.
pub fn verify(secret: &[u8], token: &str) -> Option<(u128, Channel)> {
    let mut parts = token.split('.');
    let voter = u128::from_str_radix(parts.next()?, 16).ok()?;
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
        let forged = t.replacen(&format!("{:032x}", 42), &format!("{:032x}", 43), 1);
        assert_eq!(verify(b"secret", &forged), None);
        assert_eq!(verify(b"secret", "garbage"), None);
    }
}
