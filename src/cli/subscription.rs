//! `subscription add|show|list|remove`: county staff enrol a voter who calls
//! them, and look after enrolments.

use super::{CliError, Target, open_target, print_json, through_service};
use crate::config::Config;
use crate::domain::CountyCode;
use crate::service::Actor;
use crate::service::subscriptions::{self, Defaults, SubscriptionRequest, SubscriptionView};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Enrol a voter of the roll (replaces their earlier subscription).
    Add {
        #[arg(long, value_name = "ID")]
        votecal_id: String,
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// Phone number for text messages (e.g. "(916) 555-0100" or +1 916 555 0100).
        #[arg(long, value_name = "PHONE")]
        sms: Option<String>,
        /// Phone number for voice calls.
        #[arg(long, value_name = "PHONE")]
        voice: Option<String>,
        /// en, es, zh, hi, ja, km, ko, tl, th or vi.
        #[arg(long, value_name = "CODE")]
        language: String,
        /// Notification hours, HH:MM-HH:MM (default: the configuration's).
        #[arg(long, value_name = "HH:MM-HH:MM")]
        hours: Option<String>,
        /// IANA time zone (default: the configuration's, America/Los_Angeles).
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// The voter confirmed these contacts on the phone: messages start
        /// now. Required: unconfirmed contacts are confirmed only by a code on
        /// the voter pages.
        #[arg(long)]
        confirmed: bool,
        #[arg(long)]
        json: bool,
    },
    /// A voter's subscription.
    Show {
        #[arg(long, value_name = "ID")]
        votecal_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Subscriptions of a county, or of every county.
    List {
        #[arg(long, value_name = "CODE")]
        county: Option<String>,
        /// Start after this voter (for paging).
        #[arg(long, value_name = "ID")]
        after: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// End a voter's subscription; their pending messages are withdrawn.
    Remove {
        #[arg(long, value_name = "ID")]
        votecal_id: String,
    },
}

pub fn defaults(cfg: &Config) -> Result<Defaults, CliError> {
    Ok(Defaults {
        hours: cfg
            .default_hours()
            .map_err(|e| CliError::Usage(e.to_string()))?,
        time_zone: cfg.scheduler.default_time_zone.clone(),
    })
}

/// What `add` asks for, as the API takes it.
fn request(cmd: &Command) -> SubscriptionRequest {
    let Command::Add {
        votecal_id,
        email,
        sms,
        voice,
        language,
        hours,
        tz,
        confirmed,
        ..
    } = cmd
    else {
        return SubscriptionRequest::default();
    };
    SubscriptionRequest {
        votecal_id: votecal_id.clone(),
        email: email.clone(),
        sms: sms.clone(),
        voice: voice.clone(),
        language: language.clone(),
        hours: hours.clone(),
        time_zone: tz.clone(),
        confirmed: *confirmed,
    }
}

/// The same through the running service's API.
fn remote(ep: &crate::web::client::Endpoint, cmd: &Command) -> Result<(), CliError> {
    use hyper::Method;
    match cmd {
        Command::Add { .. } => {
            let body = serde_json::to_value(request(cmd)).expect("serializes");
            through_service(ep, Method::POST, "/api/v1/subscriptions", Some(body))
        }
        Command::Show { votecal_id, .. } => through_service(
            ep,
            Method::GET,
            &format!("/api/v1/subscriptions/{votecal_id}"),
            None,
        ),
        Command::List {
            county,
            after,
            limit,
            ..
        } => {
            let mut q = format!("limit={limit}");
            if let Some(c) = county {
                q.push_str(&format!("&county={c}"));
            }
            if let Some(a) = after {
                q.push_str(&format!("&after={a}"));
            }
            through_service(ep, Method::GET, &format!("/api/v1/subscriptions?{q}"), None)
        }
        Command::Remove { votecal_id } => through_service(
            ep,
            Method::DELETE,
            &format!("/api/v1/subscriptions/{votecal_id}"),
            None,
        ),
    }
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let store = match open_target(cfg)? {
        Target::Local(store) => store,
        Target::Service(ep) => return remote(&ep, cmd),
    };
    let actor = Actor::operator();
    let now = jiff::Timestamp::now();
    match cmd {
        Command::Add { json, .. } => {
            let req = request(cmd);
            crate::web::subscriptions::check_staff_add(&store, &actor, &req)?;
            let (view, report) = subscriptions::add(&store, &actor, &req, &defaults(cfg)?, now)?;
            if *json {
                print_json(&view);
            } else {
                print_view(&view);
                println!("  messages queued: {}", report.queued);
            }
        }
        Command::Show { votecal_id, json } => {
            let view = subscriptions::get(&store, &actor, votecal_id)?;
            if *json {
                print_json(&view);
            } else {
                print_view(&view);
            }
        }
        Command::List {
            county,
            after,
            limit,
            json,
        } => {
            let county = county
                .as_deref()
                .map(|c| {
                    CountyCode::parse(c).ok_or_else(|| {
                        CliError::Usage(format!("--county {c:?} is not a county code 01-58"))
                    })
                })
                .transpose()?;
            for v in subscriptions::list(&store, &actor, county, after.as_deref(), *limit)? {
                if *json {
                    println!("{}", serde_json::to_string(&v).expect("serializes"));
                } else {
                    print_view(&v);
                }
            }
        }
        Command::Remove { votecal_id } => {
            let withdrawn = subscriptions::remove(&store, &actor, votecal_id, now)?;
            println!(
                "removed the subscription of {votecal_id}; {withdrawn} pending messages withdrawn"
            );
        }
    }
    Ok(())
}

fn print_view(v: &SubscriptionView) {
    println!(
        "voter {}  county {}  language {}  hours {} {}",
        v.votecal_id, v.county, v.language, v.hours, v.time_zone
    );
    for c in &v.contacts {
        let mut state = vec![if c.verified {
            "verified"
        } else {
            "not verified"
        }];
        if c.opted_out {
            state.push("stopped");
        }
        if c.bad.is_some() {
            state.push("unreachable");
        }
        println!("  {:<6} {}  ({})", c.channel, c.address, state.join(", "));
    }
}
