//! The service's configuration: a TOML file in which every key has a default,
//! overridden by command-line flags and environment variables.
//!
//! Precedence, strongest first: flag, environment variable, file, default.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Environment variable naming the configuration file.
pub const ENV_CONFIG: &str = "BALLOT_TRACKER_CONFIG";
/// Environment variable naming the data directory.
pub const ENV_DATA: &str = "BALLOT_TRACKER_DATA";
/// Environment variable naming the listen address.
pub const ENV_LISTEN: &str = "BALLOT_TRACKER_LISTEN";

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "ballot-tracker.redb";
/// Where a running service tells the local CLI how to reach it.
pub const SERVICE_FILE: &str = "service.json";

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address the web server listens on.
    pub listen: SocketAddr,
    /// Directory holding the database and the service file.
    pub data_dir: PathBuf,
    pub tls: TlsConfig,
    pub import: ImportConfig,
    /// The address voters and providers reach this service at (links in
    /// messages, provider callbacks); `http(s)://<listen>` when absent.
    pub public_url: Option<String>,
    /// Threads serving web connections; 0: one per core.
    pub web_threads: usize,
    pub email: EmailConfig,
    pub sms: ProviderConfig,
    pub voice: ProviderConfig,
    pub scheduler: SchedulerConfig,
    pub store: StoreConfig,
    pub portal: PortalConfig,
    pub server: ServerConfig,
    pub secrets: SecretsConfig,
    pub backup: BackupConfig,
}

/// What no client may exceed: connections at once, and how long a request
/// or an idle connection may hold one.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Connections served at once from all clients; beyond it new ones are
    /// closed at once.
    pub max_connections: usize,
    /// Connections at once from one client address (an IPv4 address, an
    /// IPv6 /64); `[portal] trusted_proxies` are exempt.
    pub max_connections_per_client: usize,
    /// Seconds a request's headers may take, counted from the moment the
    /// server waits for them (the connection opened or the last answer went).
    pub header_timeout_seconds: u64,
    /// Seconds a connection may stay idle between requests.
    pub keep_alive_seconds: u64,
    /// A request body (form, upload) must keep up this many bytes a second
    /// on average; 0 turns the check off.
    pub min_body_bytes_per_second: u32,
    /// Seconds a request body may fall behind (or pause) before it is dropped.
    pub body_grace_seconds: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            max_connections: 4096,
            max_connections_per_client: 64,
            header_timeout_seconds: 10,
            keep_alive_seconds: 5,
            min_body_bytes_per_second: 1024,
            body_grace_seconds: 10,
        }
    }
}

/// Where the instance secret is kept: its own file, so that a copy of the
/// database alone does not hold the key to the sign-up lookup hashes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecretsConfig {
    /// The secret file (64 hex digits, mode 0600), created on first start;
    /// `<data_dir>/secret.key` when absent.
    pub file: Option<PathBuf>,
}

/// Encrypted backups: to whom, how often, how many kept, where.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    /// age public keys (`age1…`) every backup is encrypted to; whoever holds
    /// one of their secret keys can restore it.
    pub recipients: Vec<String>,
    /// How often `serve` takes a backup (`90s`, `30m`, `1h`, `1d`); none: never.
    pub every: Option<String>,
    /// Backups kept in `dir`, the newest; older ones are deleted.
    pub keep: usize,
    /// Where backups are written; `<data_dir>/backups` when absent.
    pub dir: Option<PathBuf>,
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self {
            recipients: Vec::new(),
            every: None,
            keep: 48,
            dir: None,
        }
    }
}

impl BackupConfig {
    /// The time between scheduled backups, if they are on.
    pub fn interval(&self) -> Option<std::time::Duration> {
        self.every.as_deref().and_then(|e| parse_every(e).ok())
    }
}

/// `90s`, `30m`, `1h`, `1d`: at least a minute.
fn parse_every(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("{text:?}: expected a number and s, m, h or d (\"1h\")"))?;
    let secs = match unit.trim() {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("{text:?}: the unit is s, m, h or d (\"1h\")")),
    };
    if secs < 60 {
        return Err(format!("{text:?}: at least a minute"));
    }
    Ok(std::time::Duration::from_secs(secs))
}

