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
}

impl Default for ImportConfig {
    fn default() -> Self {
        Self {
            temp_dir: None,
            batch_rows: crate::ingest::DEFAULT_BATCH_ROWS,
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
            (Some(_), None) => Err(ConfigError::TlsHalf { given: "cert" }),
            (None, Some(_)) => Err(ConfigError::TlsHalf { given: "key" }),
            _ => Ok(()),
        }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn service_file(&self) -> PathBuf {
        self.data_dir.join(SERVICE_FILE)
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
}
