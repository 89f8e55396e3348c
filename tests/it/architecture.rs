//! ARCHITECTURE.md's layering, checked on the source: no top-level module
//! imports from one that depends on it, no two sibling files import each
//! other, only `store` names redb, and `domain` reads no clock.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src`, by module path (`web::portal::text`).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts
            .last()
            .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
        {
            parts.pop();
        }
        // Test modules of their own (`tests.rs`, `render_tests.rs`) may use anything.
        if parts
            .last()
            .is_some_and(|p| p == "tests" || p.ends_with("_tests"))
        {
            continue;
        }
        out.insert(parts.join("::"), std::fs::read_to_string(&f).unwrap());
    }
    out
}

/// The code of a file without its tests and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file names: `crate::a::b`, `super::x`, `super::{x, y}`.
fn named(module: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
    let parent = &parent[..parent.len().saturating_sub(1)];
    let mut out = BTreeSet::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.to_vec())] {
        for (at, _) in text.match_indices(prefix) {
            if text[..at].ends_with(|c: char| ident(c) || c == ':') {
                continue;
            }
            let rest = &text[at + prefix.len()..];
            let heads: Vec<&str> = match rest.strip_prefix('{') {
                Some(list) => list[..list.find('}').unwrap_or(0)]
                    .split(',')
                    .map(|s| s.trim())
                    .collect(),
                None => vec![rest],
            };
            for head in heads {
                let mut path: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                let mut best = None;
                for seg in head.split("::") {
                    let seg: String = seg.chars().take_while(|c| ident(*c)).collect();
                    if seg.is_empty() {
                        break;
                    }
                    path.push(seg);
                    let p = path.join("::");
                    if known.contains(&p) {
                        best = Some(p);
                    }
                }
                if let Some(b) = best {
                    out.insert(b);
                }
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let known: BTreeSet<String> = mods.keys().cloned().collect();
    mods.iter()
        .map(|(m, text)| (m.clone(), named(m, &code(text), &known)))
        .collect()
}

fn top(m: &str) -> &str {
    m.split("::").next().unwrap()
}

#[test]
fn no_top_level_module_imports_from_one_that_depends_on_it() {
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let g = graph();
    for (from, tos) in &g {
        for to in tos {
            if top(from) != top(to) && !top(from).is_empty() {
                edges.entry(top(from)).or_default().insert(top(to));
            }
        }
    }
    // Every module that reaches itself through others.
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = edges[start].iter().copied().collect();
        while let Some(m) = todo.pop() {
            assert_ne!(m, *start, "{start} reaches itself: {edges:#?}");
            if seen.insert(m) {
                todo.extend(edges.get(m).into_iter().flatten().copied());
            }
        }
    }
    // The layering holds some weight: the graph is not empty.
    assert!(edges.get("web").is_some_and(|e| e.contains("service")));
}

#[test]
fn no_two_sibling_files_import_each_other() {
    let g = graph();
    let sibling = |a: &str, b: &str| {
        let pa = a.rsplit_once("::").map_or("", |x| x.0);
        let pb = b.rsplit_once("::").map_or("", |x| x.0);
        pa == pb
    };
    let mut circles = Vec::new();
    for (a, tos) in &g {
        for b in tos {
            if a < b && sibling(a, b) && g.get(b).is_some_and(|t| t.contains(a)) {
                circles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(circles.is_empty(), "{circles:#?}");
}

#[test]
fn only_store_names_redb_and_domain_reads_no_clock() {
    for (m, text) in modules() {
        let c = code(&text);
        if top(&m) != "store" {
            assert!(!c.contains("redb::"), "{m} names redb");
        }
        if top(&m) == "domain" {
            for clock in [
                "Timestamp::now",
                "Zoned::now",
                "SystemTime::now",
                "Instant::now",
            ] {
                assert!(!c.contains(clock), "{m} reads the clock ({clock})");
            }
        }
    }
}
