//! The dispatcher: takes due messages from the outbox, checks them against
//! the voter's hours, the election's window and the contact, records them as
//! sending (durably) before handing them to a provider, sends them within each
//! provider's rate and concurrency, and records every outcome.

use super::catalog::Catalog;
use super::drivers::{Driver, Outcome, Outgoing};
use super::planner;
use super::render::{self, Content, MessageFacts};
use crate::clock::Clock;
use crate::domain::outbox::{MAX_ATTEMPTS, OutboxKey, OutboxState, retry_delay_seconds};
use crate::domain::pacific::pacific;
use crate::domain::schedule::{Window, next_allowed};
use crate::domain::{Channel, Election, MessageKind, Subscription, VoterId};
use crate::signer;
use crate::store::{Batch, OutboxRow, Store, StoreError};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use sha2::Sha256;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use tokio::sync::Semaphore;

/// One provider: its driver, its rate and its concurrency.
pub struct Lane {
    pub driver: Arc<dyn Driver>,
    limiter: Arc<DefaultDirectRateLimiter>,
    slots: Arc<Semaphore>,
}

impl Lane {
    pub fn new(driver: Arc<dyn Driver>, rate_per_second: u32, concurrency: usize) -> Self {
        let rate = NonZeroU32::new(rate_per_second.max(1)).expect("at least 1");
        // An even stream at the rate. The small burst (10 ms worth, at least 2)
        // only lets a send that the timer woke a little late be made up, so
        // late wake-ups do not add up to a slower rate; no second ever gets
        // more than 1 % above it.
        let burst = NonZeroU32::new((rate.get() / 100).max(2)).expect("at least 2");
        let quota = Quota::per_second(rate).allow_burst(burst);
        Self {
            driver,
            limiter: Arc::new(RateLimiter::direct(quota)),
            slots: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// Messages handed to a provider.
    pub attempted: u64,
    pub sent: u64,
    /// Transient failures, to be tried again.
    pub retried: u64,
    pub failed: u64,
    pub cancelled: u64,
    /// Due, but outside the voter's hours now: moved to the next allowed time.
    pub deferred: u64,
    /// After a crash: found already accepted by the provider.
    pub recovered: u64,
    /// Not sent: the text would have had an empty or missing part.
    pub held: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DispatchError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the outbox task stopped: {0}")]
    Task(String),
}

impl DispatchReport {
    pub fn add(&mut self, o: &DispatchReport) {
        self.attempted += o.attempted;
        self.sent += o.sent;
        self.retried += o.retried;
        self.failed += o.failed;
        self.cancelled += o.cancelled;
        self.deferred += o.deferred;
        self.recovered += o.recovered;
        self.held += o.held;
    }
}

/// A claimed message with what rendering needs.
struct Claimed {
    key: OutboxKey,
    row: OutboxRow,
    sub: Subscription,
    /// Shared by every message of the election in a round.
    election: Option<Arc<Election>>,
    office: Arc<crate::domain::county_office::CountyOffice>,
    /// The voter's time zone, looked up once per round.
    tz: jiff::tz::TimeZone,
    /// The contact's sign-in generation, sealed into the manage link.
    epoch: u32,
    /// The status row's further reason codes (messages that tell why).
    reasons: Vec<crate::domain::StatusCode>,
}

/// How long a call waits before looking again for its missing recording.
const RECORDING_WAIT_SECONDS: i64 = 3600;

/// Stands for the voter's unsubscribe link while a message is rendered for
/// everyone it is the same for; letters and digits only, so no escaping
/// changes it.
const URL_PLACEHOLDER: &str = "UNSUBSCRIBELINK7f3a9c2e";
/// The same for the voter's manage link.
const MANAGE_PLACEHOLDER: &str = "MANAGELINK5d1e8b04";

/// Messages rendered in this round, by what their text depends on.
type RenderCache = HashMap<
    (
        crate::domain::Language,
        crate::domain::CountyCode,
        MessageKind,
        Channel,
        Option<crate::domain::StatusCode>,
        Vec<crate::domain::StatusCode>,
        u16,
        jiff::civil::Date,
        jiff::civil::Date,
    ),
    Rendered,
>;

/// A message rendered once for everyone it is the same for: an email cut
/// at its link placeholders, so each voter's copy is put together without
/// searching the text again.
#[derive(Clone)]
enum Rendered {
    Email {
        subject: String,
        text: Template,
        html: Template,
    },
    Other(Content),
}

/// Text between the voter's own links.
#[derive(Clone)]
struct Template {
    parts: Vec<String>,
    /// `holes[i]` comes after `parts[i]`: true for the unsubscribe link,
    /// false for the manage link.
    holes: Vec<bool>,
}

impl Template {
    fn cut(text: &str) -> Self {
        let (mut parts, mut holes) = (Vec::new(), Vec::new());
        let mut rest = text;
        loop {
            let unsub = rest.find(URL_PLACEHOLDER);
            let manage = rest.find(MANAGE_PLACEHOLDER);
            let (at, is_unsub, len) = match (unsub, manage) {
                (Some(u), Some(m)) if u < m => (u, true, URL_PLACEHOLDER.len()),
                (Some(u), None) => (u, true, URL_PLACEHOLDER.len()),
                (_, Some(m)) => (m, false, MANAGE_PLACEHOLDER.len()),
                (None, None) => break,
            };
            parts.push(rest[..at].to_string());
            holes.push(is_unsub);
            rest = &rest[at + len..];
        }
        parts.push(rest.to_string());
        Self { parts, holes }
    }

    fn fill(&self, unsubscribe: &str, manage: &str) -> String {
        let links: usize = self
            .holes
            .iter()
            .map(|u| if *u { unsubscribe.len() } else { manage.len() })
            .sum();
        let mut out =
            String::with_capacity(self.parts.iter().map(String::len).sum::<usize>() + links);
        for (i, part) in self.parts.iter().enumerate() {
            out.push_str(part);
            if let Some(u) = self.holes.get(i) {
                out.push_str(if *u { unsubscribe } else { manage });
            }
        }
        out
    }
}

enum Result_ {
    Done(Outcome),
    /// Outside the voter's hours by the time its turn came.
    Deferred(Timestamp),
    /// Its text would have had an empty or missing part: why.
    Held(String),
}

/// What a manage link is sealed for, and how long it works: through the
/// rest of an election's messages.
pub use crate::signer::MANAGE_PURPOSE;
pub const MANAGE_LINK_SECONDS: i64 = 60 * 24 * 3600;

/// `dispatch_due` starts no new round after this long (or this many rounds),
/// so new events are planned and can supersede what is queued.
const KEEP_GOING: std::time::Duration = std::time::Duration::from_secs(10);
const ROUNDS: usize = 16;

pub struct Dispatcher {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    catalog: Arc<RwLock<Catalog>>,
    lanes: BTreeMap<Channel, Lane>,
    ledger: Ledger,
    public_url: String,
    /// The instance secret, keyed once, for idempotency keys and links.
    message_key: Hmac<Sha256>,
    signer: signer::Signer,
    /// Messages claimed per round at most.
    pub batch: usize,
}

/// The outbox side of dispatch (claiming and recording), owned apart from
/// the providers so that one round's store work runs on a blocking thread
/// while the previous round's messages are handed over.
#[derive(Clone)]
struct Ledger {
    store: Arc<Store>,
    /// For which languages calls play recordings (no text-to-speech).
    catalog: Arc<RwLock<Catalog>>,
    /// The channels that have a provider, and whether it reports delivery.
    channels: BTreeMap<Channel, bool>,
}

impl Dispatcher {
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        catalog: Arc<RwLock<Catalog>>,
        lanes: BTreeMap<Channel, Lane>,
        public_url: String,
    ) -> Self {
        let ledger = Ledger {
            store: store.clone(),
            catalog: catalog.clone(),
            channels: lanes
                .iter()
                .map(|(c, l)| (*c, l.driver.reports_delivery()))
                .collect(),
        };
        let message_key = store.key(crate::store::KeyPurpose::MessageIds);
        Self {
            message_key: Hmac::<Sha256>::new_from_slice(message_key).expect("any key length"),
            signer: signer::Signer::new(store.keys()),
            store,
            clock,
            catalog,
            lanes,
            ledger,
            public_url,
            batch: 2000,
        }
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Hands one message over now, outside the outbox: one-time codes, which
    /// the voter is waiting for on the page and can ask for again.
    pub async fn send_now(&self, m: &Outgoing) -> Outcome {
        let Some(lane) = self.lanes.get(&m.key.channel) else {
            return Outcome::Permanent(format!("the {} channel is off", m.key.channel));
        };
        let _slot = lane.slots.acquire().await;
        lane.limiter.until_ready().await;
        lane.driver.send(m).await
    }

    pub fn signer(&self) -> &signer::Signer {
        &self.signer
    }

    pub(super) fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub(super) fn catalog(&self) -> &Arc<RwLock<Catalog>> {
        &self.catalog
    }

    /// The address voters reach this service at, for links.
    pub(super) fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Whether a channel has a provider.
    pub fn has_channel(&self, channel: Channel) -> bool {
        self.lanes.contains_key(&channel)
    }

    /// The id a message keeps over every attempt: a keyed hash of its outbox
    /// key, so it names the message without naming the voter.
    pub fn idempotency_key(&self, key: &OutboxKey) -> String {
        keyed_idempotency_key(self.message_key.clone(), key)
    }

    /// Plans every new event, then sends one round of due messages.
    pub async fn step(&self) -> Result<(planner::PlanReport, DispatchReport), DispatchError> {
        let now = self.clock.now();
        let mut plan = planner::PlanReport::default();
        // Bounded: a round plans at most this many entries.
        for _ in 0..1000 {
            let p = planner::plan(&self.store, now, planner::BATCH)?;
            if p.events == 0 {
                break;
            }
            plan.add(&p);
        }
        plan.add(&super::reminders::sweep(&self.store, now)?);
        let d = self.dispatch_due().await?;
        Ok((plan, d))
    }

    /// Sends the messages due now: rounds of at most `batch`, for up to
    /// `KEEP_GOING` or `ROUNDS`.
    /// While one round is handed over, one transaction records the round
    /// before it and claims the round after it.
    pub async fn dispatch_due(&self) -> Result<DispatchReport, DispatchError> {
        let mut report = DispatchReport::default();
        match self.store.read()?.outbox_next_due()? {
            Some(t) if t <= self.clock.now().as_second() => {}
            _ => return Ok(report),
        }
        let started = std::time::Instant::now();
        // After a restore, what the old instance sent since the snapshot is
        // found at the provider rather than sent again.
        let fenced = self
            .store
            .read()?
            .restore_fenced(self.clock.now().as_second())?;
        let mut sending = self.turn(Vec::new(), self.batch, &mut report).await?;
        let mut unrecorded = Vec::new();
        for round in 1.. {
            if sending.is_empty() {
                break;
            }
            let more = round < ROUNDS && started.elapsed() < KEEP_GOING;
            let limit = if more { self.batch } else { 0 };
            let ledger = self.ledger.clone();
            let (previous, now) = (std::mem::take(&mut unrecorded), self.clock.now());
            let next = tokio::task::spawn_blocking(move || {
                let mut r = DispatchReport::default();
                ledger.turn(previous, now, limit, &mut r).map(|c| (c, r))
            });
            unrecorded = self.send_all(sending, fenced, &mut report).await;
            let (claimed, r) = next
                .await
                .map_err(|e| DispatchError::Task(e.to_string()))??;
            report.add(&r);
            sending = claimed;
        }
        self.turn(unrecorded, 0, &mut report).await?;
        Ok(report)
    }

    /// `Ledger::turn` on a blocking thread.
    async fn turn(
        &self,
        results: Vec<(Claimed, Result_)>,
        limit: usize,
        report: &mut DispatchReport,
    ) -> Result<Vec<Claimed>, DispatchError> {
        if results.is_empty() && limit == 0 {
            return Ok(Vec::new());
        }
        let ledger = self.ledger.clone();
        let now = self.clock.now();
        let (claimed, r) = tokio::task::spawn_blocking(move || {
            let mut r = DispatchReport::default();
            ledger.turn(results, now, limit, &mut r).map(|c| (c, r))
        })
        .await
        .map_err(|e| DispatchError::Task(e.to_string()))??;
        report.add(&r);
        Ok(claimed)
    }

    fn outgoing(
        &self,
        c: &Claimed,
        now: Timestamp,
        cache: &mut RenderCache,
    ) -> Result<Outgoing, String> {
        // Only email carries the links (List-Unsubscribe and the footer).
        let (unsubscribe_url, manage_url) = if c.key.channel == Channel::Email {
            let (token, sealed) = self.signer.token_and_seal(
                c.key.voter,
                c.key.channel,
                c.epoch,
                MANAGE_PURPOSE,
                now.as_second() + MANAGE_LINK_SECONDS,
            );
            (
                format!("{}/unsubscribe/{token}", self.public_url),
                format!("{}/manage/{sealed}", self.public_url),
            )
        } else {
            (String::new(), String::new())
        };
        let facts = message_facts(
            &c.key,
            &c.row,
            &c.sub,
            c.election.as_deref(),
            &c.office,
            c.reasons.clone(),
            now.to_zoned(c.tz.clone()).date(),
        );
        let cache_key = (
            facts.language,
            facts.county,
            facts.kind,
            c.key.channel,
            facts.code,
            facts.reasons.clone(),
            c.key.election,
            facts.event_date,
            facts.today,
        );
        let rendered = match cache.get(&cache_key) {
            Some(r) => r,
            None => {
                let catalog = self.catalog.read().unwrap_or_else(|e| e.into_inner());
                let content =
                    render::render(&catalog, &facts, c.key.channel).map_err(|e| e.to_string())?;
                let r = match content {
                    Content::Email {
                        subject,
                        text,
                        html,
                    } => Rendered::Email {
                        subject,
                        text: Template::cut(&text),
                        html: Template::cut(&html),
                    },
                    other => Rendered::Other(other),
                };
                cache.entry(cache_key).or_insert(r)
            }
        };
        let content = match rendered {
            Rendered::Email {
                subject,
                text,
                html,
            } => Content::Email {
                subject: subject.clone(),
                text: text.fill(&unsubscribe_url, &manage_url),
                html: html.fill(&unsubscribe_url, &manage_url),
            },
            Rendered::Other(other) => other.clone(),
        };
        let to = c
            .sub
            .contact(c.key.channel)
            .map(|c| c.address.clone())
            .unwrap_or_default();
        Ok(Outgoing {
            key: c.key,
            idempotency_key: self.idempotency_key(&c.key),
            to,
            language: c.sub.language_for(c.key.channel),
            content,
            unsubscribe_url,
        })
    }

    /// Renders and hands over the claimed messages: per provider, as many
    /// workers as its concurrency, all on this task, each taking the next
    /// message, waiting for the provider's rate, and sending it.
    async fn send_all(
        &self,
        claimed: Vec<Claimed>,
        fenced: bool,
        report: &mut DispatchReport,
    ) -> Vec<(Claimed, Result_)> {
        let now = self.clock.now();
        let mut queues: BTreeMap<Channel, VecDeque<usize>> = BTreeMap::new();
        for (i, c) in claimed.iter().enumerate() {
            queues.entry(c.key.channel).or_default().push_back(i);
        }
        report.attempted += claimed.len() as u64;
        // Uncontended locks: the workers share one task, never a lock across an await.
        let cache = Mutex::new(RenderCache::new());
        let results = Mutex::new(Vec::with_capacity(claimed.len()));
        let mut workers = Vec::new();
        for (channel, queue) in &queues {
            let lane = &self.lanes[channel];
            let workers_n = lane.slots.available_permits().min(queue.len());
            let queue = Arc::new(Mutex::new(queue.clone()));
            for _ in 0..workers_n {
                let (queue, claimed, cache, results) = (queue.clone(), &claimed, &cache, &results);
                workers.push(async move {
                    loop {
                        let next = lock(&queue).pop_front();
                        let Some(i) = next else { break };
                        let c = &claimed[i];
                        let rendered = self.outgoing(c, now, &mut lock(cache));
                        let outgoing = match rendered {
                            Ok(o) => o,
                            Err(e) => {
                                // The text's fault, not the contact's: held for a state admin.
                                tracing::warn!(error = %e, kind = %c.key.kind, "a message is held");
                                lock(results).push((i, Result_::Held(e)));
                                continue;
                            }
                        };
                        lane.limiter.until_ready().await;
                        // The provider's rate may have held it past the voter's hours.
                        let now = self.clock.now();
                        let allowed = next_allowed(now, c.sub.hours_for(c.key.channel), &c.tz);
                        let r = if allowed > now {
                            Result_::Deferred(allowed)
                        } else if let Some(provider_id) = match fenced {
                            true => lane.driver.lookup(&outgoing).await,
                            false => None,
                        } {
                            Result_::Done(Outcome::Accepted { provider_id })
                        } else {
                            Result_::Done(lane.driver.send(&outgoing).await)
                        };
                        lock(results).push((i, r));
                    }
                });
            }
        }
        futures_util::future::join_all(workers).await;
        let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut by_index: HashMap<usize, Result_> = results.into_iter().collect();
        claimed
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let r = by_index
                    .remove(&i)
                    .unwrap_or_else(|| Result_::Done(Outcome::Transient("not sent".into())));
                (c, r)
            })
            .collect()
    }

