//! `election create|list|show|opt-out|sign-up|tracking-start|notices|hold-outbound`.

use super::{CliError, Target, open_store, open_target, print_json, through_service};
use crate::config::Config;
use crate::domain::{CountyCode, ElectionKind, ImbUse, MessageKind};
use crate::service::elections::{self, ElectionView, NewElection};
use crate::service::{Actor, ServiceError, notices};
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
        /// Messages start this many days before election day (default 29).
        #[arg(long, value_name = "DAYS", requires = "window_end_days")]
        window_start_days: Option<i32>,
        /// Messages stop at the end of this many days after election day (default 30).
        #[arg(long, value_name = "DAYS", requires = "window_start_days")]
        window_end_days: Option<i32>,
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
        /// The state approves a sign-up with fewer than 90 days left (needs --reason).
        #[arg(long, requires = "reason")]
        approve_late: bool,
        /// Why the state approves the late sign-up (audited), 10-500 characters.
        #[arg(long, requires = "approve_late")]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The day tracking turns on in a county: messages of earlier changes
    /// wait until that day (only the newest status of each ballot goes out).
    TrackingStart {
        code: String,
        #[arg(long, value_name = "CC")]
        county: String,
        /// The first day of tracking, YYYY-MM-DD.
        #[arg(
            long,
            value_name = "DATE",
            conflicts_with = "clear",
            required_unless_present = "clear"
        )]
        on: Option<String>,
        /// Tracking follows the message window again.
        #[arg(long)]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// When the election's messages go out (the state).
    Notices {
        code: String,
        /// KIND=RULE, e.g. `outbound=at 09:00`, `received=after 2h`,
        /// `accepted=immediately`; repeatable.
        #[arg(long = "rule", value_name = "KIND=RULE")]
        rules: Vec<String>,
        /// Days before election day for Return Reminders, e.g. 7,2 (empty: none).
        #[arg(long, value_name = "DAYS")]
        return_reminders: Option<String>,
        /// Days before the cure deadline for Cure Reminders, e.g. 7,2.
        #[arg(long, value_name = "DAYS")]
        cure_reminders: Option<String>,
        /// Messages start this many days before election day.
        #[arg(long, value_name = "DAYS", requires = "window_end_days")]
        window_start_days: Option<i32>,
        /// Messages stop at the end of this many days after election day.
        #[arg(long, value_name = "DAYS", requires = "window_start_days")]
        window_end_days: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// A county holds its Outbound messages until its ballots really drop in the mail.
    HoldOutbound {
        code: String,
        #[arg(long, value_name = "CC")]
        county: String,
        /// The mail-drop day, YYYY-MM-DD.
        #[arg(
            long,
            value_name = "DATE",
            conflicts_with = "release",
            required_unless_present = "release"
        )]
        until: Option<String>,
        /// End the hold.
        #[arg(long)]
        release: bool,
        #[arg(long)]
        json: bool,
    },
}

fn days(flag: &str, s: &str) -> Result<Vec<u16>, CliError> {
    s.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            d.parse::<u16>()
                .ok()
                .filter(|n| *n <= notices::MAX_REMINDER_DAYS)
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "{flag} {s:?}: each entry must be a number of days 0-{}",
                        notices::MAX_REMINDER_DAYS
                    ))
                })
        })
        .collect()
}

