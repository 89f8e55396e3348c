//! How an election's messages are timed (the state's rules and reminder
//! days, a county's Outbound hold), what messages say about a county office,
//! and the state's and counties' overrides of message texts.

use super::elections::{ElectionView, change, not_found};
use super::{Actor, Result, ServiceError, secs};
use crate::domain::county_office::CountyOffice;
use crate::domain::schedule::DeliveryRule;
use crate::domain::{Channel, CountyCode, Language, MessageKind, sms};
use crate::notify::catalog::{Catalog, OverrideKey, Scope};
use crate::notify::render::{self, Content, MessageFacts};
use crate::store::{OverrideVersion, Store};
use jiff::civil::Date;

/// A change of an election's message timing; `None` leaves a part as it is.
#[derive(Clone, Debug, Default)]
pub struct NoticesChange {
    pub rules: Vec<(MessageKind, DeliveryRule)>,
    pub return_reminder_days: Option<Vec<u16>>,
    pub cure_reminder_days: Option<Vec<u16>>,
}

/// Reminders go at most this many days before their deadline (the message
/// window opens 29 days before election day, with some margin).
pub const MAX_REMINDER_DAYS: u16 = 120;

fn state_only(actor: &Actor, what: &str) -> Result<()> {
    if actor.is_state() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(format!(
            "only the state may {what}"
        )))
    }
}

pub fn set_notices(
    store: &Store,
    actor: &Actor,
    code: &str,
    c: &NoticesChange,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    state_only(actor, "change an election's message timing")?;
    for (name, days) in [
        ("return reminder", &c.return_reminder_days),
        ("cure reminder", &c.cure_reminder_days),
    ] {
        if let Some(bad) = days.iter().flatten().find(|d| **d > MAX_REMINDER_DAYS) {
            return Err(ServiceError::Invalid(format!(
                "{name} days: {bad} is more than {MAX_REMINDER_DAYS} days before the deadline"
            )));
        }
    }
    let e = store.write(true, |b| {
        let Some((_, mut e)) = b.election_get(code)? else {
            return Ok(Err(not_found(code)));
        };
        for (kind, rule) in &c.rules {
            e.notices.rules.insert(*kind, *rule);
        }
        if let Some(d) = &c.return_reminder_days {
            e.notices.return_reminder_days = d.clone();
        }
        if let Some(d) = &c.cure_reminder_days {
            e.notices.cure_reminder_days = d.clone();
        }
        b.election_put(&e)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("changed the message timing of election {code}"),
        )?;
        Ok(Ok(e))
    })??;
    Ok(ElectionView::from(&e))
}

/// A county holds its Outbound messages until `until` (its real mail-drop
/// day), or releases the hold with `None`.
pub fn hold_outbound(
    store: &Store,
    actor: &Actor,
    code: &str,
    county: CountyCode,
    until: Option<Date>,
    now: jiff::Timestamp,
) -> Result<ElectionView> {
    let what = match until {
        Some(d) => format!("holds Outbound messages until {d} in"),
        None => "released its Outbound hold in".to_string(),
    };
    change(store, actor, code, county, now, &what, |e| {
        match until {
            Some(d) => {
                e.check_day(d)?;
                e.notices.outbound_hold.insert(county, d)
            }
            None => e.notices.outbound_hold.remove(&county),
        };
        Ok(())
    })
}

/// Sets what messages say about a county's office.
pub fn set_county_office(
    store: &Store,
    actor: &Actor,
    county: CountyCode,
    office: &CountyOffice,
    now: jiff::Timestamp,
) -> Result<CountyOffice> {
    if !actor.covers(county) {
        return Err(ServiceError::Forbidden(format!(
            "this token may not act for county {county}"
        )));
    }
    let (lo, hi) = office.transit_days;
    if lo > hi || hi > 60 {
        return Err(ServiceError::Invalid(format!(
            "transit days {lo}-{hi}: the first must not exceed the second, nor 60"
        )));
    }
    if office.phone.trim().is_empty() || !office.web.starts_with("http") {
        return Err(ServiceError::Invalid(
            "the office needs a phone number and an http(s) web page".into(),
        ));
    }
    store.write(true, |b| {
        b.county_office_put(county, office)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("set the office details of county {county}"),
        )
    })?;
    Ok(office.clone())
}

pub fn county_office(store: &Store, county: CountyCode) -> Result<CountyOffice> {
    Ok(store.read()?.county_office(county)?)
}