/// The voter pages' limits, and the proxies whose `X-Forwarded-For` names
/// the voter's address.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortalConfig {
    /// Addresses of reverse proxies in front of the service: for a request
    /// from one of them, the client is the last `X-Forwarded-For` address
    /// that is not a proxy. Empty: the connection's address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Sign-up, sign-in and code attempts per client address per 15 minutes.
    pub attempts_per_client: u32,
    /// The same per looked-up identity or contact.
    pub attempts_per_identity: u32,
    /// One-time codes sent to one phone number or email address per hour,
    /// and per day, at most.
    pub codes_per_hour: u32,
    pub codes_per_day: u32,
    /// The wait after a destination's second code of the day, in seconds;
    /// it doubles with each code after.
    pub code_backoff_seconds: u32,
    /// Countries (ISO 3166 alpha-2) whose numbers the voter pages take for
    /// texts and calls.
    pub phone_countries: Vec<String>,
}

impl Default for PortalConfig {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            attempts_per_client: 30,
            attempts_per_identity: 10,
            codes_per_hour: 4,
            codes_per_day: 8,
            code_backoff_seconds: 30,
            phone_countries: vec!["US".into()],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreConfig {
    /// Memory the database may use to cache pages, in MiB. A statewide
    /// instance sending to millions of subscribers wants 2048 or more.
    pub cache_mb: usize,
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self { cache_mb: 256 }
    }
}

/// Email goes out through an SMTP server when `smtp_url` is set, else to the
/// file driver.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmailConfig {
    /// lettre's URL form: `smtp://host:587?tls=required` (STARTTLS),
    /// `smtps://host:465` (TLS from the start), `smtp://host:25` (no TLS:
    /// loopback relays only), with `user:password@` for authentication.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `Elections Office <ballots@example.gov>`.
    pub from: String,
    /// A PEM file of extra CA certificates the SMTP server's certificate may chain to.
    pub ca_file: Option<PathBuf>,
    /// Messages per second at most.
    pub rate_per_second: u32,
    /// Messages in flight at once at most.
    pub concurrency: usize,
}

impl Default for EmailConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Ballot Tracker <ballots@localhost.localdomain>".into(),
            ca_file: None,
            rate_per_second: 50,
            concurrency: 8,
        }
    }
}

/// Which driver delivers a phone channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// The Twilio REST API (Messages and Calls), or one that speaks it.
    Twilio,
    /// A signed JSON POST to `api_base`, for integrators.
    Webhook,
    /// JSON lines under the data directory (demo and dry runs).
    File,
    /// The channel is not offered.
    Off,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProviderConfig {
    pub provider: Provider,
    /// The provider API's base URL (`https://api.twilio.com` for Twilio);
    /// the receiving URL for `webhook`.
    pub api_base: String,
    pub account_sid: String,
    /// Twilio's auth token; the HMAC-SHA256 key for `webhook`.
    pub auth_token: String,
    /// The sending number in E.164.
    pub from_number: String,
    /// Messages per second at most (an SMS long code: 1; a short code: 100).
    pub rate_per_second: u32,
    /// Requests in flight at once at most.
    pub concurrency: usize,
    /// Where recordings for languages without text-to-speech are served from
    /// (voice); `<public_url>/recordings` when empty.
    pub recordings_url: String,
}

