//! `county show|set`: what messages say about a county elections office.

use super::{CliError, Target, open_target, print_json, through_service};
use crate::config::Config;
use crate::domain::CountyCode;
use crate::domain::county_office::CountyOffice;
use crate::service::{Actor, notices};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The office's phone, web page and mail transit days.
    Show {
        county: String,
        #[arg(long)]
        json: bool,
    },
    /// Set them (messages use the state's hotline and page until a county does).
    Set {
        county: String,
        /// As voters should read it, e.g. "(530) 694-2281".
        #[arg(long)]
        phone: String,
        #[arg(long)]
        web: String,
        /// Days a mailed ballot takes to arrive: MIN-MAX, e.g. 2-5.
        #[arg(long, value_name = "MIN-MAX", default_value = "2-5")]
        transit_days: String,
    },
}

fn county(s: &str) -> Result<CountyCode, CliError> {
    CountyCode::parse(s).ok_or_else(|| CliError::Usage(format!("{s:?} is not a county code 01-58")))
}

/// `--transit-days MIN-MAX`.
fn transit(s: &str) -> Result<(u8, u8), CliError> {
    let bad = || CliError::Usage(format!("--transit-days {s:?} must be MIN-MAX, e.g. 2-5"));
    let (lo, hi) = s.split_once('-').ok_or_else(bad)?;
    Ok((
        lo.trim().parse().map_err(|_| bad())?,
        hi.trim().parse().map_err(|_| bad())?,
    ))
}

/// The same through the running service's API.
fn remote(ep: &crate::web::client::Endpoint, cmd: &Command) -> Result<(), CliError> {
    use hyper::Method;
    match cmd {
        Command::Show { county: c, .. } => through_service(
            ep,
            Method::GET,
            &format!("/api/v1/counties/{}/office", county(c)?),
            None,
        ),
        Command::Set {
            county: c,
            phone,
            web,
            transit_days,
        } => {
            let (lo, hi) = transit(transit_days)?;
            through_service(
                ep,
                Method::PUT,
                &format!("/api/v1/counties/{}/office", county(c)?),
                Some(
                    serde_json::json!({"phone": phone.trim(), "web": web.trim(), "transit_days": [lo, hi]}),
                ),
            )
        }
    }
}

pub fn run(cfg: &Config, cmd: &Command) -> Result<(), CliError> {
    let store = match open_target(cfg)? {
        Target::Local(store) => store,
        Target::Service(ep) => return remote(&ep, cmd),
    };
    let office = match cmd {
        Command::Show { county: c, json } => {
            let o = notices::county_office(&store, county(c)?)?;
            if *json {
                print_json(&o);
                return Ok(());
            }
            o
        }
        Command::Set {
            county: c,
            phone,
            web,
            transit_days,
        } => {
            let transit_days = transit(transit_days)?;
            let o = CountyOffice {
                phone: phone.trim().to_string(),
                web: web.trim().to_string(),
                transit_days,
            };
            notices::set_county_office(
                &store,
                &Actor::operator(),
                county(c)?,
                &o,
                jiff::Timestamp::now(),
            )?
        }
    };
    println!("phone         {}", office.phone);
    println!("web           {}", office.web);
    println!(
        "transit days  {}-{}",
        office.transit_days.0, office.transit_days.1
    );
    Ok(())
}
