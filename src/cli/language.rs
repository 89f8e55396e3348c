//! `language list|add`: the languages messages and pages are in, and adding
//! one with its catalogs without a new release.

use super::{CliError, Target, open_target, print_json, through_service};
use crate::config::Config;
use crate::service::{Actor, languages};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The added languages (the ten built-in ones are always there).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a language, or replace an added one, with its catalogs. It is
    /// checked whole first: every message renders on every channel in every
    /// county, text messages within 3 segments, the page texts complete.
    Add {
        /// The language code, e.g. `hy`, `fa`, `pa-Arab`.
        #[arg(long, value_name = "CODE")]
        code: String,
        /// The language's own name, as the language picker shows it.
        #[arg(long)]
        name: String,
        /// The voice provider's text-to-speech language (e.g. `hy-AM`);
        /// without it calls play uploaded recordings.
        #[arg(long, value_name = "LANG")]
        tts: Option<String>,
        /// Written right to left.
        #[arg(long)]
        rtl: bool,
        /// The message catalog (Fluent), with every text of i18n/en/messages.ftl.
        #[arg(long, value_name = "FILE")]
        messages: PathBuf,
        /// The voter pages' texts (Fluent), with every text of
        /// i18n/en/portal.ftl; without them the pages are not offered in
        /// the language, but messages are.
        #[arg(long, value_name = "FILE")]
        pages: Option<PathBuf>,
    },
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|err| CliError::Io {
        what: format!("cannot read {}", path.display()),
        err,
    })
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let target = open_target(cfg)?;
    match cmd {
        Command::List { json } => {
            let store = match target {
                Target::Local(store) => store,
                Target::Service(ep) => {
                    return through_service(&ep, hyper::Method::GET, "/api/v1/languages", None);
                }
            };
            let added = languages::added(&store)?;
            if *json {
                print_json(&added.iter().map(|a| &a.profile).collect::<Vec<_>>());
                return Ok(());
            }
            for a in added {
                let p = &a.profile;
                let at =
                    jiff::Timestamp::from_second(a.at).map_or(a.at.to_string(), |t| t.to_string());
                println!(
                    "{} {} (voice: {}; pages: {}) added {at} by {}",
                    p.language,
                    p.endonym,
                    p.tts.as_deref().unwrap_or("recordings"),
                    if a.pages.is_some() { "yes" } else { "no" },
                    a.actor
                );
            }
        }
        Command::Add {
            code,
            name,
            tts,
            rtl,
            messages,
            pages,
        } => {
            let new = languages::NewLanguage {
                code: code.clone(),
                endonym: name.clone(),
                tts: tts.clone(),
                rtl: *rtl,
                messages: read(messages)?,
                pages: pages.as_deref().map(read).transpose()?,
            };
            match target {
                Target::Service(ep) => {
                    let body = serde_json::json!({
                        "name": new.endonym,
                        "text_to_speech": new.tts,
                        "rtl": new.rtl,
                        "messages": new.messages,
                        "pages": new.pages,
                    });
                    return through_service(
                        &ep,
                        hyper::Method::PUT,
                        &format!("/api/v1/languages/{code}"),
                        Some(body),
                    );
                }
                Target::Local(store) => {
                    let added =
                        languages::add(&store, &Actor::operator(), new, jiff::Timestamp::now())?;
                    println!(
                        "added {} ({}); the service speaks it from its next start",
                        added.profile.language, added.profile.endonym
                    );
                }
            }
        }
    }
    Ok(())
}
