//! Keyed names of codes and destinations, and the caps on what is sent
//! to one destination (codes, notices of added contacts).

use super::Result;
use crate::domain::challenge::CodeCaps;
use crate::store::Batch;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A keyed hash, truncated: names a challenge or a code without revealing it.
pub(super) fn keyed(secret: &[u8], parts: &[&[u8]]) -> [u8; 16] {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    for p in parts {
        m.update(&(p.len() as u32).to_be_bytes());
        m.update(p);
    }
    let mut out = [0u8; 16];
    out.copy_from_slice(&m.finalize().into_bytes()[..16]);
    out
}

/// Whether one more message may go to the destination named by `key` now
/// under `caps`; if so, counts it.
pub(super) fn may_send_to(
    b: &mut Batch<'_>,
    key: [u8; 16],
    caps: &CodeCaps,
    now: i64,
) -> Result<bool> {
    let mut sent = b.codes_sent_get(key)?;
    if sent.wait(now, caps) > 0 {
        return Ok(false);
    }
    sent.record(now);
    b.codes_sent_put(key, &sent)?;
    Ok(true)
}
