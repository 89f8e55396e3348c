//! From events to outbox messages: reads the event log from a stored cursor,
//! and for each subscribed voter queues one message per reachable channel,
//! due when the schedule allows, superseding older pending ones of the same
//! ballot. The cursor moves in the same transaction as the messages, so each
//! event is planned exactly once.

use crate::domain::ballot::BallotStatus;
use crate::domain::outbox::{OutboxKey, OutboxState};
use crate::domain::schedule::{self, Due, Window};
use crate::domain::{Ballot, Channel, Election, MessageKind, StatusCode, Subscription};
use crate::store::{Batch, EventLogKind, OutboxRow, Store, StoreError};
use jiff::Timestamp;
use std::collections::HashMap;

/// The meta counter holding the position of the last planned event.
pub const CURSOR: &str = "notify_cursor";

/// Event-log entries planned per transaction: large, because in voter order a
/// large batch walks the subscription table in fewer, denser passes (a 2M-row
/// delta is two transactions); about 100 MB of entries in memory.
pub const BATCH: usize = 1_000_000;

/// Election number of messages that belong to no election (confirmations).
pub const NO_ELECTION: u16 = 0;

/// How long after a sign-up's confirmation its status messages wait.
const CONFIRMATION_LEAD: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanReport {
    /// Event-log entries read.
    pub events: u64,
    /// Messages queued (pending).
    pub queued: u64,
    /// Messages recorded as cancelled at once: they could only go out after the window.
    pub cancelled: u64,
    /// Pending messages replaced by a newer status.
    pub superseded: u64,
    /// Subscriptions ended because the voter moved county or left the roll.
    pub ended: u64,
}

impl PlanReport {
    /// Adds another round's counts to these.
    pub fn add(&mut self, other: &PlanReport) {
        self.events += other.events;
        self.queued += other.queued;
        self.cancelled += other.cancelled;
        self.superseded += other.superseded;
        self.ended += other.ended;
    }
}

/// What a message to queue is about.
#[derive(Clone, Copy, Debug)]
pub struct Occasion<'a> {
    /// The election and its number; `None` for a confirmation.
    pub election: Option<(u16, &'a Election)>,
    pub kind: MessageKind,
    pub round: u8,
    pub code: Option<StatusCode>,
    /// When the change happened (seconds).
    pub at: i64,
}

fn window_of(o: &Occasion<'_>) -> Window {
    match o.election {
        Some((_, e)) => e.message_window(),
        None => Window {
            opens: Timestamp::MIN,
            closes: Timestamp::MAX,
        },
    }
}

/// When an occasion's message is due for a subscriber: after the county's
/// Outbound hold and tracking start, the kind's rule, inside the window and
/// the voter's hours; not before `floor`. Never, once the window closed.
fn due_for(
    sub: &Subscription,
    o: &Occasion<'_>,
    channel: Channel,
    floor: Option<Timestamp>,
    now: i64,
) -> Due {
    // A window that closed already lets nothing out, whenever the event was.
    if window_of(o).closes.as_second() <= now {
        return Due::Cancelled;
    }
    // Each contact's own hours and time zone.
    let (hours, tz) = (sub.hours_for(channel), sub.tz_for(channel));
    let mut earliest = Timestamp::from_second(o.at).unwrap_or(Timestamp::MIN);
    let rule = match o.election {
        Some((_, e)) => {
            if let Some(t) = e.not_before(sub.county, o.kind) {
                earliest = earliest.max(t);
            }
            e.notices.rule(o.kind)
        }
        None => schedule::DeliveryRule::Immediately,
    };
    match schedule::due_time(earliest, rule, window_of(o), hours, &tz) {
        Due::At(t) => match floor {
            Some(f) if f > t => schedule::due_time(f, rule, window_of(o), hours, &tz),
            _ => Due::At(t),
        },
        d => d,
    }
}

/// The channels a message of `kind` goes out on for a subscriber. The
/// state's guidance provides no confirmation by phone call.
fn channels_for(sub: &Subscription, kind: MessageKind) -> Vec<Channel> {
    sub.reachable_channels()
        .filter(|c| !(kind == MessageKind::Confirmation && *c == Channel::Voice))
        .collect()
}

