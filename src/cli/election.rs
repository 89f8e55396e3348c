//! `election create|list|show|opt-out|sign-up`.

use super::{CliError, open_store, print_json};
use crate::config::Config;
use crate::domain::{CountyCode, ElectionKind, ImbUse};
use crate::service::elections::{self, ElectionView, NewElection};
use crate::service::{Actor, ServiceError};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Define an election.
    Create {
        /// Election code: A-Z, 0-9 and '-', e.g. 2026-11-03-GEN.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Election day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// statewide, special or local.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        json: bool,
    },
    /// Every election, by date.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One election and its counties.
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// A county leaves a statewide election.
    OptOut {
        code: String,
        #[arg(long, value_name = "CC")]
        county: String,
        #[arg(long)]
        json: bool,
    },
    /// A county joins a special or local election (at least 90 days ahead).
    SignUp {
        code: String,
        #[arg(long, value_name = "CC")]
        county: String,
        /// Which mail the county tracks with IMBs: none, outbound, inbound or both.
        #[arg(long, default_value = "none")]
        imb: String,
        #[arg(long)]
        json: bool,
    },
}

fn county(s: &str) -> Result<CountyCode, CliError> {
    CountyCode::parse(s)
        .ok_or_else(|| CliError::Usage(format!("--county {s:?} is not a county code 01-58")))
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let now = jiff::Timestamp::now();
    let actor = Actor::operator();
    match cmd {
        Command::Create {
            code,
            name,
            date,
            kind,
            json,
        } => {
            let date = date
                .parse()
                .map_err(|_| CliError::Usage(format!("--date {date:?} is not YYYY-MM-DD")))?;
            let kind = ElectionKind::parse(kind).ok_or_else(|| {
                CliError::Usage(format!(
                    "--kind {kind:?} is not statewide, special or local"
                ))
            })?;
            let store = open_store(cfg)?;
            let v = elections::create(
                &store,
                &actor,
                &NewElection {
                    code,
                    name,
                    date,
                    kind,
                },
                now,
            )?;
            print_one(&v, *json, "created");
        }
        Command::List { json } => {
            let list = elections::list(&open_store(cfg)?)?;
            if *json {
                print_json(&list);
            } else if list.is_empty() {
                println!("no elections");
            } else {
                for e in &list {
                    println!(
                        "{}  {}  {:<9}  {}",
                        e.date,
                        e.code,
                        kind_name(e.kind),
                        e.name
                    );
                }
            }
        }
        Command::Show { code, json } => {
            let v = elections::show(&open_store(cfg)?, code)?;
            print_one(&v, *json, "");
        }
        Command::OptOut {
            code,
            county: c,
            json,
        } => {
            let c = county(c)?;
            let v = elections::opt_out(&open_store(cfg)?, &actor, code, c, now)?;
            print_one(
                &v,
                *json,
                &format!("county {c} ({}) opted out of", c.name()),
            );
        }
        Command::SignUp {
            code,
            county: c,
            imb,
            json,
        } => {
            let c = county(c)?;
            let imb = ImbUse::parse(imb).ok_or_else(|| {
                CliError::Usage(format!(
                    "--imb {imb:?} is not none, outbound, inbound or both"
                ))
            })?;
            let v =
                elections::sign_up(&open_store(cfg)?, &actor, code, c, imb, now).map_err(|e| {
                    match e {
                        // The domain's refusal already names the closing date.
                        ServiceError::Invalid(m) => CliError::Usage(m),
                        e => e.into(),
                    }
                })?;
            print_one(
                &v,
                *json,
                &format!("county {c} ({}) signed up for", c.name()),
            );
        }
    }
    Ok(())
}

fn kind_name(k: ElectionKind) -> &'static str {
    match k {
        ElectionKind::Statewide => "statewide",
        ElectionKind::Special => "special",
        ElectionKind::Local => "local",
    }
}

fn print_one(e: &ElectionView, json: bool, what: &str) {
    if json {
        return print_json(e);
    }
    if !what.is_empty() {
        println!("{what} {}", e.code);
    }
    println!("{} — {}", e.code, e.name);
    println!("  election day     {} ({})", e.date, kind_name(e.kind));
    println!(
        "  messages         {} to {}",
        e.messages_from, e.messages_until
    );
    println!("  return deadline  {}", e.return_deadline);
    println!("  cure deadline    {}", e.cure_deadline);
    if let Some(d) = e.sign_up_closes {
        println!("  sign-up closes   {d}");
    }
    if !e.opted_out.is_empty() {
        println!("  opted out        {}", e.opted_out.join(", "));
    }
    for (code, c) in &e.counties {
        println!(
            "  county {code} {:<16} IMB {:?}, signed up {}",
            c.name, c.imb, c.signed_up_on
        );
    }
}
