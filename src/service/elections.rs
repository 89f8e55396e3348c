//! Elections: the state defines them; counties opt out of statewide ones and
//! sign up for special and local ones.

use super::{Actor, Result, ServiceError, secs};
use crate::domain::pacific::pacific;
use crate::domain::{CountyCode, Election, ElectionKind, ImbUse};
use crate::notify::planner;
use crate::store::Store;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// An election as shown to staff and over the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ElectionView {
    pub code: String,
    pub name: String,
    pub date: Date,
    pub kind: ElectionKind,
    /// First and last day messages are sent (Pacific dates).
    pub messages_from: Date,
    pub messages_until: Date,
    pub return_deadline: Date,
    pub cure_deadline: Date,
    /// Special and local: last day a county may sign up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_up_closes: Option<Date>,
    /// Statewide: the counties that opted out.
    pub opted_out: Vec<String>,
    /// The counties that signed up (or, statewide, said how they use IMBs).
    pub counties: BTreeMap<String, CountyView>,
    /// Delivery rule per message kind (kinds not listed go out immediately).
    pub delivery_rules: BTreeMap<String, String>,
    pub return_reminder_days: Vec<u16>,
    pub cure_reminder_days: Vec<u16>,
    /// Counties holding their Outbound messages until their mail-drop day.
    pub outbound_hold: BTreeMap<String, Date>,
    /// The message window in days: from E-`window_start_days` to E+`window_end_days`.
    pub window_start_days: i32,
    pub window_end_days: i32,
    /// Counties whose tracking turns on later than the window opens: their
    /// messages wait until that day (Pacific midnight).
    pub tracking_starts: BTreeMap<String, Date>,
    /// Counties the state signed up late, with its reason.
    pub late_sign_ups: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CountyView {
    pub name: &'static str,
    pub imb: ImbUse,
    pub signed_up_on: Date,
}

impl From<&Election> for ElectionView {
    fn from(e: &Election) -> Self {
        let day = |d: i32| {
            e.date
                .checked_add(jiff::Span::new().days(d))
                .expect("date in range")
        };
        Self {
            code: e.code.clone(),
            name: e.name.clone(),
            date: e.date,
            kind: e.kind,
            messages_from: day(-e.window_before_days),
            messages_until: day(e.window_after_days),
            return_deadline: e.return_deadline,
            cure_deadline: e.cure_deadline,
            sign_up_closes: (e.kind != ElectionKind::Statewide).then(|| e.sign_up_closes()),
            opted_out: e.opted_out.iter().map(|c| c.to_string()).collect(),
            counties: e
                .counties
                .iter()
                .map(|(c, p)| {
                    (
                        c.to_string(),
                        CountyView {
                            name: c.name(),
                            imb: p.imb,
                            signed_up_on: p.signed_up_on,
                        },
                    )
                })
                .collect(),
            delivery_rules: e
                .notices
                .rules
                .iter()
                .map(|(k, r)| (k.name().to_string(), r.to_string()))
                .collect(),
            return_reminder_days: e.notices.return_reminder_days.clone(),
            cure_reminder_days: e.notices.cure_reminder_days.clone(),
            outbound_hold: e
                .notices
                .outbound_hold
                .iter()
                .map(|(c, d)| (c.to_string(), *d))
                .collect(),
            window_start_days: e.window_before_days,
            window_end_days: e.window_after_days,
            tracking_starts: e
                .guidance
                .tracking_starts
                .iter()
                .map(|(c, d)| (c.to_string(), *d))
                .collect(),
            late_sign_ups: e
                .guidance
                .late_sign_ups
                .iter()
                .map(|(c, r)| (c.to_string(), r.clone()))
                .collect(),
        }
    }
}

/// What the state gives to define an election.
#[derive(Clone, Debug)]
pub struct NewElection<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub date: Date,
    pub kind: ElectionKind,
    /// Days before and after election day messages go out; `None`: the
    /// state's default, E-29..E+30.
    pub window: Option<(i32, i32)>,
}

pub fn create(
    store: &Store,
    actor: &Actor,
    new: &NewElection<'_>,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may define elections".to_string(),
        ));
    }
    let mut election = Election::new(new.code, new.name, new.date, new.kind)
        .map_err(|e| ServiceError::Invalid(e.to_string()))?;
    if let Some((before, after)) = new.window {
        election
            .set_window(before, after)
            .map_err(|e| ServiceError::Invalid(e.to_string()))?;
    }
    store.write(true, |b| {
        if b.election_get(&election.code)?.is_some() {
            return Ok(Err(ServiceError::Conflict(format!(
                "election {} already exists",
                election.code
            ))));
        }
        b.election_put(&election)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!(
                "created election {} ({}, {}, messages E-{}..E+{})",
                election.code,
                election.name,
                election.date,
                election.window_before_days,
                election.window_after_days
            ),
        )?;
        Ok(Ok(()))
    })??;
    Ok(ElectionView::from(&election))
}

pub fn list(store: &Store) -> Result<Vec<ElectionView>> {
    Ok(store
        .read()?
        .elections()?
        .iter()
        .map(|(_, e)| ElectionView::from(e))
        .collect())
}

pub fn show(store: &Store, code: &str) -> Result<ElectionView> {
    Ok(ElectionView::from(&get(store, code)?))
}

pub(crate) fn get(store: &Store, code: &str) -> Result<Election> {
    store
        .read()?
        .election_get(code)?
        .map(|(_, e)| e)
        .ok_or_else(|| not_found(code))
}