/// What the planner will do with an event of the log for this subscriber,
/// without a transaction: the channels it will queue a pending message on
/// (none for another county's voter, a county not taking part, or a message
/// that could only go out after the window). The import preview counts these.
pub fn would_queue(
    sub: &Subscription,
    event_county: crate::domain::CountyCode,
    o: &Occasion<'_>,
    now: i64,
) -> Vec<Channel> {
    if event_county != sub.county || o.election.is_some_and(|(_, e)| !e.participates(sub.county)) {
        return Vec::new();
    }
    channels_for(sub, o.kind)
        .into_iter()
        .filter(|c| matches!(due_for(sub, o, *c, None, now), Due::At(_)))
        .collect()
}

/// Queues an occasion's message on each of the subscription's reachable
/// channels. Existing messages with the same key are left alone (a message
/// is queued at most once).
pub fn queue(
    b: &mut Batch<'_>,
    sub: &Subscription,
    o: &Occasion<'_>,
    now: i64,
    report: &mut PlanReport,
) -> Result<(), StoreError> {
    queue_not_before(b, sub, o, None, now, report)
}

/// `queue`, not due before `floor` (a sign-up's status message waits for
/// its confirmation).
fn queue_not_before(
    b: &mut Batch<'_>,
    sub: &Subscription,
    o: &Occasion<'_>,
    floor: Option<Timestamp>,
    now: i64,
    report: &mut PlanReport,
) -> Result<(), StoreError> {
    let election = o.election.map_or(NO_ELECTION, |(id, _)| id);
    let channels = channels_for(sub, o.kind);
    if channels.is_empty() {
        return Ok(());
    }
    let mut existing = if o.kind == MessageKind::Confirmation {
        Vec::new()
    } else {
        b.outbox_for_ballot(sub.voter.key(), election)?
    };
    for channel in channels {
        let key = OutboxKey {
            voter: sub.voter.key(),
            election,
            kind: o.kind,
            round: o.round,
            channel,
        };
        if existing.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let floor = floor.max(confirmation_floor(b, &key)?);
        let (state, due, note) = match due_for(sub, o, channel, floor, now) {
            Due::At(t) => (OutboxState::Pending, t.as_second(), None),
            Due::Cancelled => (
                OutboxState::Cancelled,
                o.at,
                Some("it could only go out after the election's message window".to_string()),
            ),
        };
        // A newer status makes pending older messages of the ballot pointless.
        if state == OutboxState::Pending {
            for (k, row) in existing.iter_mut() {
                if k.channel == channel
                    && row.state.is_waiting()
                    && row.event_at <= o.at
                    && schedule::supersedes(o.kind, k.kind)
                {
                    row.state = OutboxState::Superseded;
                    row.updated_at = now;
                    row.note = Some(format!("replaced by {}", o.kind));
                    b.outbox_update(k, row)?;
                    report.superseded += 1;
                }
            }
        }
        let row = OutboxRow {
            state,
            attempt: 0,
            due,
            county: sub.county,
            event_at: o.at,
            code: o.code,
            created_at: now,
            updated_at: now,
            provider_id: None,
            note,
        };
        if b.outbox_insert(&key, &row)? {
            match state {
                OutboxState::Pending => report.queued += 1,
                _ => report.cancelled += 1,
            }
        }
    }
    Ok(())
}

/// Plans up to `limit` event-log entries after the cursor, in one durable
/// transaction. Returns what it did; `events == 0` means it is caught up.
pub fn plan(store: &Store, now: Timestamp, limit: usize) -> Result<PlanReport, StoreError> {
    let cursor = store.read()?.counter(CURSOR)?;
    let mut entries = store.read()?.events_after(cursor, limit)?;
    let mut report = PlanReport::default();
    let Some(last) = entries.last().map(|e| e.0) else {
        return Ok(report);
    };
    // In voter order, the lookups and outbox inserts walk the B-trees in key
    // order; the sort is stable, so one voter's entries keep their log order.
    entries.sort_by_key(|(_, e)| e.voter);
    let now_s = now.as_second();
    store.write(true, |b| {
        // The cursor is read again inside the transaction: another planner may
        // have moved it since.
        if b.counter_get(CURSOR)? != cursor {
            return Ok(());
        }
        let mut elections: HashMap<u16, Option<Election>> = HashMap::new();
        for (pos, e) in &entries {
            report.events += 1;
            let Some(sub) = b.subscription_get(e.voter)? else {
                continue;
            };
            match &e.kind {
                EventLogKind::TrackingEnded { moved_to } => {
                    if *moved_to != Some(sub.county) {
                        end_subscription(b, &sub, now_s)?;
                        report.ended += 1;
                    }
                }
                EventLogKind::Message {
                    election,
                    kind,
                    code,
                    round,
                } => {
                    // Events the sign-up's current-status message already covered.
                    if *pos <= sub.since_event || e.county != sub.county {
                        continue;
                    }
                    if let std::collections::hash_map::Entry::Vacant(v) = elections.entry(*election)
                    {
                        v.insert(b.election_by_id(*election)?);
                    }
                    let Some(el) = elections[election].as_ref() else {
                        continue;
                    };
                    if !el.participates(sub.county) {
                        continue;
                    }
                    let o = Occasion {
                        election: Some((*election, el)),
                        kind: *kind,
                        round: *round,
                        code: *code,
                        at: e.at,
                    };
                    queue(b, &sub, &o, now_s, &mut report)?;
                }
            }
        }
        b.counter_put(CURSOR, last)
    })?;
    Ok(report)
}

