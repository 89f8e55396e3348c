//! Enrolling voters for messages (county staff on the phone, integrators'
//! sign-up pages), listing and removing them, and the voter's own stops.

use super::{Actor, Result, ServiceError, secs};
use crate::domain::subscription::{self, DEFAULT_TIME_ZONE};
use crate::domain::{Channel, Contact, CountyCode, Hours, Language, Subscription, VoterId};
use crate::notify::planner::{self, PlanReport};
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// What a sign-up gives. Absent hours and time zone take the instance's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionRequest {
    pub votecal_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub sms: Option<String>,
    #[serde(default)]
    pub voice: Option<String>,
    pub language: String,
    /// `HH:MM-HH:MM`.
    #[serde(default)]
    pub hours: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The contacts were confirmed (staff on the phone with the voter, or the
    /// integrator's own verification); otherwise they wait for verification.
    #[serde(default)]
    pub confirmed: bool,
}

/// The instance's defaults for voters who chose none.
#[derive(Clone, Debug)]
pub struct Defaults {
    pub hours: Hours,
    pub time_zone: String,
}

impl Default for Defaults {
    fn default() -> Self {
        Self {
            hours: Hours::DEFAULT,
            time_zone: DEFAULT_TIME_ZONE.into(),
        }
    }
}

/// A subscription as staff and integrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub votecal_id: String,
    pub county: String,
    pub language: String,
    pub hours: String,
    pub time_zone: String,
    pub contacts: Vec<ContactView>,
    /// RFC 3339.
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub channel: String,
    pub address: String,
    pub verified: bool,
    pub opted_out: bool,
    /// Why the provider said it cannot be reached, if it did.
    pub bad: Option<String>,
}

pub fn view(s: &Subscription) -> SubscriptionView {
    SubscriptionView {
        votecal_id: s.voter.to_string(),
        county: s.county.code().to_string(),
        language: s.language.code().to_string(),
        hours: s.hours.to_string(),
        time_zone: s.time_zone.clone(),
        contacts: Channel::ALL
            .into_iter()
            .filter_map(|c| {
                s.contact(c).map(|x| ContactView {
                    channel: c.name().to_string(),
                    address: x.address.clone(),
                    verified: x.verified,
                    opted_out: x.opted_out,
                    bad: x.bad.clone(),
                })
            })
            .collect(),
        created_at: jiff::Timestamp::from_second(s.created_at)
            .map_or_else(|_| s.created_at.to_string(), |t| t.to_string()),
    }
}

fn voter_id(s: &str) -> Result<VoterId> {
    VoterId::parse(s.trim()).ok_or_else(|| {
        ServiceError::Invalid(format!(
            "votecal_id: {s:?} is not a VoteCal id (1-20 characters A-Z, 0-9)"
        ))
    })
}

fn invalid(field: &str) -> impl Fn(subscription::SubscriptionError) -> ServiceError + '_ {
    move |e| ServiceError::Invalid(format!("{field}: {e}"))
}