    /// After a restart: each message recorded as sending whose outcome was
    /// not recorded is looked up at its provider; found, it is sent; not
    /// found (or the provider cannot tell), it is queued again at once under
    /// the same idempotency key.
    pub async fn recover(&self) -> Result<DispatchReport, DispatchError> {
        let mut report = DispatchReport::default();
        let started = self.clock.now().as_second();
        if let Some(until) = self.store.restore_fence_begin(started)? {
            tracing::warn!(
                until,
                "restored from a backup: each message is looked up at its provider before it is sent until then"
            );
        }
        let sending = self.store.read()?.outbox_sending()?;
        if sending.is_empty() {
            return Ok(report);
        }
        let now = self.clock.now();
        let mut found: Vec<(OutboxKey, Option<String>)> = Vec::new();
        // Looked up concurrently, within each provider's concurrency.
        let mut tasks = tokio::task::JoinSet::new();
        let r = self.store.read()?;
        for (key, row) in sending {
            let (Some(sub), Some(lane)) =
                (r.subscription(key.voter)?, self.lanes.get(&key.channel))
            else {
                found.push((key, None));
                continue;
            };
            let election = match key.election {
                planner::NO_ELECTION => None,
                id => r.election_by_id(id)?.map(Arc::new),
            };
            let office = Arc::new(r.county_office(row.county)?);
            let reasons = match (render::tells_reason(key.kind), key.election) {
                (true, e) if e != planner::NO_ELECTION => r
                    .ballot_get(e, VoterId::from_key(key.voter))?
                    .map(|b| render::further_reasons(&b, row.code, row.event_at))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let c = Claimed {
                key,
                row,
                tz: sub.tz_for(key.channel),
                sub,
                election,
                office,
                epoch: r.contact_epochs(key.voter)?.get(key.channel),
                reasons,
            };
            let Ok(outgoing) = self.outgoing(&c, now, &mut RenderCache::new()) else {
                found.push((key, None));
                continue;
            };
            let (driver, slots) = (lane.driver.clone(), lane.slots.clone());
            tasks.spawn(async move {
                let _slot = slots.acquire_owned().await.expect("never closed");
                (key, driver.lookup(&outgoing).await)
            });
        }
        while let Some(r) = tasks.join_next().await {
            match r {
                Ok(x) => found.push(x),
                Err(e) => tracing::error!(error = %e, "a lookup task failed"),
            }
        }
        let now_s = now.as_second();
        self.store.write(true, |b| {
            for (key, id) in found {
                let Some(mut row) = b.outbox_get(&key)? else {
                    continue;
                };
                if row.state != OutboxState::Sending {
                    continue;
                }
                row.updated_at = now_s;
                match id {
                    Some(id) => {
                        row.state = OutboxState::Sent;
                        row.provider_id = Some(id);
                        report.recovered += 1;
                    }
                    None => {
                        row.attempt += 1;
                        row.state = OutboxState::Pending;
                        row.due = now_s;
                        row.note = Some("interrupted while sending; sent again".into());
                        report.retried += 1;
                    }
                }
                b.outbox_update(&key, &row)?;
            }
            Ok(())
        })?;
        Ok(report)
    }
}

impl Ledger {
    /// One durable transaction: records the outcomes of a round, then claims
    /// up to `limit` due messages for the next.
    fn turn(
        &self,
        results: Vec<(Claimed, Result_)>,
        now: Timestamp,
        limit: usize,
        report: &mut DispatchReport,
    ) -> Result<Vec<Claimed>, DispatchError> {
        Ok(self.store.write(true, |b| {
            self.record(b, results, now.as_second(), report)?;
            if limit == 0 {
                return Ok(Vec::new());
            }
            self.claim(b, now, limit, report)
        })?)
    }

