//! Where log lines go and which are kept.
//!
//! `RUST_LOG` names levels for our own code; dependencies stay at `info`
//! unless a directive names them. A bare `RUST_LOG=debug` would otherwise
//! make the SMTP client log every envelope (`RCPT TO:<voter's address>`)
//! and every message it sends, one-time codes included.

use tracing_subscriber::EnvFilter;

/// Our crate's target in log directives.
const OURS: &str = "ballot_tracker";

/// Installs the logger: `RUST_LOG`, or else `default`, chooses the level
/// (see [`scoped`]); lines go to `out`, coloured only for a terminal (the
/// journal would keep the colour codes as text).
pub fn log_to<W>(default: &str, out: W, ansi: bool)
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let asked = std::env::var(EnvFilter::DEFAULT_ENV).ok();
    let spec = scoped(asked.as_deref().unwrap_or(default));
    let filter = EnvFilter::try_new(&spec).unwrap_or_else(|err| {
        eprintln!("RUST_LOG is not valid ({err}); logging at {default}");
        EnvFilter::new(scoped(default))
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(out)
        .try_init();
}

/// A `RUST_LOG` spec with its bare levels (`debug`) applied to our crate
/// only: `debug` becomes `ballot_tracker=debug,info`. Directives that name
/// a target (`lettre=debug`) are the operator's explicit choice and kept.
pub fn scoped(spec: &str) -> String {
    let mut out = Vec::new();
    let mut global: Option<Level> = None;
    for d in spec.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        match Level::parse(d) {
            Some(level) => {
                out.push(format!("{OURS}={}", level.name()));
                global = Some(level);
            }
            None => out.push(d.to_string()),
        }
    }
    // Dependencies log what our bare level asks, but never more than info.
    let deps = match global {
        Some(l) if l < Level::Info => l,
        _ => Level::Info,
    };
    out.push(deps.name().to_string());
    out.join(",")
}

/// Log levels, quietest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl Level {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "off" => Self::Off,
            "error" => Self::Error,
            "warn" => Self::Warn,
            "info" => Self::Info,
            "debug" => Self::Debug,
            "trace" => Self::Trace,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Error => "error",
            Self::Warn => "warn",
            Self::Info => "info",
            Self::Debug => "debug",
            Self::Trace => "trace",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_levels_apply_to_our_code_and_dependencies_stay_at_info() {
        assert_eq!(scoped("debug"), "ballot_tracker=debug,info");
        assert_eq!(scoped("TRACE"), "ballot_tracker=trace,info");
        assert_eq!(scoped("info"), "ballot_tracker=info,info");
        // Quieter than info is quieter for everyone.
        assert_eq!(scoped("warn"), "ballot_tracker=warn,warn");
        assert_eq!(scoped("off"), "ballot_tracker=off,off");
    }

    #[test]
    fn named_targets_are_the_operators_choice() {
        assert_eq!(scoped("lettre=debug"), "lettre=debug,info");
        assert_eq!(
            scoped("debug, lettre=trace"),
            "ballot_tracker=debug,lettre=trace,info"
        );
        assert_eq!(
            scoped("ballot_tracker::web=debug"),
            "ballot_tracker::web=debug,info"
        );
        assert_eq!(scoped(""), "info");
    }

    #[test]
    fn a_bare_debug_filter_leaves_dependencies_at_info() {
        use tracing::Level as L;
        use tracing_subscriber::layer::SubscriberExt;
        let filter = EnvFilter::try_new(scoped("debug")).unwrap();
        let hint = filter.max_level_hint();
        assert_eq!(hint, Some(tracing::level_filters::LevelFilter::DEBUG));
        let subscriber = tracing_subscriber::registry().with(filter);
        tracing::subscriber::with_default(subscriber, || {
            let ours = tracing::enabled!(target: "ballot_tracker::notify", L::DEBUG);
            let lettre = tracing::enabled!(target: "lettre::transport::smtp", L::DEBUG);
            let lettre_info = tracing::enabled!(target: "lettre::transport::smtp", L::INFO);
            assert!(ours && !lettre && lettre_info);
        });
    }
}
