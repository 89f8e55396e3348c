//! What the voter pages do: look a voter up by the sign-up rules, keep a
//! sign-up until a contact is confirmed by code, sign a voter in by a code
//! sent to a confirmed contact, show the voter's ballots, and change or stop
//! it all. Codes are made here; sending them is the notifier's.

use super::caps::{keyed, may_send_to};
use super::{Result, ServiceError, secs};
use crate::domain::challenge::{self, Challenge, Check, CodeCaps, Purpose};
use crate::domain::signup::{self, Identity, Match};
use crate::domain::{
    Ballot, Channel, Contact, Election, Language, LookupKey, Subscription, Voter, VoterId,
};
use crate::notify::planner;
use crate::signer::Grant;
use crate::store::{Batch, PendingSignUp, Store};

/// A code to send: where, how, in which language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeToSend {
    pub channel: Channel,
    pub address: String,
    pub language: Language,
    pub code: String,
}

/// What limits the codes the voter pages send: caps per destination, and
/// the countries texts and calls may go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRules {
    pub caps: CodeCaps,
    /// ISO 3166 alpha-2 codes, e.g. `US`.
    pub countries: Vec<String>,
}

impl Default for CodeRules {
    fn default() -> Self {
        Self {
            caps: CodeCaps::default(),
            countries: vec!["US".into()],
        }
    }
}

/// The codes a step made, and the contacts whose code was held back
/// because codes went to them lately (the one sent before stays good).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codes {
    pub to_send: Vec<CodeToSend>,
    pub held: Vec<Channel>,
}

/// A confirmation code is for one address: a code sent to one address never
/// confirms another put in its place.
pub(super) fn confirm_key(secret: &[u8], voter: u128, channel: Channel, address: &str) -> [u8; 16] {
    keyed(
        secret,
        &[
            b"confirm",
            &voter.to_be_bytes(),
            channel.name().as_bytes(),
            address.to_lowercase().as_bytes(),
        ],
    )
}

/// Names a destination in the record of codes sent to it.
fn destination_key(secret: &[u8], address: &str) -> [u8; 16] {
    keyed(secret, &[b"codes-to", address.to_lowercase().as_bytes()])
}

/// Whether a code may go to `address` now under the caps; if so, counts it.
fn may_send_code(
    b: &mut Batch<'_>,
    secret: &[u8],
    address: &str,
    caps: &CodeCaps,
    now: i64,
) -> Result<bool> {
    may_send_to(b, destination_key(secret, address), caps, now)
}

/// Refuses phone contacts outside the allowed countries (the pages say so
/// first; this keeps every other way in to the same rule).
pub(super) fn check_countries(sub: &Subscription, rules: &CodeRules) -> Result<()> {
    for channel in [Channel::Sms, Channel::Voice] {
        if let Some(c) = sub.contact(channel)
            && !crate::domain::subscription::phone_allowed(&c.address, &rules.countries)
        {
            return Err(ServiceError::Invalid(format!(
                "{channel}: texts and calls go only to numbers in {}",
                rules.countries.join(", ")
            )));
        }
    }
    Ok(())
}

fn signin_key(secret: &[u8], address: &str) -> [u8; 16] {
    keyed(secret, &[b"sign-in", address.to_lowercase().as_bytes()])
}

fn code_hash(secret: &[u8], key: &[u8; 16], code: &str) -> [u8; 16] {
    keyed(secret, &[b"code", key, code.as_bytes()])
}

fn new_code() -> String {
    use rand::Rng;
    let n: u32 = rand::rng().random_range(0..10u32.pow(challenge::CODE_DIGITS as u32));
    format!("{n:0width$}", width = challenge::CODE_DIGITS)
}

/// The lookup key of an identity, for rate limiting by who is looked up.
pub fn lookup_key(store: &Store, id: &Identity) -> LookupKey {
    LookupKey::compute(
        store.keys().lookup(),
        &id.last_name,
        &id.first_name,
        id.dob_parts(),
        id.zip5,
    )
}

/// The voters of a lookup key, with their records.
fn candidates(store: &Store, key: LookupKey) -> Result<Vec<(VoterId, Voter)>> {
    let r = store.read()?;
    let mut out = Vec::new();
    for id in r.voters_by_lookup(key)? {
        if let Some(v) = r.voter_get(id)? {
            out.push((id, v));
        }
    }
    Ok(out)
}