fn day(flag: &str, s: &str) -> Result<jiff::civil::Date, CliError> {
    s.parse()
        .map_err(|_| CliError::Usage(format!("{flag} {s:?} is not YYYY-MM-DD")))
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
            window_start_days,
            window_end_days,
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
                    window: window_start_days.zip(*window_end_days),
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
            approve_late,
            reason,
            json,
        } => {
            let c = county(c)?;
            let imb = ImbUse::parse(imb).ok_or_else(|| {
                CliError::Usage(format!(
                    "--imb {imb:?} is not none, outbound, inbound or both"
                ))
            })?;
            let store = open_store(cfg)?;
            let v = match (approve_late, reason) {
                (true, Some(r)) => elections::sign_up_late(&store, &actor, code, c, imb, r, now),
                _ => elections::sign_up(&store, &actor, code, c, imb, now),
            }
            .map_err(|e| match e {
                // The domain's refusal already names the closing date.
                ServiceError::Invalid(m) => CliError::Usage(m),
                e => e.into(),
            })?;
            print_one(
                &v,
                *json,
                &format!("county {c} ({}) signed up for", c.name()),
            );
        }
        Command::TrackingStart {
            code,
            county: c,
            on,
            clear: _,
            json,
        } => {
            let c = county(c)?;
            let on = on.as_deref().map(|d| day("--on", d)).transpose()?;
            let what = match on {
                Some(d) => format!("county {c} starts tracking on {d} in"),
                None => format!("county {c} tracks from the window's start in"),
            };
            let setting = CountyDay {
                path: format!("/api/v1/elections/{code}/tracking-start/{c}"),
                field: "on",
                day: on,
                what,
                json: *json,
            };
            setting.apply(cfg, |store| {
                elections::set_tracking_start(store, &actor, code, c, on, now)
            })?;
        }
        Command::Notices {
            code,
            rules,
            return_reminders,
            cure_reminders,
            window_start_days,
            window_end_days,
            json,
        } => {
            let window = window_start_days.zip(*window_end_days);
            let mut change = notices::NoticesChange::default();
            for r in rules {
                let (k, rule) = r
                    .split_once('=')
                    .ok_or_else(|| CliError::Usage(format!("--rule {r:?} must be KIND=RULE")))?;
                let kind = MessageKind::parse(k.trim()).ok_or_else(|| {
                    CliError::Usage(format!("--rule {r:?}: {k:?} is not a message kind"))
                })?;
                let rule = rule
                    .parse()
                    .map_err(|e: String| CliError::Usage(format!("--rule {r:?}: {e}")))?;
                change.rules.push((kind, rule));
            }
            change.return_reminder_days = return_reminders
                .as_deref()
                .map(|d| days("--return-reminders", d))
                .transpose()?;
            change.cure_reminder_days = cure_reminders
                .as_deref()
                .map(|d| days("--cure-reminders", d))
                .transpose()?;
            match open_target(cfg)? {
                Target::Local(store) => {
                    if let Some(w) = window {
                        elections::set_window(&store, &actor, code, w, now)?;
                    }
                    let v = notices::set_notices(&store, &actor, code, &change, now)?;
                    print_one(&v, *json, "message timing changed for");
                }
                Target::Service(ep) => {
                    let rules: serde_json::Map<String, serde_json::Value> = change
                        .rules
                        .iter()
                        .map(|(k, r)| (k.name().to_string(), r.to_string().into()))
                        .collect();
                    let mut body = serde_json::json!({ "rules": rules });
                    if let Some(d) = &change.return_reminder_days {
                        body["return_reminder_days"] = serde_json::json!(d);
                    }
                    if let Some(d) = &change.cure_reminder_days {
                        body["cure_reminder_days"] = serde_json::json!(d);
                    }
                    if let Some((start, end)) = window {
                        through_service(
                            &ep,
                            hyper::Method::PUT,
                            &format!("/api/v1/elections/{code}/window"),
                            Some(serde_json::json!({ "start_days": start, "end_days": end })),
                        )?;
                    }
                    through_service(
                        &ep,
                        hyper::Method::PUT,
                        &format!("/api/v1/elections/{code}/notices"),
                        Some(body),
                    )?;
                }
            }
        }
        Command::HoldOutbound {
            code,
            county: c,
            until,
            release: _,
            json,
        } => {
            let c = county(c)?;
            let until = until.as_deref().map(|d| day("--until", d)).transpose()?;
            let what = match until {
                Some(d) => format!("county {c} holds Outbound messages until {d} in"),
                None => format!("county {c} released its Outbound hold in"),
            };
            let setting = CountyDay {
                path: format!("/api/v1/elections/{code}/outbound-hold/{c}"),
                field: "until",
                day: until,
                what,
                json: *json,
            };
            setting.apply(cfg, |store| {
                notices::hold_outbound(store, &actor, code, c, until, now)
            })?;
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

/// A county's day in an election (tracking start, Outbound hold): set or
/// cleared on the store, or through the running service (PUT with the day,
/// DELETE without one).
struct CountyDay {
    path: String,
    /// The API body's field for the day.
    field: &'static str,
    day: Option<jiff::civil::Date>,
    /// What the change did, for the line printed after a local change.
    what: String,
    json: bool,
}

impl CountyDay {
    fn apply(
        self,
        cfg: &Config,
        local: impl FnOnce(&crate::store::Store) -> crate::service::Result<ElectionView>,
    ) -> Result<(), CliError> {
        match open_target(cfg)? {
            Target::Local(store) => print_one(&local(&store)?, self.json, &self.what),
            Target::Service(ep) => match self.day {
                Some(d) => through_service(
                    &ep,
                    hyper::Method::PUT,
                    &self.path,
                    Some(serde_json::json!({ self.field: d.to_string() })),
                )?,
                None => through_service(&ep, hyper::Method::DELETE, &self.path, None)?,
            },
        }
        Ok(())
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
        "  messages         {} to {} (E-{}..E+{})",
        e.messages_from, e.messages_until, e.window_start_days, e.window_end_days
    );
    println!("  return deadline  {}", e.return_deadline);
    println!("  cure deadline    {}", e.cure_deadline);
    if let Some(d) = e.sign_up_closes {
        println!("  sign-up closes   {d}");
    }
    if !e.opted_out.is_empty() {
        println!("  opted out        {}", e.opted_out.join(", "));
    }
    if !e.delivery_rules.is_empty() {
        let rules: Vec<String> = e
            .delivery_rules
            .iter()
            .map(|(k, r)| format!("{k} {r}"))
            .collect();
        println!("  delivery         {}", rules.join("; "));
    }
    println!(
        "  return reminders {:?} days before election day",
        e.return_reminder_days
    );
    println!(
        "  cure reminders   {:?} days before the cure deadline",
        e.cure_reminder_days
    );
    for (c, d) in &e.outbound_hold {
        println!("  county {c} holds Outbound messages until {d}");
    }
    for (c, d) in &e.tracking_starts {
        println!("  county {c} starts tracking on {d}");
    }
    for (c, r) in &e.late_sign_ups {
        println!("  county {c} signed up late, approved: {r}");
    }
    for (code, c) in &e.counties {
        println!(
            "  county {code} {:<16} IMB {:?}, signed up {}",
            c.name, c.imb, c.signed_up_on
        );
    }
}
