use super::keys::{KeyBuilder, read_u128};
use super::{Batch, Result, Snapshot, Store, postings, tables::*};
use crate::codec;
use crate::domain::{CountyCode, LookupKey, Voter, VoterId};
use redb::ReadableTable;

fn lookup_key(l: LookupKey, id: VoterId) -> [u8; 32] {
    KeyBuilder::new().bytes(&l.0).u128(id.key()).build()
}

impl Batch<'_> {
    pub fn voter_get(&self, id: VoterId) -> Result<Option<Voter>> {
        Ok(match self.voters.get(id.key())? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Writes a voter and keeps the county index in step with `old`. The lookup
    /// index is kept by the caller (`lookup_index_*`), which may defer it.
    pub fn voter_put(&mut self, id: VoterId, voter: &Voter, old: Option<&Voter>) -> Result<()> {
        self.voters
            .insert(id.key(), codec::encode(voter).as_slice())?;
        if old.map(|o| o.county) != Some(voter.county) {
            if let Some(o) = old {
                // The voter may still be waiting to be added to the old county.
                self.flush()?;
                postings::remove(&mut self.voters_by_county, &[o.county.number()], id.key())?;
            }
            self.voters_by_county_new
                .push((voter.county.number(), id.key()));
        }
        Ok(())
    }

    pub fn lookup_index_insert(&mut self, l: LookupKey, id: VoterId) -> Result<()> {
        self.voters_by_lookup.insert(lookup_key(l, id), ())?;
        Ok(())
    }

    pub fn lookup_index_remove(&mut self, l: LookupKey, id: VoterId) -> Result<()> {
        self.voters_by_lookup.remove(lookup_key(l, id))?;
        Ok(())
    }

    /// Empties the lookup index (before a rebuild).
    pub fn lookup_index_clear(&mut self) -> Result<()> {
        self.voters_by_lookup.retain(|_, _| false)?;
        Ok(())
    }

    /// Voters of a county with ids greater than `after`, in id order, at most `limit`.
    pub fn county_voters_after(
        &mut self,
        county: CountyCode,
        after: Option<VoterId>,
        limit: usize,
    ) -> Result<Vec<VoterId>> {
        self.flush()?;
        let ids = postings::range(
            &self.voters_by_county,
            &[county.number()],
            after.map(VoterId::key),
            u128::MAX,
        )?;
        Ok(ids.into_iter().take(limit).map(VoterId::from_key).collect())
    }
}

impl Snapshot {
    pub fn voter_get(&self, id: VoterId) -> Result<Option<Voter>> {
        Ok(match self.voters_table()?.get(id.key())? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    /// Voters whose sign-up lookup key is `l`.
    pub fn voters_by_lookup(&self, l: LookupKey) -> Result<Vec<VoterId>> {
        let t = self.table(VOTERS_BY_LOOKUP)?;
        let mut out = Vec::new();
        for row in t.range(
            lookup_key(l, VoterId::from_key(0))..=lookup_key(l, VoterId::from_key(u128::MAX)),
        )? {
            out.push(VoterId::from_key(read_u128(&row?.0.value()[16..])));
        }
        Ok(out)
    }

    pub fn voter_count(&self) -> Result<u64> {
        use redb::ReadableTableMetadata;
        Ok(self.voters_table()?.len()?)
    }

    /// Voters of `county` with ids in `(after, through]`, in id order.
    pub fn county_voters_between(
        &self,
        county: CountyCode,
        after: Option<u128>,
        through: u128,
    ) -> Result<Vec<u128>> {
        let t = self.table(VOTERS_BY_COUNTY)?;
        postings::range(&t, &[county.number()], after, through)
    }

    /// Whether any voter was ever stored in `county`.
    pub fn county_has_voters(&self, county: CountyCode) -> Result<bool> {
        postings::any(&self.table(VOTERS_BY_COUNTY)?, &[county.number()])
    }

    pub fn county_voter_count(&self, county: CountyCode) -> Result<u64> {
        let t = self.table(VOTERS_BY_COUNTY)?;
        Ok(postings::range(&t, &[county.number()], None, u128::MAX)?.len() as u64)
    }

    /// Every voter in id order (for full-extract comparisons and index rebuilds).
    pub fn voters_iter(&self) -> Result<impl Iterator<Item = Result<(VoterId, Voter)>>> {
        let t = self.voters_table()?;
        Ok(t.range::<u128>(..)?.map(|row| {
            let (k, v) = row?;
            Ok((VoterId::from_key(k.value()), codec::decode(v.value())?))
        }))
    }
}

impl Batch<'_> {
    /// Voters of `county` with ids in `(after, through]`, in id order.
    pub fn county_voters_between(
        &mut self,
        county: CountyCode,
        after: Option<u128>,
        through: u128,
    ) -> Result<Vec<u128>> {
        self.flush()?;
        postings::range(&self.voters_by_county, &[county.number()], after, through)
    }

    /// The stored encoding of a voter (schema byte first), for cheap comparisons.
    pub fn voter_raw(&self, id: VoterId) -> Result<Option<Vec<u8>>> {
        Ok(self.voters.get(id.key())?.map(|v| v.value().to_vec()))
    }
}

impl Store {
    /// Replaces the sign-up lookup index with `entries`, which must come in key order.
    pub fn rebuild_lookup_index(
        &self,
        entries: impl Iterator<Item = std::io::Result<(LookupKey, VoterId)>>,
    ) -> Result<()> {
        let txn = self.db.begin_write()?;
        txn.delete_table(VOTERS_BY_LOOKUP)?;
        {
            let mut t = txn.open_table(VOTERS_BY_LOOKUP)?;
            for e in entries {
                let (l, id) =
                    e.map_err(|e| super::StoreError::Redb(redb::StorageError::Io(e).into()))?;
                t.insert(lookup_key(l, id), ())?;
            }
        }
        txn.commit()?;
        self.committed();
        Ok(())
    }
}