    /// Checks due messages and marks the sendable ones `Sending` (committed
    /// before anything is handed over).
    fn claim(
        &self,
        b: &mut Batch<'_>,
        now: Timestamp,
        limit: usize,
        report: &mut DispatchReport,
    ) -> Result<Vec<Claimed>, StoreError> {
        let now_s = now.as_second();
        let mut out = Vec::new();
        // Each looked up once per round, with its window.
        let mut elections: HashMap<u16, Option<(Arc<Election>, Window)>> = HashMap::new();
        let mut offices: HashMap<
            crate::domain::CountyCode,
            Arc<crate::domain::county_office::CountyOffice>,
        > = HashMap::new();
        let mut zones: HashMap<String, jiff::tz::TimeZone> = HashMap::new();
        // Taken in this transaction: nothing can move them meanwhile.
        for (key, old) in b.outbox_take_due(now_s, limit)? {
            let mut row = old.clone();
            let election = if key.election == planner::NO_ELECTION {
                None
            } else {
                if let std::collections::hash_map::Entry::Vacant(v) = elections.entry(key.election)
                {
                    let e = b.election_by_id(key.election)?;
                    v.insert(e.map(|e| {
                        let w = e.message_window();
                        (Arc::new(e), w)
                    }));
                }
                elections[&key.election].clone()
            };
            let sub = b.subscription_get(key.voter)?;
            let why_not = match (&sub, &election) {
                (None, _) => Some("the voter has no subscription".to_string()),
                (Some(s), _) if !s.contact(key.channel).is_some_and(|c| c.reachable()) => {
                    Some(format!(
                        "the voter's {} contact no longer takes messages",
                        key.channel
                    ))
                }
                _ if !self.channels.contains_key(&key.channel) => {
                    Some(format!("the {} channel is off", key.channel))
                }
                (_, Some((_, w))) if now >= w.closes => {
                    Some("the election's message window closed".to_string())
                }
                _ if key.kind == MessageKind::Confirmation && key.channel == Channel::Voice => {
                    Some("the state's guidance provides no confirmation by phone call".to_string())
                }
                _ if key.kind == MessageKind::Confirmation
                    && planner::status_message_went_first(b, &key, &old)? =>
                {
                    Some("a status message of this sign-up already went out".to_string())
                }
                _ if key.election != planner::NO_ELECTION && election.is_none() => {
                    Some("the election was removed".to_string())
                }
                _ => None,
            };
            if let Some(why) = why_not {
                row.state = OutboxState::Cancelled;
                row.note = Some(why);
                row.updated_at = now_s;
                b.outbox_advance_taken(&key, &old, &row, true)?;
                report.cancelled += 1;
                continue;
            }
            let reminder = matches!(
                key.kind,
                MessageKind::ReturnReminder | MessageKind::CureReminder
            );
            let ballot = if reminder || render::tells_reason(key.kind) {
                b.ballot_get(key.election, VoterId::from_key(key.voter))?
            } else {
                None
            };
            // A reminder whose ballot moved on (returned, cured), or whose
            // deadline has passed, is pointless.
            if reminder {
                let why = match (&ballot, &election) {
                    (Some(x), _) if !super::reminders::applies(key.kind, x) => {
                        Some("the ballot no longer needs the reminder")
                    }
                    (None, _) => Some("the ballot no longer needs the reminder"),
                    (_, Some((e, _))) if super::reminders::past_deadline(key.kind, e, now) => {
                        Some("the reminder's deadline has passed")
                    }
                    _ => None,
                };
                if let Some(why) = why {
                    row.state = OutboxState::Cancelled;
                    row.note = Some(why.into());
                    row.updated_at = now_s;
                    b.outbox_advance_taken(&key, &old, &row, true)?;
                    report.cancelled += 1;
                    continue;
                }
            }
            let reasons = match &ballot {
                Some(x) if render::tells_reason(key.kind) => {
                    render::further_reasons(x, row.code, row.event_at)
                }
                _ => Vec::new(),
            };
            let sub = sub.expect("checked");
            // A call in a language without text-to-speech plays its recording:
            // none uploaded yet, the message waits for it (the window's end
            // still cancels it) rather than ring the voter with silence.
            if key.channel == Channel::Voice
                && self
                    .catalog
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .tts(sub.language_for(key.channel))
                    .is_none()
                && !b.recording_exists(sub.language_for(key.channel), key.kind)?
            {
                row.due = now_s + RECORDING_WAIT_SECONDS;
                row.note = Some(format!(
                    "waiting for the {} recording of {}",
                    sub.language_for(key.channel).code(),
                    key.kind.name()
                ));
                row.updated_at = now_s;
                b.outbox_advance_taken(&key, &old, &row, true)?;
                report.deferred += 1;
                continue;
            }
            let tz = match zones.get(sub.time_zone_for(key.channel)) {
                Some(tz) => tz.clone(),
                None => {
                    let tz = sub.tz_for(key.channel);
                    zones.insert(sub.time_zone_for(key.channel).to_string(), tz.clone());
                    tz
                }
            };
            let hours = sub.hours_for(key.channel);
            let allowed = next_allowed(now, hours, &tz);
            let opens = election.as_ref().map(|(_, w)| w.opens);
            let allowed = match opens {
                Some(o) if o > allowed => next_allowed(o, hours, &tz),
                _ => allowed,
            };
            if allowed > now {
                row.due = allowed.as_second();
                row.updated_at = now_s;
                b.outbox_advance_taken(&key, &old, &row, true)?;
                report.deferred += 1;
                continue;
            }
            row.state = OutboxState::Sending;
            row.updated_at = now_s;
            b.outbox_advance_taken(&key, &old, &row, true)?;
            let office = match offices.get(&row.county) {
                Some(o) => o.clone(),
                None => {
                    let o = Arc::new(b.county_office_get(row.county)?);
                    offices.insert(row.county, o.clone());
                    o
                }
            };
            out.push(Claimed {
                key,
                row,
                sub,
                election: election.map(|(e, _)| e),
                office,
                tz,
                epoch: b.contact_epochs(key.voter)?.get(key.channel),
                reasons,
            });
        }
        Ok(out)
    }

