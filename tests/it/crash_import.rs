//! Kills `ballot-tracker import` (SIGKILL) at many points of a statewide-shaped
//! voter import, re-runs it after each kill, and checks that the final store
//! equals one clean import of the same file.

use crate::common;

use ballot_tracker::domain::VoterId;
use ballot_tracker::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_ballot-tracker");

fn write_roll(path: &Path, n: u32, skip_below: u32) {
    let mut s = String::from(common::VOTER_HEADER);
    for i in skip_below..n {
        let id = (u64::from(i) * 7_919_977) % 10_000_000_000;
        let county = if i % 4 == 0 { "46" } else { "02" };
        s.push_str(&format!(
            "CA{id:010},{county},F{i},,L{},,1970-02-{:02},95814,A,,\n",
            i % 911,
            i % 28 + 1
        ));
    }
    std::fs::write(path, s).unwrap();
}

fn import(data: &Path, config: &Path, file: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--config")
        .arg(config)
        .arg("--data")
        .arg(data)
        .args(["import", "voters"])
        .arg(file)
        .args(["--mode", "full", "--json"]);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Whether an import was left part-way, with a committed checkpoint.
fn has_checkpoint(data: &Path) -> bool {
    let store = Store::open(&data.join("ballot-tracker.redb")).unwrap();
    store
        .write(true, |b| Ok(!b.imports_unfinished()?.is_empty()))
        .unwrap()
}

/// Voters as (id, first, last, county, removed), and a check of the lookup index.
/// One voter as compared: id, first and last name, county, removed.
type VoterRow = (VoterId, String, String, u8, bool);

fn contents(data: &Path) -> (Vec<VoterRow>, usize) {
    let store = Store::open(&data.join("ballot-tracker.redb")).unwrap();
    let r = store.read().unwrap();
    let mut out = Vec::new();
    for v in r.voters_iter().unwrap() {
        let (id, v) = v.unwrap();
        if !v.removed {
            assert_eq!(
                r.voters_by_lookup(v.lookup).unwrap(),
                vec![id],
                "lookup index of {id}"
            );
        }
        out.push((id, v.first_name, v.last_name, v.county.number(), v.removed));
    }
    let events = r.events_after(0, usize::MAX).unwrap().len();
    (out, events)
}

#[test]
fn killed_imports_rerun_to_the_same_store_as_a_clean_import() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // The new roll removes a quarter of the old one: within this test's removal share.
    std::fs::write(
        &config,
        "[import]\nbatch_rows = 500\nmax_removal_share = 0.3\n",
    )
    .unwrap();
    let (before, file) = (dir.path().join("before.csv"), dir.path().join("roll.csv"));
    write_roll(&before, 20_000, 0);
    // The new roll drops the first 5,000 voters and adds 60,000.
    write_roll(&file, 80_000, 5_000);

    let clean = dir.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    assert!(import(&clean, &config, &before).status().unwrap().success());
    let t = Instant::now();
    assert!(import(&clean, &config, &file).status().unwrap().success());
    let clean_time = t.elapsed();

    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    assert!(
        import(&crashed, &config, &before)
            .status()
            .unwrap()
            .success()
    );
    // Kill points spread over the clean import's duration, until several kills
    // have left a committed checkpoint behind (an import stopped part-way).
    let mut kills = 0;
    let mut checkpointed = 0;
    for step in [
        0.3, 0.5, 0.2, 0.65, 0.4, 0.8, 0.55, 0.35, 0.7, 0.45, 0.6, 0.25,
    ] {
        let mut child = import(&crashed, &config, &file).spawn().unwrap();
        std::thread::sleep(clean_time.mul_f64(step));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if has_checkpoint(&crashed) {
            checkpointed += 1;
            if checkpointed == 3 {
                break;
            }
        }
    }
    assert!(
        kills >= 3,
        "the import was killed mid-way only {kills} times"
    );
    assert!(
        checkpointed >= 1,
        "no kill landed after a committed checkpoint"
    );
    let done = import(&crashed, &config, &file).status().unwrap();
    assert!(done.success(), "final re-run: {done}");

    let (a, ea) = contents(&clean);
    let (b, eb) = contents(&crashed);
    assert_eq!(a.len(), b.len());
    assert!(a == b, "stores differ after kills and re-run");
    assert_eq!(
        a.iter().filter(|v| v.4).count(),
        5_000,
        "the dropped voters are removed"
    );
    assert_eq!(ea, eb, "tracking-ended events logged exactly once");
}
