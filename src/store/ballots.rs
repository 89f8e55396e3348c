use super::keys::KeyBuilder;
use super::{Batch, Result, Snapshot, postings, tables::*};
use crate::codec;
use crate::domain::{Ballot, CountyCode, VoterId};
use redb::ReadableTable;

pub fn ballot_key(election: u16, voter: VoterId) -> [u8; 18] {
    KeyBuilder::new().u16(election).u128(voter.key()).build()
}

/// The posting-list group of an election's county.
fn county_group(election: u16, county: CountyCode) -> [u8; 3] {
    KeyBuilder::new().u16(election).u8(county.number()).build()
}

impl Batch<'_> {
    /// Stored ballots with keys in `(after, through]`, in key order.
    pub fn ballots_between(
        &self,
        after: Option<[u8; 18]>,
        through: [u8; 18],
    ) -> Result<Vec<([u8; 18], Ballot)>> {
        use std::ops::Bound;
        let lo = after.map_or(Bound::Unbounded, Bound::Excluded);
        let mut out = Vec::new();
        for row in self
            .ballots
            .range::<[u8; 18]>((lo, Bound::Included(through)))?
        {
            let (k, v) = row?;
            out.push((k.value(), codec::decode(v.value())?));
        }
        Ok(out)
    }

    pub fn ballot_get(&self, election: u16, voter: VoterId) -> Result<Option<Ballot>> {
        Ok(match self.ballots.get(ballot_key(election, voter))? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn ballot_put(
        &mut self,
        election: u16,
        voter: VoterId,
        ballot: &Ballot,
        old_county: Option<CountyCode>,
    ) -> Result<()> {
        self.ballots.insert(
            ballot_key(election, voter),
            codec::encode(ballot).as_slice(),
        )?;
        if old_county != Some(ballot.county) {
            if let Some(o) = old_county {
                // The ballot may still be waiting to be added to the old county.
                self.flush()?;
                postings::remove(
                    &mut self.ballots_by_county,
                    &county_group(election, o),
                    voter.key(),
                )?;
            }
            self.ballots_by_county_new
                .push((county_group(election, ballot.county), voter.key()));
        }
        Ok(())
    }
}

impl Snapshot {
    /// Stored ballots with keys in `(after, through]`, in key order.
    pub fn ballots_between(
        &self,
        after: Option<[u8; 18]>,
        through: [u8; 18],
    ) -> Result<Vec<([u8; 18], Ballot)>> {
        use std::ops::Bound;
        let lo = after.map_or(Bound::Unbounded, Bound::Excluded);
        let t = self.ballots_table()?;
        let mut out = Vec::new();
        for row in t.range::<[u8; 18]>((lo, Bound::Included(through)))? {
            let (k, v) = row?;
            out.push((k.value(), codec::decode(v.value())?));
        }
        Ok(out)
    }

    pub fn ballot_get(&self, election: u16, voter: VoterId) -> Result<Option<Ballot>> {
        Ok(
            match self.ballots_table()?.get(ballot_key(election, voter))? {
                Some(v) => Some(codec::decode(v.value())?),
                None => None,
            },
        )
    }

    /// One voter's ballot in each of `elections`, in their order.
    pub fn ballots_of(
        &self,
        voter: VoterId,
        elections: impl Iterator<Item = u16>,
    ) -> Result<Vec<Option<Ballot>>> {
        let t = self.ballots_table()?;
        elections
            .map(|e| {
                Ok(match t.get(ballot_key(e, voter))? {
                    Some(v) => Some(codec::decode(v.value())?),
                    None => None,
                })
            })
            .collect()
    }

    /// Ballots of one election and county, in voter order.
    pub fn county_ballots(&self, election: u16, county: CountyCode) -> Result<Vec<VoterId>> {
        let t = self.table(BALLOTS_BY_COUNTY)?;
        let ids = postings::range(&t, &county_group(election, county), None, u128::MAX)?;
        Ok(ids.into_iter().map(VoterId::from_key).collect())
    }
}