    /// Records what became of each message of a round.
    fn record(
        &self,
        b: &mut Batch<'_>,
        results: Vec<(Claimed, Result_)>,
        now_s: i64,
        report: &mut DispatchReport,
    ) -> Result<(), StoreError> {
        let jitter = || rand::random::<f64>();
        for (c, r) in results {
            let mut row = c.row.clone();
            row.updated_at = now_s;
            match r {
                Result_::Deferred(t) => {
                    row.attempt += 1;
                    row.state = OutboxState::Pending;
                    row.due = t.as_second();
                    report.deferred += 1;
                }
                Result_::Held(why) => {
                    row.state = OutboxState::Held;
                    row.note = Some(why);
                    report.held += 1;
                }
                Result_::Done(Outcome::Accepted { provider_id }) => {
                    row.state = OutboxState::Sent;
                    row.provider_id = Some(provider_id);
                    row.note = None;
                    report.sent += 1;
                }
                Result_::Done(Outcome::Transient(e)) => {
                    if row.attempt + 1 >= MAX_ATTEMPTS {
                        row.state = OutboxState::Failed;
                        report.failed += 1;
                    } else {
                        row.attempt += 1;
                        row.state = OutboxState::Pending;
                        row.due = now_s + retry_delay_seconds(row.attempt, jitter());
                        report.retried += 1;
                    }
                    row.note = Some(e);
                }
                Result_::Done(Outcome::Permanent(e)) => {
                    row.state = OutboxState::Failed;
                    mark_contact_bad(b, c.key.voter, c.key.channel, &e, now_s)?;
                    row.note = Some(e);
                    report.failed += 1;
                }
            }
            let reports = self.channels.get(&c.key.channel).copied().unwrap_or(true);
            // The dispatcher is the only writer of a message while it is sending.
            b.outbox_advance(&c.key, &c.row, &row, reports)?;
        }
        Ok(())
    }
}

/// What a message says, from its outbox row and what it is about; the
/// voter's links are placeholders, put in per voter after rendering.
fn message_facts<'a>(
    key: &OutboxKey,
    row: &OutboxRow,
    sub: &Subscription,
    election: Option<&Election>,
    office: &'a crate::domain::county_office::CountyOffice,
    reasons: Vec<crate::domain::StatusCode>,
    today: jiff::civil::Date,
) -> MessageFacts<'a> {
    let local_date = |s: i64| {
        Timestamp::from_second(s)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned(pacific())
            .date()
    };
    let (election_date, cure_deadline) = match election {
        Some(e) => (e.date, e.cure_deadline),
        None => (local_date(row.event_at), local_date(row.event_at)),
    };
    MessageFacts {
        kind: key.kind,
        language: sub.language_for(key.channel),
        county: sub.county,
        office,
        election_date,
        cure_deadline,
        // An Outbound message held for the county's mail drop tells the
        // delivery window from the day the ballots really went out.
        event_date: match election {
            Some(e) => e.mail_date(sub.county, key.kind, local_date(row.event_at)),
            None => local_date(row.event_at),
        },
        code: row.code,
        reasons,
        today,
        unsubscribe_url: URL_PLACEHOLDER.to_string(),
        manage_url: MANAGE_PLACEHOLDER.to_string(),
    }
}