/// Which voter the sign-up form describes. The same reads happen whether or
/// not anyone matches, so the answer takes the same time.
pub fn lookup(store: &Store, id: &Identity) -> Result<Match> {
    Ok(signup::decide(&candidates(store, lookup_key(store, id))?))
}

/// Among the voters who can sign up under `key`, the one whose VoteCal id
/// was typed, if any.
pub fn choose(store: &Store, key: LookupKey, typed: &str) -> Result<Option<VoterId>> {
    Ok(match signup::decide(&candidates(store, key)?) {
        Match::Several(ids) => signup::choose(&ids, typed),
        Match::One(id) => signup::choose(&[id], typed),
        Match::NoMatch => None,
    })
}

/// Keeps a sign-up until a contact is confirmed, and makes a code for each
/// contact. A sign-up made before and not confirmed is replaced.
pub fn begin_sign_up(
    store: &Store,
    sub: Subscription,
    rules: &CodeRules,
    now: jiff::Timestamp,
) -> Result<Codes> {
    let now = secs(now);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    check_countries(&sub, rules)?;
    store.write_as(true, |b| {
        match b.voter_get(sub.voter)? {
            Some(v) if signup::can_sign_up(&v) && v.county == sub.county => {}
            _ => return Err(ServiceError::NotFound("no such voter can sign up".into())),
        }
        if let Some(c) = taken(b.subscription_get(sub.voter.key())?, &sub).first() {
            return Err(ServiceError::Conflict(format!(
                "{c}: the voter's {c} messages go to another confirmed contact"
            )));
        }
        let codes = challenges_for(b, &secret, &sub, &rules.caps, now)?;
        b.pending_signup_put(&PendingSignUp {
            subscription: sub,
            created_at: now,
        })?;
        Ok(codes)
    })
}

/// The channels of a sign-up on which the voter already has another
/// confirmed contact (in the same county): a sign-up adds contacts, it never
/// takes one over.
fn taken(old: Option<Subscription>, sub: &Subscription) -> Vec<Channel> {
    let Some(old) = old.filter(|o| o.county == sub.county) else {
        return Vec::new();
    };
    Channel::ALL
        .into_iter()
        .filter(|c| {
            let mine = sub.contact(*c);
            let theirs = old.contact(*c).filter(|x| x.verified);
            matches!((mine, theirs), (Some(m), Some(t)) if !m.address.eq_ignore_ascii_case(&t.address))
        })
        .collect()
}

/// The channels of `sub` taken by another confirmed contact of the voter.
pub fn taken_channels(store: &Store, sub: &Subscription) -> Result<Vec<Channel>> {
    Ok(taken(store.read()?.subscription(sub.voter.key())?, sub))
}

/// New codes for every contact of the voter's sign-up (pending, or
/// unconfirmed contacts of the subscription).
pub fn resend_codes(
    store: &Store,
    voter: VoterId,
    rules: &CodeRules,
    now: jiff::Timestamp,
) -> Result<Codes> {
    let now = secs(now);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let mut codes = Codes::default();
        let mut add = |c: Codes| {
            codes.to_send.extend(c.to_send);
            codes.held.extend(c.held);
        };
        if let Some(p) = b.pending_signup_get(voter.key(), now)? {
            add(challenges_for(
                b,
                &secret,
                &p.subscription,
                &rules.caps,
                now,
            )?);
        }
        if let Some(sub) = b.subscription_get(voter.key())? {
            let unconfirmed = unconfirmed_only(&sub);
            add(challenges_for(b, &secret, &unconfirmed, &rules.caps, now)?);
        }
        Ok(codes)
    })
}

/// The subscription with only its unconfirmed contacts.
fn unconfirmed_only(sub: &Subscription) -> Subscription {
    let mut s = sub.clone();
    for c in Channel::ALL {
        let slot = s.contact_slot(c);
        if slot.as_ref().is_some_and(|x| x.verified) {
            *slot = None;
        }
    }
    s
}

/// A code for each contact of `sub`, unless the caps hold it back.
pub(super) fn challenges_for(
    b: &mut Batch<'_>,
    secret: &[u8],
    sub: &Subscription,
    caps: &CodeCaps,
    now: i64,
) -> Result<Codes> {
    let mut codes = Codes::default();
    for channel in Channel::ALL {
        let Some(contact) = sub.contact(channel) else {
            continue;
        };
        if !may_send_code(b, secret, &contact.address, caps, now)? {
            codes.held.push(channel);
            continue;
        }
        let key = confirm_key(secret, sub.voter.key(), channel, &contact.address);
        let code = new_code();
        let purpose = Purpose::Confirm {
            voter: sub.voter.key(),
            channel,
        };
        b.challenge_put(
            key,
            &Challenge::new(purpose, code_hash(secret, &key, &code), now),
        )?;
        codes.to_send.push(CodeToSend {
            channel,
            address: contact.address.clone(),
            language: sub.language,
            code,
        });
    }
    Ok(codes)
}

