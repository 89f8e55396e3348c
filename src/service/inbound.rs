//! Texts from voters: STOP, START and HELP (the carriers' required keywords),
//! each answered in the voter's language. Anything else gets no reply.

use super::ServiceError;
use super::subscriptions::set_opted_out;
use crate::domain::county_office::CountyOffice;
use crate::domain::{Channel, Language};
use crate::notify::catalog::Catalog;
use crate::store::Store;
use fluent_bundle::FluentArgs;
use jiff::Timestamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    Stop,
    Start,
    Help,
}

/// The keyword a text is, if it is one: the whole message, trimmed, in any case.
pub fn keyword(body: &str) -> Option<Keyword> {
    match body.trim().to_uppercase().as_str() {
        "STOP" | "STOPALL" | "UNSUBSCRIBE" | "CANCEL" | "END" | "QUIT" | "REVOKE" | "OPTOUT" => {
            Some(Keyword::Stop)
        }
        "START" | "UNSTOP" | "YES" => Some(Keyword::Start),
        "HELP" | "INFO" => Some(Keyword::Help),
        _ => None,
    }
}

/// Where a number's replies come from: the language, county name and office
/// of its first subscription.
struct Sender {
    language: Language,
    county: Option<crate::domain::CountyCode>,
    county_name: &'static str,
    office: CountyOffice,
}

/// For a number nobody subscribed: English, the state's texts and the
/// Secretary of State's hotline.
const STATE_NAME: &str = "California";

fn sender(store: &Store, from: &str) -> Result<Sender, ServiceError> {
    // The by-contact index is only on write batches; this one writes nothing.
    store.write_as(false, |b| {
        let mut first = None;
        for voter in b.subscribers_by_contact(from)? {
            let Some(sub) = b.subscription_get(voter)? else {
                continue;
            };
            let matches = |c: Channel| {
                sub.contact(c)
                    .is_some_and(|x| x.address.eq_ignore_ascii_case(from))
            };
            if matches(Channel::Sms) {
                first = Some(sub);
                break;
            }
            // The number given for calls only: its language still fits.
            if first.is_none() && matches(Channel::Voice) {
                first = Some(sub);
            }
        }
        Ok(match first {
            Some(sub) => Sender {
                language: sub.language,
                county: Some(sub.county),
                county_name: sub.county.name(),
                office: b.county_office_get(sub.county)?,
            },
            None => Sender {
                language: Language::EN,
                county: None,
                county_name: STATE_NAME,
                office: CountyOffice::default(),
            },
        })
    })
}

/// Acts on a text from `from` (E.164, as the provider gives it) and returns
/// the reply to send, if any. STOP opts the number out of texts on every
/// subscription using it, START opts it back in.
pub fn handle_sms(
    store: &Store,
    catalog: &Catalog,
    from: &str,
    body: &str,
    now: Timestamp,
) -> Result<Option<String>, ServiceError> {
    let Some(k) = keyword(body) else {
        return Ok(None);
    };
    let from = from.trim();
    let id = match k {
        Keyword::Stop => {
            set_opted_out(store, Channel::Sms, from, true, now)?;
            "sms-stopped"
        }
        Keyword::Start => {
            set_opted_out(store, Channel::Sms, from, false, now)?;
            lift_carrier_block(store, from, now)?;
            "sms-started"
        }
        Keyword::Help => "sms-help",
    };
    let s = sender(store, from)?;
    // No county is known for a number nobody subscribed: the service's own
    // texts speak, not "California County".
    let id = match s.county {
        Some(_) => id.to_string(),
        None => format!("{id}-state"),
    };
    let id = id.as_str();
    let mut args = FluentArgs::new();
    args.set("county", s.county_name);
    args.set("county_phone", s.office.phone.clone());
    let text = catalog
        .text(s.language, s.county, id, &args)
        .map_err(|e| ServiceError::Invalid(e.to_string()))?;
    Ok(Some(text))
}

/// `handle_sms` for the text the provider names `text_id`, applied once: a
/// text seen before (a replayed request) changes nothing and gets no reply.
/// Recorded after it is applied, so a text whose handling failed is applied
/// when the provider tries again.
pub fn handle_sms_once(
    store: &Store,
    catalog: &Catalog,
    text_id: &str,
    from: &str,
    body: &str,
    now: Timestamp,
) -> Result<Option<String>, ServiceError> {
    if store.read()?.provider_report_seen(text_id, INBOUND_TEXT)? {
        return Ok(None);
    }
    let reply = handle_sms(store, catalog, from, body, now)?;
    store.write(true, |b| {
        b.provider_report_first(text_id, INBOUND_TEXT, now.as_second())
    })?;
    Ok(reply)
}

/// What an inbound text is recorded as saying, beside its id.
const INBOUND_TEXT: &str = "inbound text";

/// A number Twilio refused with 21610 (the voter had texted STOP to the
/// carrier) takes messages again once the voter texts START: the carrier
/// lifts its block then, so the contact is no longer bad.
fn lift_carrier_block(store: &Store, from: &str, now: Timestamp) -> Result<(), ServiceError> {
    store.write_as(true, |b| {
        for voter in b.subscribers_by_contact(from)? {
            let Some(mut sub) = b.subscription_get(voter)? else {
                continue;
            };
            let Some(c) = sub.contact_mut(Channel::Sms) else {
                continue;
            };
            let blocked = c.bad.as_deref().is_some_and(|why| why.contains("21610"));
            if !c.address.eq_ignore_ascii_case(from) || !blocked {
                continue;
            }
            c.bad = None;
            b.subscription_put(&sub)?;
            b.audit(
                now.as_second(),
                "voter",
                &format!(
                    "voter {} restarted sms messages after a carrier block",
                    sub.voter
                ),
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_nobody_subscribed_gets_the_services_own_replies_in_every_language() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        let catalog = Catalog::builtin().unwrap();
        let now = Timestamp::from_second(1_791_633_600).unwrap();
        for body in ["STOP", "HELP", "START"] {
            let reply = handle_sms(&store, &catalog, "+15305550100", body, now)
                .unwrap()
                .unwrap();
            assert!(
                reply.starts_with("California ballot tracking"),
                "{body}: {reply}"
            );
            assert!(!reply.contains("County"), "{body}: {reply}");
        }
        let mut args = FluentArgs::new();
        args.set("county", STATE_NAME);
        args.set("county_phone", "(800) 345-8683");
        for lang in Language::ALL {
            for id in ["sms-help", "sms-stopped", "sms-started"] {
                let state = catalog
                    .text(lang, None, &format!("{id}-state"), &args)
                    .unwrap();
                let county = catalog.text(lang, None, id, &args).unwrap();
                assert_ne!(state, county, "{lang} {id}");
                assert!(!state.contains("California County"), "{lang} {id}: {state}");
                let keyword = if id == "sms-stopped" { "START" } else { "STOP" };
                assert!(state.contains(keyword), "{lang} {id}: {state}");
            }
        }
    }
}
