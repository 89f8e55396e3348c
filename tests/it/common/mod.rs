//! Shared helpers for the black-box tests: a store in a temp dir and import options.
#![allow(dead_code)]

use ballot_tracker::ingest::{self, Feed, ImportOptions, Scope, Summary, VoterMode};
use ballot_tracker::store::Store;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

/// 2026-10-10T12:00:00Z: inside the window of the test election.
pub const NOW: i64 = 1_791_633_600;

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.redb")).unwrap();
        Self { dir, store }
    }

    pub fn opts(&self, mode: VoterMode) -> ImportOptions {
        import_options(mode, NOW, self.dir.path().join("tmp"))
    }

    pub fn import(&self, feed: Feed, text: &str, opts: &ImportOptions) -> Summary {
        ingest::import(&self.store, feed, text.as_bytes(), opts).unwrap()
    }

    pub fn voters(&self, text: &str, mode: VoterMode) -> Summary {
        self.import(Feed::Voters, text, &self.opts(mode))
    }
}

/// A state-wide import of `mode` at `now`, sorting in `temp_dir`.
pub fn import_options(mode: VoterMode, now: i64, temp_dir: std::path::PathBuf) -> ImportOptions {
    ImportOptions {
        mode,
        dry_run: false,
        strict: false,
        scope: Scope::State,
        now,
        source: "test.csv".into(),
        temp_dir,
        progress: None,
        batch_rows: ingest::DEFAULT_BATCH_ROWS,
        stop_after_rows: None,
        max_removal_share: None,
        limits: Default::default(),
    }
}

pub const VOTER_HEADER: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n";

pub fn voter_row(id: &str, county: &str, first: &str, last: &str) -> String {
    format!("{id},{county},{first},,{last},,1980-02-03,95814,A,es,2026-01-01T00:00:00Z\n")
}

/// The statewide general election of 2026-11-03 under `code`, stored.
pub fn general_election(store: &Store, code: &str) -> ballot_tracker::domain::Election {
    let e = ballot_tracker::domain::Election::new(
        code,
        "General",
        jiff::civil::date(2026, 11, 3),
        ballot_tracker::domain::ElectionKind::Statewide,
    )
    .unwrap();
    store
        .write(true, |b| b.election_put(&e).map(|_| ()))
        .unwrap();
    e
}

/// The Armenian word for ballot, in place of Spanish "boleta": enough to
/// tell an added language's texts from the built-in ones, same length.
pub const ADDED_WORD: &str = "քվեաթե";

/// Catalogs for a language added at run time (`hy`): the Spanish message
/// and page texts with `ADDED_WORD` for "boleta".
pub fn added_language_catalogs() -> (String, String) {
    (
        include_str!("../../../i18n/es/messages.ftl").replace("boleta", ADDED_WORD),
        include_str!("../../../i18n/es/portal.ftl").replace("boleta", ADDED_WORD),
    )
}
pub mod server;