/// What became of one entered code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeOutcome {
    Confirmed,
    Wrong,
    /// Expired, used up, or never sent: a new one is needed.
    Void,
}

/// Checks a typed code against the challenge under `key`: a wrong code
/// counts a try and keeps the challenge; a right or void one ends it.
fn use_code(
    b: &mut Batch<'_>,
    secret: &[u8],
    key: [u8; 16],
    typed: &str,
    now: i64,
) -> Result<CodeOutcome> {
    let Some(mut c) = b.challenge_get(key)? else {
        return Ok(CodeOutcome::Void);
    };
    let outcome = match challenge::read_code(typed) {
        None => CodeOutcome::Wrong,
        Some(code) => match c.check(&code_hash(secret, &key, &code), now) {
            Check::Right => CodeOutcome::Confirmed,
            Check::Wrong => CodeOutcome::Wrong,
            Check::Void => CodeOutcome::Void,
        },
    };
    match outcome {
        CodeOutcome::Wrong => b.challenge_put(key, &c)?,
        _ => b.challenge_remove(key)?,
    }
    Ok(outcome)
}

/// Each entered code's channel and outcome.
pub type Outcomes = Vec<(Channel, CodeOutcome)>;

/// What the voter is waiting to confirm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unconfirmed {
    pub language: Language,
    /// Channel and address of each contact waiting for its code.
    pub contacts: Vec<(Channel, String)>,
}

/// The contacts the voter has yet to confirm (sign-up or changed contacts).
pub fn unconfirmed(
    store: &Store,
    voter: VoterId,
    now: jiff::Timestamp,
) -> Result<Option<Unconfirmed>> {
    let now = secs(now);
    store.write_as(false, |b| {
        let pending = b.pending_signup_get(voter.key(), now)?;
        let sub = b.subscription_get(voter.key())?;
        let from = pending
            .map(|p| p.subscription)
            .or(sub.map(|s| unconfirmed_only(&s)));
        Ok(from.and_then(|s| {
            let contacts: Vec<(Channel, String)> = Channel::ALL
                .into_iter()
                .filter_map(|c| s.contact(c).map(|x| (c, x.address.clone())))
                .collect();
            (!contacts.is_empty()).then_some(Unconfirmed {
                language: s.language,
                contacts,
            })
        }))
    })
}

/// Checks the codes entered for the voter's contacts. Each confirmed contact
/// joins the voter's subscription (made from the pending sign-up if there
/// is none), and the sign-up's messages are queued for it.
///
/// Returns each code's outcome, and a sign-in through the contacts just
/// confirmed (if any were).
///
/// The voter's other confirmed contacts are told of each contact that
/// joined (`contact_notices`), within `caps` per told contact.
pub fn confirm(
    store: &Store,
    voter: VoterId,
    entered: &[(Channel, String)],
    caps: &CodeCaps,
    at: jiff::Timestamp,
) -> Result<(Outcomes, Option<Grant>)> {
    let now = secs(at);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let waiting = waiting_addresses(b, voter, now)?;
        let mut outcomes = Vec::new();
        let mut confirmed = Vec::new();
        for (channel, typed) in entered {
            let Some((_, address)) = waiting.iter().find(|(c, _)| c == channel) else {
                outcomes.push((*channel, CodeOutcome::Void));
                continue;
            };
            let key = confirm_key(&secret, voter.key(), *channel, address);
            let outcome = use_code(b, &secret, key, typed, now)?;
            if outcome == CodeOutcome::Confirmed {
                confirmed.push(*channel);
            }
            outcomes.push((*channel, outcome));
        }
        if confirmed.is_empty() {
            return Ok((outcomes, None));
        }
        let joined = join_confirmed(b, voter, &confirmed, now)?;
        super::contact_notices::queue(b, &secret, voter, &joined, caps, at)?;
        let epochs = b.contact_epochs(voter.key())?;
        let grant = Grant {
            voter: voter.key(),
            through: confirmed.iter().map(|c| (*c, epochs.get(*c))).collect(),
        };
        Ok((outcomes, Some(grant)))
    })
}