/// Puts a county's changed Outbound hold or tracking start into force at once
/// for its pending messages of one election (`before` → `after`): a message
/// held now waits for the day (inside the voter's hours), one released goes
/// as its rule allows, one pushed past the window is cancelled. Returns how
/// many were moved and cancelled.
pub fn reschedule_county(
    b: &mut Batch<'_>,
    election: u16,
    before: &Election,
    after: &Election,
    county: crate::domain::CountyCode,
    now: i64,
) -> Result<(u64, u64), StoreError> {
    let changed = |k: MessageKind| before.not_before(county, k) != after.not_before(county, k);
    if !MessageKind::ALL.iter().any(|k| changed(*k)) {
        return Ok((0, 0));
    }
    let window = after.message_window();
    let (mut moved, mut cancelled) = (0, 0);
    for (key, mut row) in b.outbox_pending_of(election, county, changed)? {
        let Some(sub) = b.subscription_get(key.voter)? else {
            continue; // dispatch withdraws it
        };
        let old_floor = before.not_before(county, key.kind);
        let floor = after.not_before(county, key.kind);
        let event = Timestamp::from_second(row.event_at).unwrap_or(Timestamp::MIN);
        let earliest = floor.map_or(event, |f| event.max(f));
        let rule = after.notices.rule(key.kind);
        let (hours, tz) = (sub.hours_for(key.channel), sub.tz_for(key.channel));
        match schedule::due_time(earliest, rule, window, hours, &tz) {
            Due::Cancelled => {
                row.state = OutboxState::Cancelled;
                row.note = Some("it could only go out after the election's message window".into());
                cancelled += 1;
            }
            Due::At(t) if t.as_second() > row.due => {
                row.due = t.as_second();
                moved += 1;
            }
            // Held before and released (or held for less): no longer waits
            // for the old day, but never earlier than now.
            Due::At(t)
                if row.attempt == 0
                    && old_floor.is_some_and(|o| row.due >= o.as_second())
                    && t.as_second().max(now) < row.due =>
            {
                row.due = t.as_second().max(now);
                moved += 1;
            }
            Due::At(_) => continue,
        }
        row.updated_at = now;
        b.outbox_update(&key, &row)?;
    }
    Ok((moved, cancelled))
}

/// When a ballot message may go at the earliest on its channel: after the
/// sign-up's confirmation there, while that still waits (a ballot change
/// dated before the sign-up would otherwise be due first, and the
/// confirmation could then no longer be sent).
fn confirmation_floor(b: &Batch<'_>, key: &OutboxKey) -> Result<Option<Timestamp>, StoreError> {
    if key.kind == MessageKind::Confirmation {
        return Ok(None);
    }
    let confirmation = OutboxKey {
        election: NO_ELECTION,
        kind: MessageKind::Confirmation,
        round: 0,
        ..*key
    };
    Ok(b.outbox_get(&confirmation)?
        .filter(|r| r.state.is_waiting())
        .and_then(|r| Timestamp::from_second(r.due).ok())
        .and_then(|t| t.checked_add(CONFIRMATION_LEAD).ok()))
}