impl Default for ProviderConfig {
    fn default() -> Self {
        Self {
            provider: Provider::File,
            api_base: "https://api.twilio.com".into(),
            account_sid: String::new(),
            auth_token: String::new(),
            from_number: String::new(),
            rate_per_second: 10,
            concurrency: 8,
            recordings_url: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchedulerConfig {
    /// Notification hours of a voter who chose none, `HH:MM-HH:MM`.
    pub default_hours: String,
    /// Time zone of a voter who chose none.
    pub default_time_zone: String,
    /// Seconds between looks for new events and due messages when idle.
    pub poll_seconds: u64,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            default_hours: "08:00-20:00".into(),
            default_time_zone: crate::domain::subscription::DEFAULT_TIME_ZONE.into(),
            poll_seconds: 5,
        }
    }
}

/// TLS is on when both `cert` and `key` are given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TlsConfig {
    /// PEM file with the certificate chain, leaf first.
    pub cert: Option<PathBuf>,
    /// PEM file with the private key.
    pub key: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportConfig {
    /// Where large imports spill sorted runs; `<data_dir>/tmp` when absent.
    pub temp_dir: Option<PathBuf>,
    /// Rows applied per transaction; each commits a resumable checkpoint.
    pub batch_rows: usize,
    /// Largest upload (`POST /api/v1/imports/…`) taken, in bytes, as sent
    /// (compressed if gzip); larger ones are answered 413.
    pub max_upload_bytes: u64,
    /// A full voter extract that would remove more than this share of a
    /// county's voters is refused unless `--allow-mass-removal` is given.
    pub max_removal_share: Share,
    /// Longest record of a feed file in bytes (a row, quoted line breaks included;
    /// one JSON scan); a longer one refuses the file.
    pub max_record_bytes: u64,
    /// Longest field in bytes (quotes included), or JSON string.
    pub max_field_bytes: u64,
    /// Longest header row in bytes.
    pub max_header_bytes: u64,
    /// Most text one file may hold once decompressed.
    pub max_decompressed_bytes: u64,
}

/// A share from 0 to 1 (`0.05` is 5 %).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Share(pub f64);

// `try_from` lets no NaN in, so equality is an equivalence.
impl Eq for Share {}

impl TryFrom<f64> for Share {
    type Error = String;
    fn try_from(v: f64) -> Result<Self, String> {
        if (0.0..=1.0).contains(&v) {
            Ok(Self(v))
        } else {
            Err(format!("{v} is not a share from 0 to 1 (0.05 is 5 %)"))
        }
    }
}

/// The share of a county's voters a full extract may remove unless configured otherwise.
pub const DEFAULT_MAX_REMOVAL_SHARE: f64 = 0.05;

/// Entries per import transaction unless configured otherwise.
pub const DEFAULT_BATCH_ROWS: usize = 200_000;

impl Default for ImportConfig {
    fn default() -> Self {
        Self {
            temp_dir: None,
            batch_rows: DEFAULT_BATCH_ROWS,
            max_upload_bytes: 8 << 30,
            max_removal_share: Share(DEFAULT_MAX_REMOVAL_SHARE),
            max_record_bytes: 64 << 10,
            max_field_bytes: 4 << 10,
            max_header_bytes: 64 << 10,
            max_decompressed_bytes: 16 << 30,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            tls: TlsConfig::default(),
            import: ImportConfig::default(),
            public_url: None,
            web_threads: 0,
            email: EmailConfig::default(),
            sms: ProviderConfig::default(),
            voice: ProviderConfig::default(),
            scheduler: SchedulerConfig::default(),
            store: StoreConfig::default(),
            portal: PortalConfig::default(),
            server: ServerConfig::default(),
            secrets: SecretsConfig::default(),
            backup: BackupConfig::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {err}")]
    Read { path: PathBuf, err: std::io::Error },
    #[error("configuration file {path}: {err}")]
    Parse {
        path: PathBuf,
        err: Box<toml::de::Error>,
    },
    #[error("[tls] needs both cert and key (only {given} is set)")]
    TlsHalf { given: &'static str },
    #[error("[{section}] {key}: {problem}")]
    Invalid {
        section: &'static str,
        key: &'static str,
        problem: String,
    },
}

/// What the command line (flags, or the environment through clap) overrides.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub listen: Option<SocketAddr>,
}

impl Config {
    /// Parses a configuration text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|err| ConfigError::Parse {
            path: path.to_path_buf(),
            err: Box::new(err),
        })?;
        cfg.check()?;
        Ok(cfg)
    }

