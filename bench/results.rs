//! A benchmark's section of bench/RESULTS.md: written between its markers,
//! `<!-- BEGIN name -->` and `<!-- END name -->`, leaving the other sections
//! as they are (appended when the file has none yet).

use std::path::{Path, PathBuf};

pub fn begin(name: &str) -> String {
    format!("<!-- BEGIN {name} -->")
}

pub fn end(name: &str) -> String {
    format!("<!-- END {name} -->")
}

/// Writes `section` (which starts with `begin(name)` and ends with
/// `end(name)`) to `BENCH_RESULTS`, or bench/RESULTS.md.
pub fn write(root: &Path, name: &str, section: &str) {
    let path = match std::env::var_os("BENCH_RESULTS") {
        Some(p) => PathBuf::from(p),
        None => root.join("bench").join("RESULTS.md"),
    };
    let (begin, end) = (begin(name), end(name));
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let new = match (old.find(&begin), old.find(&end)) {
        (Some(a), Some(b)) if b > a => format!(
            "{}{section}{}",
            &old[..a],
            old[b + end.len()..].trim_start_matches('\n')
        ),
        _ => format!("{}\n\n{section}", old.trim_end()),
    };
    std::fs::write(&path, new).expect("results written");
    println!("\n{section}written to {}", path.display());
}
