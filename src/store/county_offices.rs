//! Each county elections office's contact details and mail transit days.

use super::{Batch, Result, Snapshot};
use crate::codec;
use crate::domain::CountyCode;
use crate::domain::county_office::CountyOffice;
use redb::ReadableTable;

impl Batch<'_> {
    pub fn county_office_put(&mut self, county: CountyCode, office: &CountyOffice) -> Result<()> {
        self.county_offices
            .insert(county.number(), codec::encode(office).as_slice())?;
        Ok(())
    }

    pub fn county_office_get(&self, county: CountyCode) -> Result<CountyOffice> {
        Ok(match self.county_offices.get(county.number())? {
            Some(v) => codec::decode(v.value())?,
            None => CountyOffice::default(),
        })
    }
}

impl Snapshot {
    /// The county's office, or the state's defaults until it set its own.
    pub fn county_office(&self, county: CountyCode) -> Result<CountyOffice> {
        Ok(match self.county_offices_table()?.get(county.number())? {
            Some(v) => codec::decode(v.value())?,
            None => CountyOffice::default(),
        })
    }
}
