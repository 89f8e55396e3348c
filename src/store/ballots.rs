use super::keys::{KeyBuilder, read_u128};
use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::{Ballot, CountyCode, VoterId};
use redb::ReadableTable;

pub fn ballot_key(election: u16, voter: VoterId) -> [u8; 18] {
    KeyBuilder::new().u16(election).u128(voter.key()).build()
}

fn county_key(election: u16, county: CountyCode, voter: VoterId) -> [u8; 19] {
    KeyBuilder::new()
        .u16(election)
        .u8(county.number())
        .u128(voter.key())
        .build()
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
        for row in self.ballots.range::<[u8; 18]>((lo, Bound::Included(through)))? {
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
                self.ballots_by_county
                    .remove(county_key(election, o, voter))?;
            }
            self.ballots_by_county_new.push(county_key(election, ballot.county, voter));
        }
        Ok(())
    }
}

impl Snapshot {
    pub fn ballot_get(&self, election: u16, voter: VoterId) -> Result<Option<Ballot>> {
        Ok(
            match self.table(BALLOTS)?.get(ballot_key(election, voter))? {
                Some(v) => Some(codec::decode(v.value())?),
                None => None,
            },
        )
    }

    /// Ballots of one election and county, in voter order.
    pub fn county_ballots(&self, election: u16, county: CountyCode) -> Result<Vec<VoterId>> {
        let t = self.table(BALLOTS_BY_COUNTY)?;
        let lo = county_key(election, county, VoterId::from_key(0));
        let hi = county_key(election, county, VoterId::from_key(u128::MAX));
        let mut out = Vec::new();
        for row in t.range(lo..=hi)? {
            out.push(VoterId::from_key(read_u128(&row?.0.value()[3..])));
        }
        Ok(out)
    }
}