/// The contacts waiting for a code: the pending sign-up's, or the
/// subscription's unconfirmed ones.
pub(super) fn waiting_addresses(
    b: &Batch<'_>,
    voter: VoterId,
    now: i64,
) -> Result<Vec<(Channel, String)>> {
    let from = match b.pending_signup_get(voter.key(), now)? {
        Some(p) => Some(p.subscription),
        None => b
            .subscription_get(voter.key())?
            .map(|s| unconfirmed_only(&s)),
    };
    Ok(from.map_or_else(Vec::new, |s| {
        Channel::ALL
            .into_iter()
            .filter_map(|c| s.contact(c).map(|x| (c, x.address.clone())))
            .collect()
    }))
}

/// Moves confirmed contacts into the subscription; returns the channels
/// whose contact joined or changed.
fn join_confirmed(
    b: &mut Batch<'_>,
    voter: VoterId,
    channels: &[Channel],
    now: i64,
) -> Result<Vec<Channel>> {
    let pending = b.pending_signup_get(voter.key(), now)?;
    let existing = b.subscription_get(voter.key())?;
    let mut sub = match (pending.as_ref(), existing) {
        // Another sign-up in the same county: its contacts join the voter's
        // others, each with its own settings; the others' stay as they were.
        (Some(p), Some(old)) if old.county == p.subscription.county => old,
        (Some(p), old) => {
            if let Some(old) = old {
                // Moved county: the old subscription ends with the new one.
                planner::end_subscription(b, &old, now)?;
            }
            let mut s = p.subscription.clone();
            s.email = None;
            s.sms = None;
            s.voice = None;
            s.created_at = now;
            s.since_event = b.event_log_position()?;
            s
        }
        (None, Some(old)) => old,
        (None, None) => return Ok(Vec::new()),
    };
    let mut moved = Vec::new();
    let mut joined = Vec::new();
    for channel in channels {
        // From the sign-up, with its settings; or a changed contact of the
        // subscription, with the settings chosen with it.
        let joining = match pending
            .as_ref()
            .and_then(|p| p.subscription.contact(*channel))
        {
            Some(c) => Some((
                c.address.clone(),
                pending.as_ref().map(|p| p.subscription.settings()),
            )),
            None => sub
                .contact(*channel)
                .map(|c| (c.address.clone(), c.settings.clone())),
        };
        if let Some((address, settings)) = joining {
            let old = sub.contact(*channel).filter(|c| c.verified);
            if old.is_some_and(|c| !c.address.eq_ignore_ascii_case(&address)) && pending.is_some() {
                // Another's confirmed contact is never replaced by a sign-up.
                continue;
            }
            if old.is_some_and(|c| !c.address.eq_ignore_ascii_case(&address)) {
                // Another contact on this channel: what signed in through the one before dies.
                moved.push(*channel);
            }
            if old.is_none_or(|c| !c.address.eq_ignore_ascii_case(&address)) {
                joined.push(*channel);
            }
            let mut contact = Contact::new(address, true);
            contact.settings = settings;
            *sub.contact_slot(*channel) = Some(contact);
        }
    }
    b.contact_epochs_bump(voter.key(), &moved)?;
    if let Some(mut p) = pending {
        for channel in channels {
            *p.subscription.contact_slot(*channel) = None;
        }
        if Channel::ALL
            .iter()
            .any(|c| p.subscription.contact(*c).is_some())
        {
            b.pending_signup_put(&p)?;
        } else {
            b.pending_signup_remove(voter.key())?;
        }
    }
    b.subscription_put(&sub)?;
    planner::queue_sign_up(b, &sub, now)?;
    b.audit(
        now,
        "voter",
        &format!(
            "voter {voter} confirmed {}",
            channels
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )?;
    Ok(joined)
}

/// Starts a sign-in: if `address` is a confirmed contact of one or more
/// voters, a code for it. `None` tells the caller nothing to send — and the
/// page says the same either way.
///
/// A contact that had codes lately gets no new one until the caps allow
/// (the one sent before stays good): asking again and again neither pumps
/// messages to it nor replaces the code its owner is typing.
pub fn begin_sign_in(
    store: &Store,
    address: &str,
    caps: &CodeCaps,
    now: jiff::Timestamp,
) -> Result<Option<CodeToSend>> {
    let now = secs(now);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let mut found: Option<(Channel, String, Language, u128)> = None;
        for voter in b.subscribers_by_contact(address)? {
            let Some(sub) = b.subscription_get(voter)? else {
                continue;
            };
            // Text before voice: a code is easier to read than to hear.
            for channel in [Channel::Email, Channel::Sms, Channel::Voice] {
                if let Some(c) = sub.contact(channel)
                    && c.verified
                    && c.bad.is_none()
                    && c.address.eq_ignore_ascii_case(address)
                    && found
                        .as_ref()
                        .is_none_or(|f| channel_rank(channel) < channel_rank(f.0))
                {
                    found = Some((channel, c.address.clone(), sub.language_for(channel), voter));
                }
            }
        }
        let Some((channel, address, language, voter)) = found else {
            return Ok(None);
        };
        if !may_send_code(b, &secret, &address, caps, now)? {
            return Ok(None);
        }
        let key = signin_key(&secret, &address);
        let code = new_code();
        b.challenge_put(
            key,
            &Challenge::new(
                Purpose::SignIn { voter },
                code_hash(&secret, &key, &code),
                now,
            ),
        )?;
        Ok(Some(CodeToSend {
            channel,
            address,
            language,
            code,
        }))
    })
}