/// Whether a ballot message on a confirmation's channel, queued with or after
/// it, was already handed to the provider and recorded so: a confirmation must
/// not follow it. One still `sending` was claimed in the same round as the
/// confirmation (or the round before), which hands confirmations over first
/// (their key, election 0, sorts before every ballot's); counting it would
/// cancel the confirmation of every voter whose ballot changed as they signed up.
pub fn status_message_went_first(
    b: &Batch<'_>,
    confirmation: &OutboxKey,
    row: &OutboxRow,
) -> Result<bool, StoreError> {
    Ok(b.outbox_for_voter(confirmation.voter)?
        .iter()
        .any(|(k, r)| {
            k.channel == confirmation.channel
                && k.kind != MessageKind::Confirmation
                && r.created_at >= row.created_at
                && matches!(r.state, OutboxState::Sent | OutboxState::Delivered)
        }))
}

/// Ends a subscription (the voter moved county or left the roll): withdraws
/// its pending messages and removes it.
pub fn end_subscription(b: &mut Batch<'_>, sub: &Subscription, now: i64) -> Result<(), StoreError> {
    withdraw_pending(b, sub.voter.key(), None, now, "the subscription ended")?;
    b.subscription_remove(sub.voter.key())?;
    b.audit(
        now,
        "system",
        &format!("subscription of {} ended", sub.voter),
    )?;
    Ok(())
}

/// Cancels a voter's pending messages (of one channel, or all).
pub fn withdraw_pending(
    b: &mut Batch<'_>,
    voter: u128,
    channel: Option<crate::domain::Channel>,
    now: i64,
    why: &str,
) -> Result<u64, StoreError> {
    let mut n = 0;
    for (k, mut row) in b.outbox_for_voter(voter)? {
        if row.state.is_waiting() && channel.is_none_or(|c| c == k.channel) {
            row.state = OutboxState::Cancelled;
            row.updated_at = now;
            row.note = Some(why.to_string());
            b.outbox_update(&k, &row)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The message that tells a ballot's current status, for a voter who signs
/// up after it happened.
pub fn current_status_kind(status: BallotStatus) -> MessageKind {
    match status {
        BallotStatus::Issued => MessageKind::Outbound,
        BallotStatus::Reissued => MessageKind::Reissued,
        BallotStatus::Inbound => MessageKind::Inbound,
        BallotStatus::Received => MessageKind::Received,
        BallotStatus::Accepted => MessageKind::Accepted,
        BallotStatus::NotAccepted => MessageKind::NotAccepted,
        BallotStatus::ContactCounty => MessageKind::ContactCounty,
        BallotStatus::Undeliverable => MessageKind::Undeliverable,
        BallotStatus::InPerson => MessageKind::InPerson,
    }
}

/// Queues a new sign-up's messages: the confirmation, and for each election
/// whose window has not closed, one message with the ballot's current
/// status (not the backlog).
pub fn queue_sign_up(
    b: &mut Batch<'_>,
    sub: &Subscription,
    now: i64,
) -> Result<PlanReport, StoreError> {
    let mut report = PlanReport::default();
    let confirmation = Occasion {
        election: None,
        kind: MessageKind::Confirmation,
        round: 0,
        code: None,
        at: now,
    };
    queue(b, sub, &confirmation, now, &mut report)?;
    let now_t = Timestamp::from_second(now).unwrap_or(Timestamp::MIN);
    // Status messages go a minute after the confirmation's first chance, so
    // no channel hears of the ballot before it hears of the sign-up.
    // Each contact has its own hours: the latest first chance of them all.
    let floor = sub
        .reachable_channels()
        .map(|c| schedule::next_allowed(now_t, sub.hours_for(c), &sub.tz_for(c)))
        .max()
        .and_then(|t| t.checked_add(CONFIRMATION_LEAD).ok());
    for (id, election) in b.elections_all()? {
        if !election.participates(sub.county) || election.closes() <= now_t {
            continue;
        }
        let Some(ballot) = b.ballot_get(id, sub.voter)? else {
            continue;
        };
        let Some((kind, round)) = status_message(&ballot) else {
            continue;
        };
        let o = Occasion {
            election: Some((id, &election)),
            kind,
            round,
            code: ballot.status_code,
            at: ballot.status_at,
        };
        queue_not_before(b, sub, &o, floor, now, &mut report)?;
    }
    Ok(report)
}

fn status_message(ballot: &Ballot) -> Option<(MessageKind, u8)> {
    let kind = current_status_kind(ballot.status?);
    let round = if kind == MessageKind::Reissued {
        ballot.mailed.len().min(u8::MAX as usize) as u8
    } else {
        0
    };
    Some((kind, round))
}
