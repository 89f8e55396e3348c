use super::{Batch, Result, Snapshot, tables::*};
use crate::codec;
use crate::domain::election::{Guidance, Notices, Participation};
use crate::domain::{CountyCode, Election, ElectionKind, StatusTable};
use jiff::civil::Date;
use redb::ReadableTable;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// An election as stores written before message timing existed keep it:
/// the same fields, without `notices`.
#[derive(Deserialize)]
struct ElectionBeforeNotices {
    code: String,
    name: String,
    date: Date,
    kind: ElectionKind,
    window_before_days: i32,
    window_after_days: i32,
    return_deadline: Date,
    cure_deadline: Date,
    opted_out: BTreeSet<CountyCode>,
    counties: BTreeMap<CountyCode, Participation>,
    status_table: StatusTable,
}

/// An election as stores written before the state's per-county guidance
/// (tracking start, late sign-ups) keep it: today's fields up to `notices`.
/// (postcard writes a struct as its fields one after another, so the nested
/// form reads the same bytes as the flat one.)
#[derive(Deserialize)]
struct ElectionBeforeGuidance {
    earlier: ElectionBeforeNotices,
    notices: Notices,
}

/// An election of an older form, with the defaults of what it lacks.
fn upgraded(o: ElectionBeforeNotices, notices: Notices) -> Election {
    Election {
        code: o.code,
        name: o.name,
        date: o.date,
        kind: o.kind,
        window_before_days: o.window_before_days,
        window_after_days: o.window_after_days,
        return_deadline: o.return_deadline,
        cure_deadline: o.cure_deadline,
        opted_out: o.opted_out,
        counties: o.counties,
        status_table: o.status_table,
        notices,
        guidance: Guidance::default(),
    }
}

/// A stored election; older forms get the defaults of what they lack (the
/// next write stores today's form).
fn decode(bytes: &[u8]) -> Result<(u16, Election)> {
    match codec::decode::<(u16, Election)>(bytes) {
        Ok(e) => Ok(e),
        Err(first) => {
            if let Ok((id, o)) = codec::decode::<(u16, ElectionBeforeGuidance)>(bytes) {
                return Ok((id, upgraded(o.earlier, o.notices)));
            }
            let Ok((id, o)) = codec::decode::<(u16, ElectionBeforeNotices)>(bytes) else {
                return Err(first.into());
            };
            Ok((id, upgraded(o, Notices::default())))
        }
    }
}

impl Batch<'_> {
    pub fn election_get(&self, code: &str) -> Result<Option<(u16, Election)>> {
        Ok(match self.elections.get(code)? {
            Some(v) => Some(decode(v.value())?),
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
            out.push(decode(row?.1.value())?);
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
        self.elections_changed = true;
        Ok(id)
    }

    /// Schema 2: rewrites elections stored before message timing in today's
    /// form, so reading them no longer takes two tries.
    pub(crate) fn elections_upgrade(&mut self) -> Result<()> {
        for (id, election) in self.elections_all()? {
            self.elections.insert(
                election.code.as_str(),
                codec::encode(&(id, &election)).as_slice(),
            )?;
        }
        self.elections_changed = true;
        Ok(())
    }
}

impl Snapshot {
    pub fn election_get(&self, code: &str) -> Result<Option<(u16, Election)>> {
        let t = self.table(ELECTIONS)?;
        Ok(match t.get(code)? {
            Some(v) => Some(decode(v.value())?),
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
            out.push(decode(row?.1.value())?);
        }
        out.sort_by(|a, b| (a.1.date, &a.1.code).cmp(&(b.1.date, &b.1.code)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::sync::Arc;

    #[derive(Serialize)]
    struct Old<'a> {
        code: &'a str,
        name: &'a str,
        date: Date,
        kind: ElectionKind,
        window_before_days: i32,
        window_after_days: i32,
        return_deadline: Date,
        cure_deadline: Date,
        opted_out: BTreeSet<CountyCode>,
        counties: BTreeMap<CountyCode, Participation>,
        status_table: StatusTable,
    }

    fn general() -> Election {
        Election::new(
            "GEN",
            "General",
            jiff::civil::date(2026, 11, 3),
            ElectionKind::Statewide,
        )
        .unwrap()
    }

    /// `e` as stores before message timing wrote it.
    fn old(e: &Election) -> Old<'_> {
        Old {
            code: &e.code,
            name: &e.name,
            date: e.date,
            kind: e.kind,
            window_before_days: e.window_before_days,
            window_after_days: e.window_after_days,
            return_deadline: e.return_deadline,
            cure_deadline: e.cure_deadline,
            opted_out: e.opted_out.clone(),
            counties: e.counties.clone(),
            status_table: e.status_table.clone(),
        }
    }

    #[test]
    fn an_election_stored_before_message_timing_reads_with_the_default_timing() {
        let e = general();
        let bytes = codec::encode(&(7u16, old(&e)));
        assert_eq!(decode(&bytes).unwrap(), (7, e.clone()));
        assert_eq!(decode(&codec::encode(&(7u16, &e))).unwrap(), (7, e));
        assert!(decode(&[1, 2, 3]).is_err());
    }

    #[test]
    fn an_election_stored_before_guidance_keeps_its_timing_and_gets_none() {
        let mut e = general();
        e.notices.return_reminder_days = vec![9];
        e.set_window(40, 12).unwrap();
        // The older form: every field up to `notices`, in order.
        let bytes = codec::encode(&(3u16, (old(&e), &e.notices)));
        let (id, read) = decode(&bytes).unwrap();
        assert_eq!(id, 3);
        assert_eq!(read, e);
        assert_eq!(read.notices.return_reminder_days, vec![9]);
        assert_eq!(read.guidance, Guidance::default());
    }

    #[test]
    fn opening_a_schema_1_store_rewrites_its_old_elections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bt.redb");
        let e = general();
        {
            let store = crate::store::Store::open(&path).unwrap();
            store
                .write(true, |b| {
                    b.elections
                        .insert("GEN", codec::encode(&(1u16, old(&e))).as_slice())?;
                    b.election_ids.insert(1u16, "GEN")?;
                    b.meta.insert("schema", 1u32.to_be_bytes().as_slice())?;
                    Ok(())
                })
                .unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        let r = store.read().unwrap();
        let t = r.table(ELECTIONS).unwrap();
        let bytes = t.get("GEN").unwrap().unwrap().value().to_vec();
        let strict: (u16, Election) = codec::decode(&bytes).unwrap();
        assert_eq!(strict, (1, e.clone()));
        let schema = r
            .table(META)
            .unwrap()
            .get("schema")
            .unwrap()
            .unwrap()
            .value()
            .to_vec();
        assert_eq!(schema, crate::store::SCHEMA.to_be_bytes());
        assert_eq!(
            store.elections_now().unwrap().as_slice(),
            &[(1, Arc::new(e))]
        );
    }

    #[test]
    fn the_elections_read_once_follow_every_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("bt.redb")).unwrap();
        assert!(store.elections_now().unwrap().is_empty());
        let mut e = general();
        store
            .write(true, |b| b.election_put(&e).map(|_| ()))
            .unwrap();
        assert_eq!(store.elections_now().unwrap()[0].1.name, "General");
        // Read twice without a change: the same decoded list.
        assert!(Arc::ptr_eq(
            &store.elections_now().unwrap(),
            &store.elections_now().unwrap()
        ));
        e.name = "General Election".into();
        store
            .write(true, |b| b.election_put(&e).map(|_| ()))
            .unwrap();
        assert_eq!(store.elections_now().unwrap()[0].1.name, "General Election");
    }
}