/// Whether a held message would now render (in a transaction that may then
/// release it): `Ok(Err(why))` while it still would not. A message whose
/// voter is gone renders nothing; released, the dispatcher withdraws it.
pub fn held_renders(
    b: &Batch<'_>,
    catalog: &Catalog,
    key: &OutboxKey,
    row: &OutboxRow,
    now: Timestamp,
) -> Result<Result<(), String>, StoreError> {
    let Some(sub) = b.subscription_get(key.voter)? else {
        return Ok(Ok(()));
    };
    let election = match key.election {
        planner::NO_ELECTION => None,
        id => b.election_by_id(id)?,
    };
    let office = b.county_office_get(row.county)?;
    let reasons = match (render::tells_reason(key.kind), &election) {
        (true, Some(_)) => b
            .ballot_get(key.election, VoterId::from_key(key.voter))?
            .map(|x| render::further_reasons(&x, row.code, row.event_at))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let today = now.to_zoned(sub.tz()).date();
    let facts = message_facts(key, row, &sub, election.as_ref(), &office, reasons, today);
    Ok(render::render(catalog, &facts, key.channel)
        .map(|_| ())
        .map_err(|e| e.to_string()))
}

/// Messages one round claims, given the providers' combined rate per second:
/// about five seconds' worth. Between rounds the provider idles while the
/// outcomes and the next claim are committed; longer rounds keep that under
/// 1 % of the time, and in-flight messages at a crash stay few.
pub fn round_size(rate_per_second: u64) -> usize {
    (rate_per_second.saturating_mul(5)).clamp(10, 5000) as usize
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A keyed hash of an outbox key: stable over attempts and restarts.
pub fn idempotency_key(secret: &[u8], key: &OutboxKey) -> String {
    keyed_idempotency_key(
        Hmac::<Sha256>::new_from_slice(secret).expect("any key length"),
        key,
    )
}

fn keyed_idempotency_key(mut m: Hmac<Sha256>, key: &OutboxKey) -> String {
    m.update(b"message\0");
    m.update(&crate::store::outbox_key_bytes(key));
    signer::hex16(&m.finalize().into_bytes()[..16])
}

/// A provider said a contact can never be reached: no more messages go to it.
pub fn mark_contact_bad(
    b: &mut Batch<'_>,
    voter: u128,
    channel: Channel,
    why: &str,
    now: i64,
) -> Result<(), StoreError> {
    let Some(mut sub) = b.subscription_get(voter)? else {
        return Ok(());
    };
    if let Some(c) = sub.contact_mut(channel) {
        c.bad = Some(why.to_string());
        b.subscription_put(&sub)?;
        planner::withdraw_pending(
            b,
            voter,
            Some(channel),
            now,
            "the contact cannot be reached",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_puts_each_voters_links_where_the_placeholders_were() {
        let text = format!(
            "Stop: {URL_PLACEHOLDER}\nManage: {MANAGE_PLACEHOLDER} or stop {URL_PLACEHOLDER}."
        );
        let expected = text
            .replace(URL_PLACEHOLDER, "https://u/1")
            .replace(MANAGE_PLACEHOLDER, "https://m/2");
        assert_eq!(
            Template::cut(&text).fill("https://u/1", "https://m/2"),
            expected
        );
        assert_eq!(Template::cut("no links").fill("u", "m"), "no links");
        assert_eq!(Template::cut(URL_PLACEHOLDER).fill("u", "m"), "u");
    }
}
