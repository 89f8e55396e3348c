//! Sorted voter-id lists ("postings") kept in blocks: one B-tree entry per block
//! of up to `BLOCK` ids instead of one per voter. The key is a group prefix
//! (a county, or an election and county) followed by the block's first id; the
//! value is the ids as varint deltas. Adding a batch's ids rewrites only the
//! blocks they fall in, so a statewide load costs a few writes per county per
//! batch, and the index is a fraction of the size of one entry per voter.

use super::Result;
use super::keys::Packed;
use crate::codec;
use redb::{ReadableTable, Table};

/// Ids per block at most.
const BLOCK: usize = 1024;

fn key<const N: usize>(prefix: &[u8], id: u128) -> [u8; N] {
    let mut k = [0u8; N];
    k[..N - 16].copy_from_slice(prefix);
    k[N - 16..].copy_from_slice(&id.to_be_bytes());
    k
}

fn first_of<const N: usize>(k: &[u8; N]) -> u128 {
    u128::from_be_bytes(k[N - 16..].try_into().expect("16 bytes"))
}

fn encode(ids: &[u128]) -> Vec<u8> {
    let mut deltas = Vec::with_capacity(ids.len());
    let mut prev = 0u128;
    for &id in ids {
        deltas.push(id - prev);
        prev = id;
    }
    codec::encode(&deltas)
}

fn decode(bytes: &[u8]) -> Result<Vec<u128>> {
    let deltas: Vec<u128> = codec::decode(bytes)?;
    let mut prev = 0u128;
    Ok(deltas
        .into_iter()
        .map(|d| {
            prev += d;
            prev
        })
        .collect())
}

type PostingTable<'t, const N: usize> = Table<'t, Packed<N>, &'static [u8]>;

/// The block that would hold `id`: the last one whose first id is at most `id`.
fn block_for<const N: usize, T: ReadableTable<Packed<N>, &'static [u8]>>(
    t: &T,
    prefix: &[u8],
    id: u128,
) -> Result<Option<(u128, Vec<u128>)>> {
    match t
        .range(key::<N>(prefix, 0)..=key::<N>(prefix, id))?
        .next_back()
    {
        Some(row) => {
            let (k, v) = row?;
            Ok(Some((first_of(&k.value()), decode(v.value())?)))
        }
        None => Ok(None),
    }
}

/// Adds `ids` (sorted, distinct) to the group.
pub fn add<const N: usize>(t: &mut PostingTable<'_, N>, prefix: &[u8], ids: &[u128]) -> Result<()> {
    let mut i = 0;
    while i < ids.len() {
        let v = ids[i];
        let (old_first, mut list) = match block_for(t, prefix, v)? {
            Some((f, l)) => (Some(f), l),
            None => (None, Vec::new()),
        };
        // Ids up to the next block's first one belong here.
        let next_first = match v.checked_add(1) {
            Some(n) => t
                .range(key::<N>(prefix, n)..=key::<N>(prefix, u128::MAX))?
                .next()
                .transpose()?
                .map(|(k, _)| first_of(&k.value())),
            None => None,
        };
        let mut j = i;
        while j < ids.len() && next_first.is_none_or(|n| ids[j] < n) {
            j += 1;
        }
        list.extend_from_slice(&ids[i..j]);
        list.sort_unstable();
        list.dedup();
        if let Some(f) = old_first {
            t.remove(key::<N>(prefix, f))?;
        }
        for chunk in list.chunks(BLOCK) {
            t.insert(key::<N>(prefix, chunk[0]), encode(chunk).as_slice())?;
        }
        i = j;
    }
    Ok(())
}

/// Removes one id from the group (if present).
pub fn remove<const N: usize>(t: &mut PostingTable<'_, N>, prefix: &[u8], id: u128) -> Result<()> {
    let Some((first, mut list)) = block_for(t, prefix, id)? else {
        return Ok(());
    };
    let Ok(pos) = list.binary_search(&id) else {
        return Ok(());
    };
    list.remove(pos);
    t.remove(key::<N>(prefix, first))?;
    if let Some(&new_first) = list.first() {
        t.insert(key::<N>(prefix, new_first), encode(&list).as_slice())?;
    }
    Ok(())
}

/// Whether the group has any block (a first load's counties have none).
pub fn any<const N: usize, T: ReadableTable<Packed<N>, &'static [u8]>>(
    t: &T,
    prefix: &[u8],
) -> Result<bool> {
    Ok(t.range(key::<N>(prefix, 0)..=key::<N>(prefix, u128::MAX))?
        .next()
        .is_some())
}

/// The group's ids in `(after, through]`, in order.
pub fn range<const N: usize, T: ReadableTable<Packed<N>, &'static [u8]>>(
    t: &T,
    prefix: &[u8],
    after: Option<u128>,
    through: u128,
) -> Result<Vec<u128>> {
    let start = match after {
        Some(a) => match block_for(t, prefix, a)? {
            Some((f, _)) => f,
            None => 0,
        },
        None => 0,
    };
    let mut out = Vec::new();
    for row in t.range(key::<N>(prefix, start)..=key::<N>(prefix, through))? {
        let (_, v) = row?;
        out.extend(
            decode(v.value())?
                .into_iter()
                .filter(|id| after.is_none_or(|a| *id > a) && *id <= through),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::keys::Packed;
    use redb::{ReadableTableMetadata, TableDefinition};

    const T: TableDefinition<Packed<17>, &[u8]> = TableDefinition::new("t");

    #[test]
    fn add_remove_and_range_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let db = redb::Database::create(dir.path().join("p.redb")).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut t = txn.open_table(T).unwrap();
            let evens: Vec<u128> = (0..3000).map(|i| i * 2).collect();
            let odds: Vec<u128> = (0..3000).map(|i| i * 2 + 1).collect();
            add(&mut t, &[7], &evens).unwrap();
            add(&mut t, &[7], &odds[..1500]).unwrap();
            add(&mut t, &[7], &odds[1500..]).unwrap();
            add(&mut t, &[8], &[5, 6]).unwrap();
            add(&mut t, &[7], &[10, 11]).unwrap(); // already there
            let all = range(&t, &[7], None, u128::MAX).unwrap();
            assert_eq!(all, (0..6000).collect::<Vec<u128>>());
            assert_eq!(
                range(&t, &[7], Some(99), 104).unwrap(),
                vec![100, 101, 102, 103, 104]
            );
            assert_eq!(range(&t, &[8], None, u128::MAX).unwrap(), vec![5, 6]);
            remove(&mut t, &[7], 0).unwrap();
            remove(&mut t, &[7], 4000).unwrap();
            remove(&mut t, &[7], 99_999).unwrap();
            let all = range(&t, &[7], None, u128::MAX).unwrap();
            assert_eq!(all.len(), 5998);
            assert!(!all.contains(&0) && !all.contains(&4000));
            assert!(
                t.len().unwrap() < 12,
                "blocks, not entries: {}",
                t.len().unwrap()
            );
        }
        txn.commit().unwrap();
    }
}
