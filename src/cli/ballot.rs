//! `ballot show`: a voter's ballot status and timeline.

use super::{CliError, open_store, print_json};
use crate::config::Config;
use crate::service::{Actor, ballots};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Status and timeline of a voter's ballot(s).
    Show {
        votecal_id: String,
        /// Only this election (otherwise every election the voter has a ballot in).
        #[arg(long, value_name = "CODE")]
        election: Option<String>,
        /// With --election one JSON object, otherwise an array.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let Command::Show {
        votecal_id,
        election,
        json,
    } = cmd;
    let store = open_store(cfg)?;
    let mut views = ballots::show(&store, &Actor::operator(), votecal_id, election.as_deref())?;
    if *json {
        if election.is_some() {
            print_json(&views.remove(0));
        } else {
            print_json(&views);
        }
        return Ok(());
    }
    for v in &views {
        println!(
            "voter {}  election {}  status {}",
            v.votecal_id,
            v.election,
            v.status.unwrap_or("(none yet)")
        );
        for e in &v.events {
            let reasons = if e.reasons.is_empty() {
                String::new()
            } else {
                format!(" [{}]", e.reasons.join(", "))
            };
            let message = e.message.map(|m| format!(" -> {m}")).unwrap_or_default();
            println!(
                "  {}  {:<7} {}{reasons}{message}",
                local_time(&e.at),
                e.source,
                e.code
            );
        }
    }
    Ok(())
}

/// Staff read times in California's time zone.
fn local_time(rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(t) => t
            .to_zoned(crate::domain::pacific::pacific())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => rfc3339.to_string(),
    }
}