fn channel_rank(c: Channel) -> u8 {
    match c {
        Channel::Email => 0,
        Channel::Sms => 1,
        Channel::Voice => 2,
    }
}

/// Finishes a sign-in: the voters whose confirmed contact `address` is, if
/// the code is right, each through the channels that contact is on.
pub fn finish_sign_in(
    store: &Store,
    address: &str,
    typed: &str,
    now: jiff::Timestamp,
) -> Result<(CodeOutcome, Vec<Grant>)> {
    let now = secs(now);
    let secret = store.key(crate::store::KeyPurpose::CodeHashes).to_vec();
    store.write_as(true, |b| {
        let outcome = use_code(b, &secret, signin_key(&secret, address), typed, now)?;
        if outcome != CodeOutcome::Confirmed {
            return Ok((outcome, Vec::new()));
        }
        // Everyone who shares the confirmed contact (a household's email).
        let mut grants = Vec::new();
        for voter in b.subscribers_by_contact(address)? {
            let Some(sub) = b.subscription_get(voter)? else {
                continue;
            };
            let epochs = b.contact_epochs(voter)?;
            let through: Vec<(Channel, u32)> = Channel::ALL
                .into_iter()
                .filter(|ch| {
                    sub.contact(*ch)
                        .is_some_and(|c| c.verified && c.address.eq_ignore_ascii_case(address))
                })
                .map(|ch| (ch, epochs.get(ch)))
                .collect();
            if !through.is_empty() {
                grants.push(Grant { voter, through });
            }
        }
        Ok((outcome, grants))
    })
}

/// One election's ballot of the voter, with its election.
#[derive(Clone, Debug)]
pub struct BallotEntry {
    pub election: std::sync::Arc<Election>,
    pub ballot: Ballot,
}

/// What the "my ballot" page shows.
#[derive(Clone, Debug)]
pub struct VoterPage {
    pub voter: VoterId,
    pub record: Voter,
    pub subscription: Option<Subscription>,
    /// Newest election first.
    pub ballots: Vec<BallotEntry>,
    pub office: crate::domain::county_office::CountyOffice,
}

/// A signed-in voter's record, subscription and ballots.
pub fn voter_page(store: &Store, voter: VoterId) -> Result<Option<VoterPage>> {
    let r = store.latest()?;
    let Some(record) = r.voter_get(voter)? else {
        return Ok(None);
    };
    let elections = store.elections_now()?;
    let mut ballots = Vec::new();
    let found = r.ballots_of(voter, elections.iter().map(|(id, _)| *id))?;
    for ((_, election), ballot) in elections.iter().zip(found) {
        if let Some(ballot) = ballot {
            ballots.push(BallotEntry {
                election: election.clone(),
                ballot,
            });
        }
    }
    ballots.sort_by_key(|b| std::cmp::Reverse(b.election.date));
    Ok(Some(VoterPage {
        voter,
        subscription: r.subscription(voter.key())?,
        office: r.county_office(record.county)?,
        record,
        ballots,
    }))
}

/// Deletes expired one-time codes and sign-ups left unconfirmed; returns how
/// many went.
pub fn sweep(store: &Store, now: jiff::Timestamp) -> Result<u64> {
    Ok(store.write(true, |b| b.sweep_challenges(secs(now)))?)
}
