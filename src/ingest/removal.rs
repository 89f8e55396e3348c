//! The mass-removal guard of full voter extracts: a file cut off halfway must
//! not take half a county off the roll (and end their voters' messages).

use super::runs::Merge;
use super::{ImportOptions, IngestError};
use crate::domain::{CountyCode, VoterId};
use crate::store::Store;
use std::collections::BTreeMap;

/// Per county: (voters the file would remove, voters on the roll now).
pub(super) type Removals = BTreeMap<CountyCode, (u64, u64)>;

/// Counts what a full extract would remove: the file's ids (sorted) are walked
/// beside the counties' index a chunk of keys at a time, and only voters the
/// file lacks are read. The merge is rewound for the import proper.
pub(super) fn count(
    store: &Store,
    merge: &mut Merge,
    counties: &[CountyCode],
    opts: &ImportOptions,
) -> Result<Removals, IngestError> {
    let io = |e| opts.io_error(e);
    let snap = store.read()?;
    let mut out = Removals::new();
    for c in counties {
        if snap.county_has_voters(*c)? {
            out.insert(*c, (0, 0));
        }
    }
    // A first load removes nothing: no second pass over the file.
    if out.is_empty() {
        return Ok(out);
    }
    let chunk = opts.batch_rows.max(1);
    let mut keys: Vec<u128> = Vec::new();
    let mut lo: Option<u128> = None;
    loop {
        keys.clear();
        while keys.len() < chunk {
            match merge.next_entry().map_err(io)? {
                Some(e) if keys.last() != Some(&e.key) => keys.push(e.key),
                Some(_) => {}
                None => break,
            }
        }
        let done = merge.peek_key().map_err(io)?.is_none();
        let hi = match keys.last() {
            Some(k) if !done => *k,
            _ => u128::MAX,
        };
        for (c, (gone, roll)) in out.iter_mut() {
            for id in snap.county_voters_between(*c, lo, hi)? {
                if keys.binary_search(&id).is_ok() {
                    *roll += 1;
                    continue;
                }
                // The index keeps voters already off the roll: they are not counted.
                if snap
                    .voter_get(VoterId::from_key(id))?
                    .is_some_and(|v| !v.removed)
                {
                    *gone += 1;
                    *roll += 1;
                }
            }
        }
        if done {
            break;
        }
        lo = Some(hi);
    }
    merge.rewind().map_err(io)?;
    Ok(out)
}

/// Why the removals are refused, naming each county over `share`; `None` when they are not.
pub(super) fn refusal(removals: &Removals, share: f64) -> Option<String> {
    let over: Vec<String> = removals
        .iter()
        .filter(|(_, (gone, roll))| *gone as f64 > share * *roll as f64)
        .map(|(c, (gone, roll))| format!("county {c} ({}) {gone} of {roll} voters", c.name()))
        .collect();
    if over.is_empty() {
        return None;
    }
    let percent = (share * 1000.0).round() / 10.0;
    Some(format!(
        "this full extract would remove more than {percent}% of a county's voters: {}; if the file is complete, import it with --allow-mass-removal (API: allow_mass_removal=true)",
        over.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_names_every_county_over_the_share() {
        let c = |s| CountyCode::parse(s).unwrap();
        let r: Removals = [(c("02"), (5, 100)), (c("46"), (6, 100)), (c("19"), (0, 0))].into();
        let why = refusal(&r, 0.05).unwrap();
        assert!(why.contains("county 46 (Sierra) 6 of 100 voters"), "{why}");
        assert!(!why.contains("county 02"), "{why}");
        assert!(why.contains("more than 5% "), "{why}");
        assert!(refusal(&r, 0.06).is_none());
    }
}
