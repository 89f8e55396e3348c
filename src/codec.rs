//! The one way values are written to disk: a schema-version byte, then postcard.

use serde::{Serialize, de::DeserializeOwned};

/// Bumped when a stored type changes shape; `store::migrate` upgrades older rows.
pub const SCHEMA_VERSION: u8 = 1;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("stored value has schema version {found}, this build reads {SCHEMA_VERSION}")]
    Version { found: u8 },
    #[error("stored value is empty")]
    Empty,
    #[error("stored value is corrupt: {0}")]
    Postcard(#[from] postcard::Error),
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![SCHEMA_VERSION];
    postcard::to_io(value, &mut out).expect("writing to a Vec cannot fail");
    out
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    match bytes.split_first() {
        None => Err(CodecError::Empty),
        Some((&SCHEMA_VERSION, rest)) => Ok(postcard::from_bytes(rest)?),
        Some((&found, _)) => Err(CodecError::Version { found }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_version_check() {
        let v = (42u32, "Alpine".to_string());
        let bytes = encode(&v);
        assert_eq!(bytes[0], SCHEMA_VERSION);
        assert_eq!(decode::<(u32, String)>(&bytes).unwrap(), v);
        let mut newer = bytes.clone();
        newer[0] = SCHEMA_VERSION + 1;
        assert!(matches!(
            decode::<(u32, String)>(&newer),
            Err(CodecError::Version { .. })
        ));
        assert!(matches!(
            decode::<(u32, String)>(&[]),
            Err(CodecError::Empty)
        ));
    }
}
