//! Return and cure reminders: on each reminder day of an election, every
//! subscribed voter whose ballot is still out (Return Reminder, Elections
//! Code 3019.7) or still needs a fix (Cure Reminder) gets one.

use super::planner::{Occasion, PlanReport, queue};
use crate::domain::ballot::BallotStatus;
use crate::domain::pacific::pacific;
use crate::domain::{Ballot, CountyCode, Election, MessageKind};
use crate::store::{Store, StoreError};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

/// Whether a ballot in this state calls for the reminder.
pub fn applies(kind: MessageKind, ballot: &Ballot) -> bool {
    match kind {
        MessageKind::ReturnReminder => {
            matches!(
                ballot.status,
                Some(BallotStatus::Issued | BallotStatus::Reissued)
            )
        }
        MessageKind::CureReminder => ballot.status == Some(BallotStatus::ContactCounty),
        _ => false,
    }
}

/// Whether a reminder's deadline has passed (Pacific calendar): a cure
/// reminder after the cure deadline, a return reminder after election day.
/// A reminder held back by the voter's hours past it is not sent.
pub fn past_deadline(kind: MessageKind, e: &Election, now: Timestamp) -> bool {
    let today = now.to_zoned(pacific()).date();
    match kind {
        MessageKind::CureReminder => today > e.cure_deadline,
        MessageKind::ReturnReminder => today > e.date,
        _ => false,
    }
}

/// An election's reminder days: (kind, round, the day, the deadline).
pub fn reminder_days(e: &Election) -> Vec<(MessageKind, u8, Date, Date)> {
    let mut out = Vec::new();
    for (kind, days, deadline) in [
        (
            MessageKind::ReturnReminder,
            &e.notices.return_reminder_days,
            e.date,
        ),
        (
            MessageKind::CureReminder,
            &e.notices.cure_reminder_days,
            e.cure_deadline,
        ),
    ] {
        for (round, d) in days.iter().enumerate() {
            if let Ok(day) = deadline.checked_sub((*d as i32).days()) {
                out.push((kind, round.min(u8::MAX as usize) as u8, day, deadline));
            }
        }
    }
    out
}

/// Subscriptions handled per transaction.
const PAGE: usize = 20_000;

fn done_key(election: u16, kind: MessageKind, round: u8, county: CountyCode) -> String {
    format!("reminder/{election}/{kind}/{round}/{}", county.code())
}

/// Queues the reminders whose day has come (Pacific calendar) and that were
/// not queued yet: one transaction per county and reminder, marked done in it.
pub fn sweep(store: &Store, now: Timestamp) -> Result<PlanReport, StoreError> {
    let mut report = PlanReport::default();
    let today = now.to_zoned(pacific()).date();
    let now_s = now.as_second();
    for (id, election) in store.read()?.elections()? {
        let window = election.message_window();
        if now < window.opens || now >= window.closes {
            continue;
        }
        for (kind, round, day, deadline) in reminder_days(&election) {
            if today < day || today > deadline {
                continue;
            }
            let at = day
                .to_zoned(pacific())
                .map_or(now_s, |z| z.timestamp().as_second());
            for county in CountyCode::all().filter(|c| election.participates(*c)) {
                let key = done_key(id, kind, round, county);
                if store.read()?.counter(&key)? != 0 {
                    continue;
                }
                // Page by page: a crash midway re-queues nothing, since a
                // message exists at most once per key.
                let mut after = None;
                loop {
                    let subs = store.read()?.subscriptions(Some(county), after, PAGE)?;
                    let last = subs.last().map(|s| s.voter.key());
                    store.write(true, |b| {
                        for sub in &subs {
                            let Some(ballot) = b.ballot_get(id, sub.voter)? else {
                                continue;
                            };
                            if ballot.county != county || !applies(kind, &ballot) {
                                continue;
                            }
                            let o = Occasion {
                                election: Some((id, &election)),
                                kind,
                                round,
                                code: ballot.status_code,
                                at,
                            };
                            queue(b, sub, &o, now_s, &mut report)?;
                        }
                        if subs.len() < PAGE {
                            b.counter_put(&key, 1)?;
                        }
                        Ok(())
                    })?;
                    if subs.len() < PAGE {
                        break;
                    }
                    after = last;
                }
            }
        }
    }
    Ok(report)
}
