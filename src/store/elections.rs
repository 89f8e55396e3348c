use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::Election;
use redb::ReadableTable;

impl Batch<'_> {
    pub fn election_get(&self, code: &str) -> Result<Option<(u16, Election)>> {
        Ok(match self.elections.get(code)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn election_by_id(&self, id: u16) -> Result<Option<Election>> {
        let code = match self.election_ids.get(id)? {
            Some(c) => c.value().to_string(),
            None => return Ok(None),
        };
        Ok(self.election_get(&code)?.map(|(_, e)| e))
    }

    /// Every election with its number.
    pub fn elections_all(&self) -> Result<Vec<(u16, Election)>> {
        let mut out = Vec::new();
        for row in self.elections.iter()? {
            out.push(codec::decode(row?.1.value())?);
        }
        Ok(out)
    }

    /// Stores an election; a new one gets the next election number.
    pub fn election_put(&mut self, election: &Election) -> Result<u16> {
        let id = match self.election_get(&election.code)? {
            Some((id, _)) => id,
            None => {
                let id = self.election_ids.last()?.map_or(1, |(k, _)| k.value() + 1);
                self.election_ids.insert(id, election.code.as_str())?;
                id
            }
        };
        self.elections.insert(
            election.code.as_str(),
            codec::encode(&(id, election)).as_slice(),
        )?;
        Ok(id)
    }
}

impl Snapshot {
    pub fn election_get(&self, code: &str) -> Result<Option<(u16, Election)>> {
        let t = self.table(ELECTIONS)?;
        Ok(match t.get(code)? {
            Some(v) => Some(codec::decode(v.value())?),
            None => None,
        })
    }

    pub fn election_by_id(&self, id: u16) -> Result<Option<Election>> {
        let code = match self.table(ELECTION_IDS)?.get(id)? {
            Some(c) => c.value().to_string(),
            None => return Ok(None),
        };
        Ok(self.election_get(&code)?.map(|(_, e)| e))
    }

    /// Every election, by date then code.
    pub fn elections(&self) -> Result<Vec<(u16, Election)>> {
        let t = self.table(ELECTIONS)?;
        let mut out: Vec<(u16, Election)> = Vec::new();
        for row in t.iter()? {
            out.push(codec::decode(row?.1.value())?);
        }
        out.sort_by(|a, b| (a.1.date, &a.1.code).cmp(&(b.1.date, &b.1.code)));
        Ok(out)
    }
}