/// Stores a new version of an override after checking it renders; an empty
/// text withdraws it. Returns the version number.
pub fn override_text(
    store: &Store,
    actor: &Actor,
    key: &OverrideKey,
    text: &str,
    now: jiff::Timestamp,
) -> Result<u32> {
    match key.scope {
        Scope::State => state_only(actor, "override the state's texts")?,
        Scope::County(c) if !actor.covers(c) => {
            return Err(ServiceError::Forbidden(format!(
                "this token may not act for county {c}"
            )));
        }
        Scope::County(_) => {}
    }
    // As staff wrote it: the line, column and problem, and no variable
    // that this text could have empty.
    Catalog::check_override_text(key, text, &render::text_variables(&key.text_id))
        .map_err(|e| ServiceError::Invalid(e.to_string()))?;
    let mut catalog = stored_catalog(store)?;
    catalog
        .set_override(key.clone(), text)
        .map_err(|e| ServiceError::Invalid(e.to_string()))?;
    if !text.trim().is_empty() {
        let counties: Vec<CountyCode> = match key.scope {
            Scope::County(c) => vec![c],
            Scope::State => CountyCode::all().collect(),
        };
        check_renders(&catalog, key.language, &counties, &key.to_string())?;
    }
    let key_s = key.to_string();
    Ok(store.write(true, |b| {
        let v = b.catalog_override_add(&key_s, text, secs(now), &actor.name)?;
        b.audit(
            secs(now),
            &actor.name,
            &format!("override {key_s} version {v}"),
        )?;
        Ok(v)
    })?)
}

