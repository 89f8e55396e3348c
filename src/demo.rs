//! A small demo county pair (Alpine 02 and Sierra 46, 50 voters) for
//! `serve --demo`: embedded files loaded through the real importer, so the
//! demo exercises the same path as production, and three voters subscribed
//! to messages. Loading twice changes nothing (the importer recognises files
//! it has already applied; existing subscriptions are kept).

use crate::domain::{CountyCode, ElectionKind, ImbUse};
use crate::ingest::{Feed, Summary, VoterMode};
use crate::service::{Actor, Result, ServiceError, elections, imports, subscriptions};
use crate::store::{Store, TokenScope};
use std::path::Path;

pub const ELECTION: &str = "2026-11-03-GEN";

/// The demo feeds, in the order they must be loaded.
const FILES: [(Feed, &str, &str); 4] = [
    (
        Feed::Voters,
        "demo/voters.csv",
        include_str!("../assets/demo/voters.csv"),
    ),
    (
        Feed::Ballots,
        "demo/ballots.csv",
        include_str!("../assets/demo/ballots.csv"),
    ),
    (
        Feed::Imb,
        "demo/imb.csv",
        include_str!("../assets/demo/imb.csv"),
    ),
    (
        Feed::Scans,
        "demo/scans.jsonl",
        include_str!("../assets/demo/scans.jsonl"),
    ),
];

/// Loads the demo data; returns each feed's summary, or why it could not be
/// loaded (one failing feed does not keep the others out).
pub fn load(
    store: &Store,
    temp_dir: &Path,
    now: jiff::Timestamp,
) -> Result<Vec<(Feed, Result<Summary>)>> {
    let actor = Actor {
        name: "demo".to_string(),
        scope: TokenScope::State,
    };
    let new = elections::NewElection {
        code: ELECTION,
        name: "Statewide General Election",
        date: jiff::civil::date(2026, 11, 3),
        kind: ElectionKind::Statewide,
        window: None,
    };
    match elections::create(store, &actor, &new, now) {
        Ok(_) => {
            // Statewide sign-up never closes: it records how each county uses IMBs.
            let alpine = CountyCode::parse("02").expect("county");
            let sierra = CountyCode::parse("46").expect("county");
            elections::sign_up(store, &actor, ELECTION, alpine, ImbUse::Both, now)?;
            elections::sign_up(store, &actor, ELECTION, sierra, ImbUse::Both, now)?;
        }
        Err(ServiceError::Conflict(_)) => {}
        Err(e) => return Err(e),
    }
    let mut out = Vec::new();
    for (feed, name, text) in FILES {
        let req = imports::Request {
            feed,
            mode: VoterMode::Delta,
            dry_run: false,
            strict: false,
            source: name.to_string(),
            temp_dir: temp_dir.to_path_buf(),
            batch_rows: crate::ingest::DEFAULT_BATCH_ROWS,
            progress: None,
            max_removal_share: Some(crate::ingest::DEFAULT_MAX_REMOVAL_SHARE),
            limits: crate::ingest::ReadLimits::default(),
        };
        out.push((feed, imports::run(store, &actor, req, text.as_bytes(), now)));
    }
    subscribe(store, &actor, now)?;
    Ok(out)
}

/// A few demo voters signed up for messages, in several languages and on
/// every channel, at all hours so the demo shows messages at once (to the
/// file driver's `outbox/*.jsonl` unless providers are configured).
fn subscribe(store: &Store, actor: &Actor, now: jiff::Timestamp) -> Result<()> {
    let voters = [
        (
            "CA0200001",
            "tl",
            Some("isabel@example.org"),
            Some("+1 530 555 0101"),
            None,
        ),
        (
            "CA0200004",
            "en",
            Some("chloe@example.org"),
            None,
            Some("+1 530 555 0104"),
        ),
        ("CA0200003", "zh", None, Some("+1 530 555 0103"), None),
    ];
    for (id, language, email, sms, voice) in voters {
        if subscriptions::get(store, actor, id).is_ok() {
            continue;
        }
        let req = subscriptions::SubscriptionRequest {
            votecal_id: id.into(),
            email: email.map(String::from),
            sms: sms.map(String::from),
            voice: voice.map(String::from),
            language: language.into(),
            hours: Some("00:00-24:00".into()),
            time_zone: None,
            confirmed: true,
        };
        match subscriptions::add(store, actor, &req, &subscriptions::Defaults::default(), now) {
            Ok(_) | Err(ServiceError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