    /// Reads the file (if any) and applies the overrides.
    pub fn load(o: &Overrides) -> Result<Self, ConfigError> {
        let mut cfg = match &o.config_file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|err| ConfigError::Read {
                    path: path.clone(),
                    err,
                })?;
                Self::parse(&text, path)?
            }
            None => Self::default(),
        };
        if let Some(d) = &o.data_dir {
            cfg.data_dir = d.clone();
        }
        if let Some(l) = o.listen {
            cfg.listen = l;
        }
        Ok(cfg)
    }

    fn check(&self) -> Result<(), ConfigError> {
        match (&self.tls.cert, &self.tls.key) {
            (Some(_), None) => return Err(ConfigError::TlsHalf { given: "cert" }),
            (None, Some(_)) => return Err(ConfigError::TlsHalf { given: "key" }),
            _ => {}
        }
        let invalid = |section, key, problem: String| ConfigError::Invalid {
            section,
            key,
            problem,
        };
        self.default_hours()
            .map_err(|e| invalid("scheduler", "default_hours", e.to_string()))?;
        crate::domain::subscription::parse_time_zone(&self.scheduler.default_time_zone)
            .map_err(|e| invalid("scheduler", "default_time_zone", e.to_string()))?;
        if self.email.rate_per_second == 0 {
            return Err(invalid(
                "email",
                "rate_per_second",
                "must be at least 1".into(),
            ));
        }
        for (key, value, least) in [
            ("max_record_bytes", self.import.max_record_bytes, 1024),
            ("max_field_bytes", self.import.max_field_bytes, 256),
            ("max_header_bytes", self.import.max_header_bytes, 1024),
            (
                "max_decompressed_bytes",
                self.import.max_decompressed_bytes,
                1 << 20,
            ),
        ] {
            if value < least {
                return Err(invalid("import", key, format!("must be at least {least}")));
            }
        }
        if self.email.concurrency == 0 {
            return Err(invalid("email", "concurrency", "must be at least 1".into()));
        }
        for (section, p) in [("sms", &self.sms), ("voice", &self.voice)] {
            if p.rate_per_second == 0 {
                return Err(invalid(
                    section,
                    "rate_per_second",
                    "must be at least 1".into(),
                ));
            }
            if p.concurrency == 0 {
                return Err(invalid(section, "concurrency", "must be at least 1".into()));
            }
            let required: &[(&'static str, &String)] = match p.provider {
                Provider::Twilio => &[
                    ("api_base", &p.api_base),
                    ("account_sid", &p.account_sid),
                    ("auth_token", &p.auth_token),
                    ("from_number", &p.from_number),
                ],
                Provider::Webhook => &[("api_base", &p.api_base), ("auth_token", &p.auth_token)],
                Provider::File | Provider::Off => &[],
            };
            for (key, value) in required {
                if value.trim().is_empty() {
                    return Err(invalid(
                        section,
                        key,
                        format!("is required with provider = {:?}", p.provider).to_lowercase(),
                    ));
                }
            }
        }
        self.check_server()?;
        self.check_backup()
    }

    fn check_backup(&self) -> Result<(), ConfigError> {
        let b = &self.backup;
        let invalid = |key, problem: String| ConfigError::Invalid {
            section: "backup",
            key,
            problem,
        };
        crate::store::backup::Recipients::parse(&b.recipients)
            .map_err(|e| invalid("recipients", e.to_string()))?;
        if let Some(every) = &b.every {
            parse_every(every).map_err(|e| invalid("every", e))?;
            if b.recipients.is_empty() {
                return Err(invalid(
                    "recipients",
                    "scheduled backups need at least one age public key (age1…)".into(),
                ));
            }
        }
        if b.keep == 0 {
            return Err(invalid("keep", "must be at least 1".into()));
        }
        Ok(())
    }

    fn check_server(&self) -> Result<(), ConfigError> {
        let s = &self.server;
        let invalid = |key, problem: &str| ConfigError::Invalid {
            section: "server",
            key,
            problem: problem.to_string(),
        };
        if s.max_connections == 0 {
            return Err(invalid("max_connections", "must be at least 1"));
        }
        if s.max_connections_per_client == 0 {
            return Err(invalid("max_connections_per_client", "must be at least 1"));
        }
        if s.max_connections_per_client > s.max_connections {
            return Err(invalid(
                "max_connections_per_client",
                "must not exceed max_connections",
            ));
        }
        if s.header_timeout_seconds == 0 {
            return Err(invalid("header_timeout_seconds", "must be at least 1"));
        }
        if s.keep_alive_seconds == 0 || s.keep_alive_seconds > s.header_timeout_seconds {
            return Err(invalid(
                "keep_alive_seconds",
                "must be from 1 to header_timeout_seconds (the header deadline closes an idle connection too)",
            ));
        }
        if s.min_body_bytes_per_second > 0 && s.body_grace_seconds == 0 {
            return Err(invalid("body_grace_seconds", "must be at least 1"));
        }
        if self.import.max_upload_bytes == 0 {
            return Err(ConfigError::Invalid {
                section: "import",
                key: "max_upload_bytes",
                problem: "must be at least 1".into(),
            });
        }
        Ok(())
    }

    pub fn default_hours(
        &self,
    ) -> Result<crate::domain::Hours, crate::domain::subscription::SubscriptionError> {
        self.scheduler.default_hours.parse()
    }

    /// The address voters and providers reach this service at, without a trailing `/`.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => {
                let scheme = if self.tls_files().is_some() {
                    "https"
                } else {
                    "http"
                };
                format!("{scheme}://{}", self.listen)
            }
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn service_file(&self) -> PathBuf {
        self.data_dir.join(SERVICE_FILE)
    }

    /// The instance secret's file.
    pub fn secret_file(&self) -> PathBuf {
        self.secrets
            .file
            .clone()
            .unwrap_or_else(|| crate::store::default_secret_file(&self.db_path()))
    }

    /// Where backups are written.
    pub fn backup_dir(&self) -> PathBuf {
        self.backup
            .dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    pub fn temp_dir(&self) -> PathBuf {
        self.import
            .temp_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("tmp"))
    }

    /// The certificate and key paths when TLS is on.
    pub fn tls_files(&self) -> Option<(&Path, &Path)> {
        match (&self.tls.cert, &self.tls.key) {
            (Some(c), Some(k)) => Some((c, k)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packaged_example_is_valid_and_shows_the_defaults() {
        let text = include_str!("../packaging/config.example.toml");
        let cfg = Config::parse(text, Path::new("config.example.toml")).unwrap();
        let d = Config::default();
        assert_eq!(cfg.listen, d.listen);
        assert_eq!(cfg.import, d.import);
        assert_eq!(cfg.tls, d.tls);
        assert_eq!(cfg.email, d.email);
        assert_eq!(cfg.sms, d.sms);
        assert_eq!(cfg.voice, d.voice);
        assert_eq!(cfg.scheduler, d.scheduler);
        assert_eq!(cfg.store, d.store);
        assert_eq!(cfg.public_url, d.public_url);
        assert_eq!(cfg.server, d.server);
        assert_eq!(cfg.secrets, d.secrets);
        assert_eq!(cfg.backup, d.backup);
    }

    #[test]
    fn backup_settings_are_checked() {
        let key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
        let cfg = Config::parse(
            &format!("[backup]\nrecipients = [\"{key}\"]\nevery = \"1h\"\nkeep = 3\n"),
            Path::new("t"),
        )
        .unwrap();
        assert_eq!(
            cfg.backup.interval(),
            Some(std::time::Duration::from_secs(3600))
        );
        assert_eq!(cfg.backup_dir(), cfg.data_dir.join("backups"));
        for (text, key) in [
            ("[backup]\nrecipients = [\"age1nope\"]\n", "recipients"),
            ("[backup]\nevery = \"1h\"\n", "recipients"),
            (
                &*format!("[backup]\nrecipients = [\"{key}\"]\nevery = \"10s\"\n"),
                "every",
            ),
            (
                &*format!("[backup]\nrecipients = [\"{key}\"]\nevery = \"hourly\"\n"),
                "every",
            ),
            ("[backup]\nkeep = 0\n", "keep"),
        ] {
            match Config::parse(text, Path::new("t")) {
                Err(ConfigError::Invalid {
                    section: "backup",
                    key: k,
                    ..
                }) => assert_eq!(k, key),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn server_limits_are_checked() {
        for (text, key) in [
            ("[server]\nmax_connections = 0\n", "max_connections"),
            (
                "[server]\nmax_connections = 10\nmax_connections_per_client = 11\n",
                "max_connections_per_client",
            ),
            (
                "[server]\nheader_timeout_seconds = 0\n",
                "header_timeout_seconds",
            ),
            ("[server]\nkeep_alive_seconds = 11\n", "keep_alive_seconds"),
            ("[server]\nbody_grace_seconds = 0\n", "body_grace_seconds"),
            ("[import]\nmax_upload_bytes = 0\n", "max_upload_bytes"),
        ] {
            let err = Config::parse(text, Path::new("c.toml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{text}: {err}");
        }
        let c = Config::parse(
            "[server]\nmin_body_bytes_per_second = 0\nbody_grace_seconds = 0\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.server.min_body_bytes_per_second, 0);
    }

    #[test]
    fn provider_sections_are_checked() {
        let err = Config::parse(
            "[sms]\nprovider = \"twilio\"\naccount_sid = \"AC1\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("[sms] auth_token"), "{err}");
        let err = Config::parse(
            "[scheduler]\ndefault_hours = \"08:00-08:00\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("[scheduler] default_hours"), "{err}");
        let err = Config::parse("[voice]\nrate_per_second = 0\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("[voice] rate_per_second"), "{err}");
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let c = Config::parse("", Path::new("x.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.db_path(), Path::new("./data/ballot-tracker.redb"));
        assert_eq!(c.temp_dir(), Path::new("./data/tmp"));
        assert!(c.tls_files().is_none());
    }

    #[test]
    fn keys_are_read_and_overrides_win() {
        let text = r#"
            listen = "0.0.0.0:443"
            data_dir = "/var/lib/bt"
            [tls]
            cert = "/etc/bt/cert.pem"
            key = "/etc/bt/key.pem"
            [import]
            temp_dir = "/scratch"
        "#;
        let c = Config::parse(text, Path::new("x.toml")).unwrap();
        assert_eq!(c.listen.port(), 443);
        assert_eq!(c.temp_dir(), Path::new("/scratch"));
        assert!(c.tls_files().is_some());

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.toml");
        std::fs::write(&file, text).unwrap();
        let o = Overrides {
            config_file: Some(file),
            data_dir: Some("/elsewhere".into()),
            listen: Some("127.0.0.1:9".parse().unwrap()),
        };
        let c = Config::load(&o).unwrap();
        assert_eq!(c.db_path(), Path::new("/elsewhere/ballot-tracker.redb"));
        assert_eq!(c.listen.port(), 9);
    }

    #[test]
    fn mistakes_are_named() {
        let e = Config::parse("[tls]\ncert = \"c.pem\"\n", Path::new("x.toml")).unwrap_err();
        assert!(e.to_string().contains("both cert and key"), "{e}");
        let e = Config::parse("lisen = \"1.2.3.4:1\"\n", Path::new("x.toml")).unwrap_err();
        assert!(e.to_string().contains("lisen"), "{e}");
    }

    #[test]
    fn import_caps_are_read_and_checked() {
        let c = Config::parse(
            "[import]\nmax_record_bytes = 100000\nmax_field_bytes = 8192\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let l = &c.import;
        assert_eq!(
            (l.max_record_bytes, l.max_field_bytes, l.max_header_bytes),
            (100_000, 8192, 65_536)
        );
        assert_eq!(l.max_decompressed_bytes, 16 << 30);
        let err = Config::parse("[import]\nmax_field_bytes = 0\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("[import] max_field_bytes"), "{err}");
    }
}
