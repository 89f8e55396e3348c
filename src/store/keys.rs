//! Fixed-size, big-endian packed keys: compared with one `memcmp`, so composite
//! keys sort the way their parts do and the B-tree stays compact.

use redb::{Key, TypeName, Value};
use std::cmp::Ordering;

/// `N` bytes compared as a byte string.
#[derive(Debug)]
pub struct Packed<const N: usize>;

impl<const N: usize> Value for Packed<N> {
    type SelfType<'a> = [u8; N];
    type AsBytes<'a> = [u8; N];

    fn fixed_width() -> Option<usize> {
        Some(N)
    }

    fn from_bytes<'a>(data: &'a [u8]) -> [u8; N]
    where
        Self: 'a,
    {
        data.try_into().expect("fixed width")
    }

    fn as_bytes<'a, 'b: 'a>(value: &'a [u8; N]) -> [u8; N]
    where
        Self: 'b,
    {
        *value
    }

    fn type_name() -> TypeName {
        TypeName::new(&format!("ballot_tracker::Packed<{N}>"))
    }
}

impl<const N: usize> Key for Packed<N> {
    fn compare(data1: &[u8], data2: &[u8]) -> Ordering {
        data1.cmp(data2)
    }
}

/// Builds a packed key from big-endian parts.
pub struct KeyBuilder<const N: usize> {
    buf: [u8; N],
    at: usize,
}

impl<const N: usize> KeyBuilder<N> {
    pub fn new() -> Self {
        Self { buf: [0; N], at: 0 }
    }
    pub fn bytes(mut self, b: &[u8]) -> Self {
        self.buf[self.at..self.at + b.len()].copy_from_slice(b);
        self.at += b.len();
        self
    }
    pub fn u8(self, v: u8) -> Self {
        self.bytes(&[v])
    }
    pub fn u16(self, v: u16) -> Self {
        self.bytes(&v.to_be_bytes())
    }
    pub fn u64(self, v: u64) -> Self {
        self.bytes(&v.to_be_bytes())
    }
    pub fn u128(self, v: u128) -> Self {
        self.bytes(&v.to_be_bytes())
    }
    pub fn build(self) -> [u8; N] {
        debug_assert_eq!(self.at, N, "key filled");
        self.buf
    }
}

impl<const N: usize> Default for KeyBuilder<N> {
    fn default() -> Self {
        Self::new()
    }
}

pub fn read_u128(b: &[u8]) -> u128 {
    u128::from_be_bytes(b[..16].try_into().expect("16 bytes"))
}
