//! `token create`: API tokens for counties and the state.

use super::{CliError, open_store};
use crate::config::Config;
use crate::domain::CountyCode;
use crate::service::{Actor, tokens};
use crate::store::TokenScope;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a token; it is printed once and cannot be shown again.
    Create {
        /// A county token: that county's data only.
        #[arg(
            long,
            value_name = "CC",
            conflicts_with = "state",
            required_unless_present = "state"
        )]
        county: Option<String>,
        /// A state token: every county.
        #[arg(long)]
        state: bool,
        /// Who holds it, for the audit log.
        #[arg(long, value_name = "L", default_value = "api")]
        label: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let Command::Create {
        county,
        state: _,
        label,
        json,
    } = cmd;
    let scope = match county {
        Some(c) => TokenScope::County(CountyCode::parse(c).ok_or_else(|| {
            CliError::Usage(format!("--county {c:?} is not a county code 01-58"))
        })?),
        None => TokenScope::State,
    };
    let store = open_store(cfg)?;
    let token = tokens::create(
        &store,
        &Actor::operator(),
        scope,
        label,
        jiff::Timestamp::now(),
    )?;
    if *json {
        super::print_json(
            &serde_json::json!({"token": token, "label": label, "scope": scope_json(scope)}),
        );
    } else {
        println!("{token}");
        eprintln!(
            "API token {label:?} for {}. Keep it safe: it is not shown again.",
            tokens::scope_name(scope)
        );
    }
    Ok(())
}

fn scope_json(scope: TokenScope) -> String {
    match scope {
        TokenScope::State => "state".to_string(),
        TokenScope::County(c) => c.to_string(),
    }
}
