//! `catalog override|overrides|preview`: the state's and counties' own message
//! texts, versioned, and a preview of any message as it would go out.

use super::{CliError, Target, open_target, print_json, through_service};
use crate::config::Config;
use crate::domain::{Channel, CountyCode, Language, MessageKind};
use crate::notify::catalog::OverrideKey;
use crate::notify::render::Content;
use crate::service::{Actor, notices};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Store a new version of a text (an empty --text withdraws the override).
    Override {
        /// `state` or `county-CC`.
        #[arg(long)]
        scope: String,
        #[arg(long, value_name = "CODE")]
        language: String,
        /// `message.part`, e.g. `outbound.sms`, `accepted.email-subject`.
        #[arg(long, value_name = "ID")]
        text_id: String,
        /// Fluent text; may use the message's variables, e.g. { $county }.
        #[arg(long)]
        text: String,
    },
    /// Every override with all its versions.
    Overrides {
        #[arg(long)]
        json: bool,
    },
    /// A message as it would go out, with sample facts.
    Preview {
        #[arg(long, value_name = "CODE")]
        language: String,
        #[arg(long, value_name = "CC", default_value = "01")]
        county: String,
        /// e.g. outbound, contact_county, return_reminder.
        #[arg(long)]
        kind: String,
        /// email, sms or voice.
        #[arg(long)]
        channel: String,
    },
}

fn language(s: &str) -> Result<Language, CliError> {
    Language::parse_code(s)
        .ok_or_else(|| CliError::Usage(format!("--language {s:?} is not a language code")))
}

/// The same through the running service's API (an override is in force at once).
fn remote(ep: &crate::web::client::Endpoint, cmd: &Command) -> Result<(), CliError> {
    use hyper::Method;
    match cmd {
        Command::Override {
            scope,
            language: l,
            text_id,
            text,
        } => through_service(
            ep,
            Method::PUT,
            &format!(
                "/api/v1/catalog/overrides/{scope}/{}/{text_id}",
                language(l)?.code()
            ),
            Some(serde_json::json!({ "text": text })),
        ),
        Command::Overrides { .. } => {
            through_service(ep, Method::GET, "/api/v1/catalog/overrides", None)
        }
        Command::Preview {
            language: l,
            county,
            kind,
            channel,
        } => through_service(
            ep,
            Method::GET,
            &format!(
                "/api/v1/catalog/preview?language={}&county={county}&kind={kind}&channel={channel}",
                language(l)?.code()
            ),
            None,
        ),
    }
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let store = match open_target(cfg)? {
        Target::Local(store) => store,
        Target::Service(ep) => return remote(&ep, cmd),
    };
    match cmd {
        Command::Override {
            scope,
            language: l,
            text_id,
            text,
        } => {
            let key_s = format!("{scope}/{}/{text_id}", language(l)?.code());
            let key = OverrideKey::parse(&key_s).ok_or_else(|| {
                CliError::Usage(format!("--scope {scope:?} must be `state` or `county-CC`"))
            })?;
            let v = notices::override_text(
                &store,
                &Actor::operator(),
                &key,
                text,
                jiff::Timestamp::now(),
            )?;
            println!("{key} version {v}");
        }
        Command::Overrides { json } => {
            let all = notices::overrides(&store)?;
            if *json {
                print_json(&all);
            }
            for (key, versions) in all.iter().filter(|_| !*json) {
                for v in versions {
                    let at = jiff::Timestamp::from_second(v.at)
                        .map_or(v.at.to_string(), |t| t.to_string());
                    println!("{key} v{} {at} {}: {}", v.version, v.actor, v.text);
                }
            }
        }
        Command::Preview {
            language: l,
            county,
            kind,
            channel,
        } => {
            let county = CountyCode::parse(county).ok_or_else(|| {
                CliError::Usage(format!("--county {county:?} is not a county code 01-58"))
            })?;
            let kind = MessageKind::parse(kind)
                .ok_or_else(|| CliError::Usage(format!("--kind {kind:?} is not a message kind")))?;
            let channel = Channel::parse(channel).ok_or_else(|| {
                CliError::Usage(format!("--channel {channel:?} is not email, sms or voice"))
            })?;
            match notices::preview(&store, language(l)?, county, (kind, channel), None)? {
                Content::Email { subject, text, .. } => println!("Subject: {subject}\n\n{text}"),
                Content::Sms { text } => {
                    let s = crate::domain::sms::segments(&text);
                    println!(
                        "{text}\n\n({:?}, {} units, {} segments)",
                        s.encoding, s.units, s.segments
                    );
                }
                Content::Voice { script, tts } => {
                    println!(
                        "{script}\n\n({})",
                        tts.map_or("recording".to_string(), |t| format!("text-to-speech {t}"))
                    );
                }
            }
        }
    }
    Ok(())
}