/// Checks a request into a subscription for a voter of `county`, in one of
/// the `spoken` languages.
pub fn build(
    req: &SubscriptionRequest,
    voter: VoterId,
    county: CountyCode,
    (defaults, spoken): (&Defaults, &[Language]),
    now: i64,
) -> Result<Subscription> {
    let contact =
        |field: &str,
         v: &Option<String>,
         parse: fn(&str) -> std::result::Result<String, subscription::SubscriptionError>|
         -> Result<Option<Contact>> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => Ok(Some(Contact::new(
                    parse(s).map_err(invalid(field))?,
                    req.confirmed,
                ))),
            }
        };
    let email = contact("email", &req.email, subscription::parse_email)?;
    let sms = contact("sms", &req.sms, subscription::parse_phone)?;
    let voice = contact("voice", &req.voice, subscription::parse_phone)?;
    if email.is_none() && sms.is_none() && voice.is_none() {
        return Err(invalid("email, sms, voice")(
            subscription::SubscriptionError::NoContact,
        ));
    }
    let language = Language::parse_code(req.language.trim())
        .filter(|l| spoken.contains(l))
        .ok_or_else(|| {
            ServiceError::Invalid(format!(
                "language: {:?} is not one of {}",
                req.language,
                spoken
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let hours = match req.hours.as_deref() {
        Some(h) => h.parse().map_err(invalid("hours"))?,
        None => defaults.hours,
    };
    let time_zone = match req.time_zone.as_deref() {
        Some(z) => subscription::parse_time_zone(z).map_err(invalid("time_zone"))?,
        None => defaults.time_zone.clone(),
    };
    Ok(Subscription {
        voter,
        county,
        language,
        hours,
        time_zone,
        email,
        sms,
        voice,
        created_at: now,
        since_event: 0,
    })
}

/// Enrols (or re-enrols, replacing) a voter of the roll. Queues the
/// confirmation and, for elections under way, the ballot's current status.
pub fn add(
    store: &Store,
    actor: &Actor,
    req: &SubscriptionRequest,
    defaults: &Defaults,
    now: jiff::Timestamp,
) -> Result<(SubscriptionView, PlanReport)> {
    let id = voter_id(&req.votecal_id)?;
    let now = secs(now);
    let spoken = super::languages::spoken(store)?;
    store.write_as(true, |b| {
        let voter = match b.voter_get(id)? {
            Some(v) if actor.covers(v.county) && !v.removed => v,
            // Not the actor's to see, or not on the roll: the same answer.
            _ => return Err(ServiceError::NotFound(format!("no voter {id} on the roll"))),
        };
        let mut sub = build(req, id, voter.county, (defaults, &spoken), now)?;
        sub.since_event = b.event_log_position()?;
        // A contact staff replace no longer signs anyone in.
        let old = b.subscription_get(id.key())?;
        let moved: Vec<Channel> = Channel::ALL
            .into_iter()
            .filter(|c| {
                old.as_ref()
                    .and_then(|o| o.contact(*c))
                    .is_some_and(|x| Some(&x.address) != sub.contact(*c).map(|n| &n.address))
            })
            .collect();
        b.contact_epochs_bump(id.key(), &moved)?;
        b.subscription_put(&sub)?;
        let report = planner::queue_sign_up(b, &sub, now)?;
        b.audit(
            now,
            &actor.name,
            &format!("subscribed voter {id} ({})", channels(&sub)),
        )?;
        Ok((view(&sub), report))
    })
}

fn channels(s: &Subscription) -> String {
    Channel::ALL
        .into_iter()
        .filter(|c| s.contact(*c).is_some())
        .map(Channel::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A voter's subscription.
pub fn get(store: &Store, actor: &Actor, votecal_id: &str) -> Result<SubscriptionView> {
    let id = voter_id(votecal_id)?;
    match store.read()?.subscription(id.key())? {
        Some(s) if actor.covers(s.county) => Ok(view(&s)),
        _ => Err(ServiceError::NotFound(format!(
            "voter {id} has no subscription"
        ))),
    }
}

/// Subscriptions of a county (or every county, for the state), in voter
/// order after `after`, at most `limit`.
pub fn list(
    store: &Store,
    actor: &Actor,
    county: Option<CountyCode>,
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<SubscriptionView>> {
    let county = match (county, actor.scope) {
        (Some(c), _) if !actor.covers(c) => {
            return Err(ServiceError::Forbidden(format!(
                "this token cannot see county {}",
                c.code()
            )));
        }
        (Some(c), _) => Some(c),
        (None, crate::store::TokenScope::County(c)) => Some(c),
        (None, crate::store::TokenScope::State) => None,
    };
    let after = after.map(voter_id).transpose()?.map(|v| v.key());
    Ok(store
        .read()?
        .subscriptions(county, after, limit)?
        .iter()
        .map(view)
        .collect())
}

/// Removes a voter's subscription and withdraws its pending messages.
pub fn remove(store: &Store, actor: &Actor, votecal_id: &str, now: jiff::Timestamp) -> Result<u64> {
    let id = voter_id(votecal_id)?;
    let now = secs(now);
    store.write_as(true, |b| {
        match b.subscription_get(id.key())? {
            Some(s) if actor.covers(s.county) => {}
            _ => {
                return Err(ServiceError::NotFound(format!(
                    "voter {id} has no subscription"
                )));
            }
        }
        let withdrawn =
            planner::withdraw_pending(b, id.key(), None, now, "the subscription was removed")?;
        b.subscription_remove(id.key())?;
        // Every sign-in and link of the voter dies with the subscription.
        b.contact_epochs_bump(id.key(), &Channel::ALL)?;
        b.audit(
            now,
            &actor.name,
            &format!("removed the subscription of voter {id}"),
        )?;
        Ok(withdrawn)
    })
}

/// The voter stopped (or restarted) messages to an address: a STOP reply,
/// a one-click unsubscribe, or START. Applies to every subscription using
/// the address on that channel; returns how many changed.
pub fn set_opted_out(
    store: &Store,
    channel: Channel,
    address: &str,
    opted_out: bool,
    now: jiff::Timestamp,
) -> Result<u64> {
    let now = secs(now);
    store.write_as(true, |b| {
        let mut n = 0;
        for voter in b.subscribers_by_contact(address)? {
            let Some(mut sub) = b.subscription_get(voter)? else {
                continue;
            };
            let Some(c) = sub.contact_mut(channel) else {
                continue;
            };
            if !c.address.eq_ignore_ascii_case(address) || c.opted_out == opted_out {
                continue;
            }
            c.opted_out = opted_out;
            b.subscription_put(&sub)?;
            if opted_out {
                planner::withdraw_pending(
                    b,
                    voter,
                    Some(channel),
                    now,
                    "the voter stopped messages",
                )?;
            }
            let what = if opted_out { "stopped" } else { "restarted" };
            b.audit(
                now,
                "voter",
                &format!("voter {} {what} {channel} messages", sub.voter),
            )?;
            n += 1;
        }
        Ok(n)
    })
}

/// A voter's one-click unsubscribe from an email (or other channel) link.
pub fn unsubscribe(
    store: &Store,
    voter: u128,
    channel: Channel,
    now: jiff::Timestamp,
) -> Result<bool> {
    let address = match store.read()?.subscription(voter)? {
        Some(s) => s.contact(channel).map(|c| c.address.clone()),
        None => None,
    };
    match address {
        Some(a) => Ok(set_opted_out(store, channel, &a, true, now)? > 0),
        None => Ok(false),
    }
}