/// Checks every message of `lang` renders with the variables messages give,
/// and that every text message stays within its segments in each county.
pub(super) fn check_renders(
    catalog: &Catalog,
    lang: Language,
    counties: &[CountyCode],
    what: &str,
) -> Result<()> {
    // Contact County once more after its cure deadline: its own texts.
    let passed = Some(jiff::civil::date(2026, 12, 3));
    let kinds = MessageKind::ALL
        .into_iter()
        .map(|k| (k, None))
        .chain([(MessageKind::ContactCounty, passed)]);
    for county in counties {
        for (kind, on) in kinds.clone() {
            for channel in Channel::ALL {
                let content = preview_with(
                    catalog,
                    lang,
                    *county,
                    &CountyOffice::default(),
                    (kind, channel),
                    on,
                )?;
                if let Content::Sms { text } = &content {
                    let n = sms::segments(text).segments;
                    if n > sms::MAX_SEGMENTS {
                        return Err(ServiceError::Invalid(format!(
                            "{what}: the {} text message in {} would take {n} SMS segments; at most {} are sent",
                            kind.name(),
                            county.name(),
                            sms::MAX_SEGMENTS
                        )));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The catalogs as stored: built-in, added languages and overrides.
pub fn stored_catalog(store: &Store) -> Result<Catalog> {
    let r = store.read()?;
    Catalog::with_stored(&r.languages_added()?, &r.catalog_overrides()?)
        .map_err(|e| ServiceError::Invalid(e.to_string()))
}

pub fn overrides(store: &Store) -> Result<Vec<(String, Vec<OverrideVersion>)>> {
    Ok(store.read()?.catalog_overrides()?)
}

/// The day a preview shows a message on, unless asked for another: a
/// reminder on its first reminder day (the days left as a voter reads them),
/// anything else a week before election day.
fn sample_day(kind: MessageKind, election_date: Date, cure_deadline: Date) -> Date {
    let first = |days: Vec<u16>, deadline: Date| {
        let d = days.first().copied().unwrap_or(0);
        deadline
            .checked_sub(jiff::Span::new().days(i64::from(d)))
            .unwrap_or(deadline)
    };
    let defaults = crate::domain::election::Notices::default();
    match kind {
        MessageKind::ReturnReminder => first(defaults.return_reminder_days, election_date),
        MessageKind::CureReminder => first(defaults.cure_reminder_days, cure_deadline),
        _ => jiff::civil::date(2026, 10, 27),
    }
}

fn preview_with(
    catalog: &Catalog,
    lang: Language,
    county: CountyCode,
    office: &CountyOffice,
    (kind, channel): (MessageKind, Channel),
    on: Option<Date>,
) -> Result<Content> {
    let code = crate::domain::StatusCode::ALL.into_iter().find(|c| {
        c.default_message() == kind
            || (kind == MessageKind::CureReminder
                && c.default_message() == MessageKind::ContactCounty)
    });
    let d = jiff::civil::date(2026, 11, 3);
    let cure_deadline = jiff::civil::date(2026, 12, 1);
    // Only emails carry the voter's links, as when they are sent.
    let link = |url: &str| {
        if channel == Channel::Email {
            url.to_string()
        } else {
            String::new()
        }
    };
    let facts = MessageFacts {
        kind,
        language: lang,
        county,
        office,
        election_date: d,
        cure_deadline,
        event_date: jiff::civil::date(2026, 10, 5),
        code,
        reasons: Vec::new(),
        today: on.unwrap_or_else(|| sample_day(kind, d, cure_deadline)),
        unsubscribe_url: link("https://example.org/unsubscribe/preview"),
        manage_url: link("https://example.org/manage/preview"),
    };
    render::render(catalog, &facts, channel).map_err(|e| ServiceError::Invalid(e.to_string()))
}

/// A message as it would go out now, with the stored overrides and sample
/// facts (election day 2026-11-03, cure deadline 2026-12-01), on `on` or
/// the day it would really go (a reminder: its first reminder day), for
/// staff to check a text before and after overriding it.
pub fn preview(
    store: &Store,
    lang: Language,
    county: CountyCode,
    (kind, channel): (MessageKind, Channel),
    on: Option<Date>,
) -> Result<Content> {
    let catalog = stored_catalog(store)?;
    preview_in(&catalog, store, lang, county, (kind, channel), on)
}

/// `preview` with the catalog a running engine sends with.
pub fn preview_in(
    catalog: &Catalog,
    store: &Store,
    lang: Language,
    county: CountyCode,
    (kind, channel): (MessageKind, Channel),
    on: Option<Date>,
) -> Result<Content> {
    let office = county_office(store, county)?;
    preview_with(catalog, lang, county, &office, (kind, channel), on)
}

/// A recording longer than a few minutes is a mistake (a minute of speech at
/// 64 kbit/s is under 0.5 MB).
pub const MAX_RECORDING_BYTES: usize = 5 << 20;

/// Whether `audio` looks like MP3: an ID3 tag or an MPEG audio frame header.
fn is_mp3(audio: &[u8]) -> bool {
    audio.starts_with(b"ID3") || (audio.len() > 1 && audio[0] == 0xFF && audio[1] & 0xE0 == 0xE0)
}

/// Stores what a call plays for `kind` in `lang`, a language the voice
/// provider reads no text in. State only: recordings serve every county.
pub fn upload_recording(
    store: &Store,
    actor: &Actor,
    lang: Language,
    kind: MessageKind,
    audio: Vec<u8>,
    now: jiff::Timestamp,
) -> Result<usize> {
    state_only(actor, "upload recordings")?;
    if audio.len() > MAX_RECORDING_BYTES {
        return Err(ServiceError::Invalid(format!(
            "the recording has {} bytes; at most {MAX_RECORDING_BYTES} are accepted",
            audio.len()
        )));
    }
    if !is_mp3(&audio) {
        return Err(ServiceError::Invalid(
            "the recording is not MP3 audio (no ID3 tag or MPEG frame at its start)".into(),
        ));
    }
    let size = audio.len();
    let what = format!("uploaded the {} recording of {}", lang.code(), kind.name());
    store.write(true, |b| {
        b.recording_put(
            lang,
            kind,
            &crate::store::Recording {
                audio,
                at: secs(now),
                actor: actor.name.clone(),
            },
        )?;
        b.audit(secs(now), &actor.name, &what)
    })?;
    Ok(size)
}

pub fn remove_recording(
    store: &Store,
    actor: &Actor,
    lang: Language,
    kind: MessageKind,
    now: jiff::Timestamp,
) -> Result<()> {
    state_only(actor, "remove recordings")?;
    store.write_as(true, |b| {
        if !b.recording_remove(lang, kind)? {
            return Err(ServiceError::NotFound(format!(
                "no {} recording of {}",
                lang.code(),
                kind.name()
            )));
        }
        b.audit(
            secs(now),
            &actor.name,
            &format!("removed the {} recording of {}", lang.code(), kind.name()),
        )?;
        Ok(())
    })
}

/// The audio a call plays, if uploaded.
pub fn recording(store: &Store, lang: Language, kind: MessageKind) -> Result<Option<Vec<u8>>> {
    Ok(store.read()?.recording(lang, kind)?.map(|r| r.audio))
}

/// What calls in `lang`, a language without text-to-speech, would play
/// with nothing: every message kind without a recording.
pub fn missing_recordings(store: &Store, lang: Language) -> Result<Vec<MessageKind>> {
    let r = store.read()?;
    let mut out = Vec::new();
    for kind in MessageKind::ALL {
        if !r.recording_exists(lang, kind)? {
            out.push(kind);
        }
    }
    Ok(out)
}

/// A message held because its text would have had an empty or missing
/// part, as a state admin sees it (no contact, no name).
#[derive(Clone, Debug, serde::Serialize)]
pub struct HeldMessage {
    /// Names the message in `…/outbox/held/{id}/release`.
    pub id: String,
    pub state: &'static str,
    pub county: String,
    /// The election's code; none for a message about no election.
    pub election: Option<String>,
    pub kind: &'static str,
    pub channel: String,
    /// When it was held, or last found still unsendable.
    pub held_at: String,
    /// Why it is held (or, once released, who released it).
    pub reason: Option<String>,
}

/// Held messages listed per page at most.
pub const HELD_PAGE_MAX: usize = 1000;

fn held_id(key: &crate::domain::outbox::OutboxKey) -> String {
    hex::encode(crate::store::outbox_key_bytes(key))
}

fn parse_held_id(id: &str) -> Option<crate::domain::outbox::OutboxKey> {
    let mut bytes = [0u8; 21];
    hex::decode_to_slice(id, &mut bytes).ok()?;
    crate::store::outbox_key_parse(&bytes)
}

fn held_view(
    code: Option<String>,
    key: &crate::domain::outbox::OutboxKey,
    row: &crate::store::OutboxRow,
) -> HeldMessage {
    HeldMessage {
        id: held_id(key),
        state: row.state.name(),
        county: row.county.code().to_string(),
        election: code,
        kind: key.kind.name(),
        channel: key.channel.to_string(),
        held_at: jiff::Timestamp::from_second(row.updated_at)
            .map_or_else(|_| row.updated_at.to_string(), |t| t.to_string()),
        reason: row.note.clone(),
    }
}

/// One page of held messages, after the id `after`; and the id to ask
/// the next page after, when there may be more. State only.
pub fn held_messages(
    store: &Store,
    actor: &Actor,
    after: Option<&str>,
    limit: usize,
) -> Result<(Vec<HeldMessage>, Option<String>)> {
    state_only(actor, "see held messages")?;
    let after = match after {
        Some(a) => Some(
            parse_held_id(a)
                .ok_or_else(|| ServiceError::Invalid(format!("after={a:?} is not a message id")))?,
        ),
        None => None,
    };
    let limit = limit.clamp(1, HELD_PAGE_MAX);
    let r = store.read()?;
    let rows = r.outbox_held(after.as_ref(), limit)?;
    let mut codes = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (key, row) in &rows {
        if let std::collections::hash_map::Entry::Vacant(v) = codes.entry(key.election) {
            v.insert(r.election_by_id(key.election)?.map(|e| e.code));
        }
        out.push(held_view(codes[&key.election].clone(), key, row));
    }
    let next = (rows.len() == limit)
        .then(|| rows.last().map(|(k, _)| held_id(k)))
        .flatten();
    Ok((out, next))
}

/// Releases a held message once its text is fixed: rendered again now, it
/// goes back to the queue (a new attempt, due at once); still unsendable,
/// it stays held with the new reason. A newer message about the same
/// ballot on the same channel supersedes it instead: the voter is never told
/// an old status after a new one. State only; audited either way.
pub fn release_held(
    store: &Store,
    catalog: &Catalog,
    actor: &Actor,
    id: &str,
    now: jiff::Timestamp,
) -> Result<HeldMessage> {
    use crate::domain::outbox::OutboxState;
    state_only(actor, "release held messages")?;
    let missing = || ServiceError::NotFound(format!("no held message {id:?}"));
    let key = parse_held_id(id).ok_or_else(missing)?;
    store.write_as(true, |b| {
        let mut row = b.outbox_get(&key)?.ok_or_else(missing)?;
        if row.state != OutboxState::Held {
            return Err(ServiceError::Conflict(format!(
                "message {id} is not held: it is {}",
                row.state.name()
            )));
        }
        let newer = key.election != crate::notify::planner::NO_ELECTION
            && b.outbox_for_ballot(key.voter, key.election)?
                .iter()
                .any(|(k, r)| {
                    k.channel == key.channel
                        && *k != key
                        && r.created_at > row.created_at
                        && !matches!(
                            k.kind,
                            MessageKind::ReturnReminder | MessageKind::CureReminder
                        )
                });
        row.updated_at = secs(now);
        let what = if newer {
            row.attempt += 1;
            row.state = OutboxState::Superseded;
            row.note = Some("a newer message about the ballot was queued while it was held".into());
            format!("withdrew held message {id}: a newer one replaced it")
        } else {
            match crate::notify::dispatch::held_renders(b, catalog, &key, &row, now)? {
                Err(why) => {
                    row.note = Some(why);
                    format!("tried to release held message {id}: it stays held")
                }
                Ok(()) => {
                    row.attempt += 1;
                    row.state = OutboxState::Pending;
                    row.due = secs(now);
                    row.note = Some(format!("released by {}", actor.name));
                    format!("released held message {id}")
                }
            }
        };
        b.outbox_update(&key, &row)?;
        b.audit(secs(now), &actor.name, &what)?;
        let code = b.election_by_id(key.election)?.map(|e| e.code);
        Ok(held_view(code, &key, &row))
    })
}
