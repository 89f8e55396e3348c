//! The running notification engine: builds each channel's provider from the
//! configuration, then plans and dispatches until shutdown.

use super::catalog::{Catalog, CatalogError};
use super::dispatch::{DispatchError, Dispatcher, Lane};
use super::drivers::Driver;
use super::drivers::file::FileDriver;
use super::drivers::smtp::SmtpDriver;
use super::drivers::twilio::TwilioDriver;
use super::drivers::webhook::WebhookDriver;
use crate::clock::Clock;
use crate::config::{Config, Provider, ProviderConfig};
use crate::domain::Channel;
use crate::store::Store;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("{0}")]
    Provider(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// What the web side shares with the engine.
pub struct Notifier {
    pub dispatcher: Dispatcher,
    pub catalog: Arc<RwLock<Catalog>>,
    pub clock: Arc<dyn Clock>,
    pub public_url: String,
    poll: Duration,
}

impl Notifier {
    /// The instance secret's signer of links and sessions.
    pub fn signer(&self) -> &crate::signer::Signer {
        self.dispatcher.signer()
    }
}

/// Where the file driver writes a channel's messages.
pub fn file_path(cfg: &Config, channel: Channel) -> std::path::PathBuf {
    cfg.data_dir
        .join("outbox")
        .join(format!("{}.jsonl", channel.name()))
}

fn phone_driver(
    cfg: &Config,
    p: &ProviderConfig,
    channel: Channel,
    public_url: &str,
) -> Result<Option<Arc<dyn Driver>>, EngineError> {
    let setup = |e: String| EngineError::Provider(format!("[{channel}] {e}"));
    Ok(match p.provider {
        Provider::Off => None,
        Provider::File => Some(Arc::new(FileDriver::new(file_path(cfg, channel)))),
        Provider::Twilio => Some(Arc::new(
            TwilioDriver::new(p, channel, public_url).map_err(|e| setup(e.to_string()))?,
        )),
        Provider::Webhook => Some(Arc::new(
            WebhookDriver::new(p, channel).map_err(|e| setup(e.to_string()))?,
        )),
    })
}

/// The lanes the configuration asks for: SMTP or the file for email; for
/// SMS and voice, the named provider.
pub fn lanes(cfg: &Config, public_url: &str) -> Result<BTreeMap<Channel, Lane>, EngineError> {
    let mut lanes = BTreeMap::new();
    let email: Arc<dyn Driver> = match &cfg.email.smtp_url {
        None => Arc::new(FileDriver::new(file_path(cfg, Channel::Email))),
        Some(_) => {
            Arc::new(SmtpDriver::new(&cfg.email).map_err(|e| EngineError::Provider(e.to_string()))?)
        }
    };
    lanes.insert(
        Channel::Email,
        Lane::new(email, cfg.email.rate_per_second, cfg.email.concurrency),
    );
    for (channel, p) in [(Channel::Sms, &cfg.sms), (Channel::Voice, &cfg.voice)] {
        if let Some(d) = phone_driver(cfg, p, channel, public_url)? {
            lanes.insert(channel, Lane::new(d, p.rate_per_second, p.concurrency));
        }
    }
    Ok(lanes)
}

impl Notifier {
    pub fn from_config(
        cfg: &Config,
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, EngineError> {
        let public_url = cfg.public_url();
        let snapshot = store.read()?;
        let catalog =
            Catalog::with_stored(&snapshot.languages_added()?, &snapshot.catalog_overrides()?)?;
        drop(snapshot);
        let catalog = Arc::new(RwLock::new(catalog));
        let lanes = lanes(cfg, &public_url)?;
        let rate: u64 = [
            (Channel::Email, cfg.email.rate_per_second),
            (Channel::Sms, cfg.sms.rate_per_second),
            (Channel::Voice, cfg.voice.rate_per_second),
        ]
        .into_iter()
        .filter(|(c, _)| lanes.contains_key(c))
        .map(|(_, r)| r as u64)
        .sum();
        let mut dispatcher = Dispatcher::new(
            store,
            clock.clone(),
            catalog.clone(),
            lanes,
            public_url.clone(),
        );
        dispatcher.batch = super::dispatch::round_size(rate);
        Ok(Self {
            dispatcher,
            catalog,
            clock,
            public_url,
            poll: Duration::from_secs(cfg.scheduler.poll_seconds.max(1)),
        })
    }

    /// Recovers messages interrupted by a crash, then plans and dispatches
    /// until `shutdown` resolves. A round with work is followed at once by
    /// the next; an idle one waits for the poll interval.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        match self.dispatcher.recover().await {
            Ok(r) if r.recovered + r.retried > 0 => {
                tracing::info!(
                    found_sent = r.recovered,
                    resent = r.retried,
                    "recovered interrupted messages"
                )
            }
            Ok(_) => {}
            Err(err) => tracing::error!(%err, "recovering interrupted messages"),
        }
        loop {
            let busy = match self.dispatcher.step().await {
                Ok((plan, sent)) => {
                    if plan.events > 0 || sent.attempted > 0 {
                        tracing::info!(
                            events = plan.events,
                            queued = plan.queued,
                            superseded = plan.superseded,
                            sent = sent.sent,
                            retried = sent.retried,
                            failed = sent.failed,
                            deferred = sent.deferred,
                            "notification round"
                        );
                    }
                    plan.events > 0 || sent.attempted > 0
                }
                Err(err) => {
                    log_error(&err);
                    false
                }
            };
            let told = match super::contact_notices::send_due(&self.dispatcher).await {
                Ok(n) => n,
                Err(err) => {
                    log_error(&err);
                    0
                }
            };
            let pause = if busy || told > 0 {
                Duration::from_millis(10)
            } else {
                self.poll
            };
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(pause) => {}
            }
        }
    }
}

fn log_error(err: &DispatchError) {
    tracing::error!(%err, "notification round failed; retrying after the poll interval");
}
