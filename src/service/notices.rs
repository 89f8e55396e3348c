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
    for county in counties {
        for kind in MessageKind::ALL {
            for channel in Channel::ALL {
                let content = preview_with(
                    catalog,
                    lang,
                    *county,
                    &CountyOffice::default(),
                    kind,
                    channel,
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

fn preview_with(
    catalog: &Catalog,
    lang: Language,
    county: CountyCode,
    office: &CountyOffice,
    kind: MessageKind,
    channel: Channel,
) -> Result<Content> {
    let code = crate::domain::StatusCode::ALL.into_iter().find(|c| {
        c.default_message() == kind
            || (kind == MessageKind::CureReminder
                && c.default_message() == MessageKind::ContactCounty)
    });
    let d = jiff::civil::date(2026, 11, 3);
    let facts = MessageFacts {
        kind,
        language: lang,
        county,
        office,
        election_date: d,
        cure_deadline: jiff::civil::date(2026, 12, 1),
        event_date: jiff::civil::date(2026, 10, 5),
        code,
        today: jiff::civil::date(2026, 10, 27),
        unsubscribe_url: "https://example.org/unsubscribe/preview".into(),
        manage_url: "https://example.org/manage/preview".into(),
    };
    render::render(catalog, &facts, channel).map_err(|e| ServiceError::Invalid(e.to_string()))
}

/// A message as it would go out now, with the stored overrides and sample
/// facts, for staff to check a text before and after overriding it.
pub fn preview(
    store: &Store,
    lang: Language,
    county: CountyCode,
    kind: MessageKind,
    channel: Channel,
) -> Result<Content> {
    let catalog = stored_catalog(store)?;
    preview_in(&catalog, store, lang, county, kind, channel)
}

/// `preview` with the catalog a running engine sends with.
pub fn preview_in(
    catalog: &Catalog,
    store: &Store,
    lang: Language,
    county: CountyCode,
    kind: MessageKind,
    channel: Channel,
) -> Result<Content> {
    let office = county_office(store, county)?;
    preview_with(catalog, lang, county, &office, kind, channel)
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