pub(super) fn not_found(code: &str) -> ServiceError {
    ServiceError::NotFound(format!("no election {code}"))
}

/// A county leaves a statewide election.
pub fn opt_out(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    change(store, actor, code, county, now, "opted out of", |e| {
        e.opt_out(county)
    })
}

/// A county joins a special or local election (at least 90 days ahead), or
/// says how it uses IMBs in a statewide one. The day is the state's (Pacific).
pub fn sign_up(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    imb: ImbUse,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    let today = now.to_zoned(pacific()).date();
    change(store, actor, code, county, now, "signed up for", |e| {
        e.sign_up(county, imb, today)
    })
}

/// A special or local election's late sign-up, approved by the state with
/// its reason (kept with the election and in the audit log).
pub fn sign_up_late(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    imb: ImbUse,
    reason: &str,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may approve a late sign-up".to_string(),
        ));
    }
    let today = now.to_zoned(pacific()).date();
    let reason = reason.trim();
    let what = format!("signed up late, approved by the state because {reason:?}, for");
    change(store, actor, code, county, now, &what, |e| {
        e.sign_up_approved(county, imb, today, Some(reason))
    })
}

/// The state sets an election's message window: E-`before`..E+`after`.
pub fn set_window(
    store: &Store,
    actor: &Actor,
    code: &str,
    (before, after): (i32, i32),
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    if !actor.is_state() {
        return Err(ServiceError::Forbidden(
            "only the state may change an election's message window".to_string(),
        ));
    }
    let e = store.write(true, |b| {
        let Some((_, mut e)) = b.election_get(code)? else {
            return Ok(Err(not_found(code)));
        };
        if let Err(err) = e.set_window(before, after) {
            return Ok(Err(ServiceError::Invalid(err.to_string())));
        }
        b.election_put(&e)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("set the message window of election {code} to E-{before}..E+{after}"),
        )?;
        Ok(Ok(e))
    })??;
    Ok(ElectionView::from(&e))
}

/// The day tracking turns on in a county (state, or the county itself);
/// `None` clears it. Messages of changes before it wait until that day.
pub fn set_tracking_start(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    day: Option<Date>,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    let what = match day {
        Some(d) => format!("starts tracking on {d} in"),
        None => "cleared its tracking start in".to_string(),
    };
    change(store, actor, code, county, now, &what, |e| {
        e.set_tracking_start(county, day)
    })
}

pub(super) fn change(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    now: jiff::Timestamp,
    what: &str,
    f: impl FnOnce(&mut Election) -> std::result::Result<(), crate::domain::election::ElectionError>,
) -> Result<ElectionView> {
    if !actor.covers(county) {
        return Err(ServiceError::Forbidden(format!(
            "this token may not act for county {county}"
        )));
    }
    let election = store.write(true, |b| {
        let Some((id, mut e)) = b.election_get(code)? else {
            return Ok(Err(not_found(code)));
        };
        let before = e.clone();
        if let Err(err) = f(&mut e) {
            return Ok(Err(ServiceError::Invalid(err.to_string())));
        }
        b.election_put(&e)?;
        // A hold or tracking start applies at once to messages already queued.
        let (moved, cancelled) = planner::reschedule_county(b, id, &before, &e, county, secs(now))?;
        let pending = if moved + cancelled > 0 {
            format!(" ({moved} pending messages moved, {cancelled} cancelled)")
        } else {
            String::new()
        };
        b.audit(
            secs(now),
            &actor.name,
            &format!("county {county} {what} election {code}{pending}"),
        )?;
        Ok(Ok(e))
    })??;
    Ok(ElectionView::from(&election))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TokenScope;
    use jiff::civil::date;

    fn at(d: Date) -> jiff::Timestamp {
        d.at(12, 0, 0, 0).to_zoned(pacific()).unwrap().timestamp()
    }

    #[test]
    fn create_sign_up_and_audit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let state = Actor::operator();
        let new = NewElection {
            code: "SP-1",
            name: "Special",
            date: date(2027, 3, 2),
            kind: ElectionKind::Special,
            window: None,
        };
        let now = at(date(2026, 11, 1));
        create(&store, &state, &new, now).unwrap();
        assert!(matches!(
            create(&store, &state, &new, now),
            Err(ServiceError::Conflict(_))
        ));

        let alpine = CountyCode::parse("02").unwrap();
        let sierra = Actor::token(
            "sierra",
            TokenScope::County(CountyCode::parse("46").unwrap()),
        );
        assert!(matches!(
            sign_up(&store, &sierra, "SP-1", alpine, ImbUse::Both, now),
            Err(ServiceError::Forbidden(_))
        ));
        let v = sign_up(&store, &state, "SP-1", alpine, ImbUse::Both, now).unwrap();
        assert_eq!(v.counties["02"].imb, ImbUse::Both);

        // 89 days before: refused, naming the closing date.
        let late = sign_up(
            &store,
            &state,
            "SP-1",
            CountyCode::parse("46").unwrap(),
            ImbUse::None,
            at(date(2026, 12, 3)),
        );
        let Err(ServiceError::Invalid(msg)) = late else {
            panic!("{late:?}")
        };
        assert!(msg.contains("2026-12-02"), "{msg}");
        assert!(matches!(
            opt_out(&store, &state, "NOPE", alpine, now),
            Err(ServiceError::NotFound(_))
        ));

        let log = store.read().unwrap().audit_log().unwrap();
        assert_eq!(log.len(), 2, "{log:?}");
        assert!(log[1].2.contains("signed up"));
    }
}
