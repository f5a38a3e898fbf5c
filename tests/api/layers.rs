//! The house's plan, checked on its source: web → domain → db, views never touch rows, and no
//! cycle among the modules of `domain`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The file's code without its unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn src(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

#[test]
fn routes_and_views_never_touch_table_rows_and_views_stay_below_web() {
    let mut faults = Vec::new();
    for dir in ["web/routes", "views"] {
        for file in sources(&src(dir)) {
            if code(&file).contains("db::models") {
                faults.push(format!("{} names db::models", file.display()));
            }
        }
    }
    for file in sources(&src("views")) {
        let text = code(&file);
        for upward in ["crate::web", "crate::db"] {
            if text.contains(upward) {
                faults.push(format!("{} names {upward}", file.display()));
            }
        }
    }
    for file in sources(&src("domain")) {
        let text = code(&file);
        for upward in ["crate::web", "crate::views"] {
            if text.contains(upward) {
                faults.push(format!("{} names {upward}", file.display()));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn the_modules_of_domain_import_each_other_without_a_cycle() {
    let root = src("domain");
    // A module is a file of domain/ or a folder of it, whole.
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "mod" {
            continue;
        }
        let files = if path.is_dir() {
            sources(&path)
        } else {
            vec![path]
        };
        modules.entry(name).or_default().extend(files);
    }
    let names: Vec<String> = modules.keys().cloned().collect();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (module, files) in &modules {
        let text: String = files.iter().map(|f| code(f)).collect();
        for other in names.iter().filter(|o| *o != module) {
            let named = [format!("super::{other}"), format!("crate::domain::{other}")]
                .iter()
                .any(|prefix| {
                    text.match_indices(prefix.as_str()).any(|(i, _)| {
                        !text[i + prefix.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    })
                });
            let in_braces = ["use super::{", "use crate::domain::{"]
                .iter()
                .any(|opening| {
                    text.split(opening).skip(1).any(|rest| {
                        rest.split('}')
                            .next()
                            .unwrap_or("")
                            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .any(|w| w == other)
                    })
                });
            if named || in_braces {
                edges.entry(module).or_default().insert(other);
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn back_to<'a>(
        start: &'a str,
        at: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        seen: &mut BTreeSet<&'a str>,
        path: &mut Vec<&'a str>,
    ) -> bool {
        for &next in edges.get(at).into_iter().flatten() {
            path.push(next);
            if next == start || (seen.insert(next) && back_to(start, next, edges, seen, path)) {
                return true;
            }
            path.pop();
        }
        false
    }
    for module in &names {
        let mut path = vec![module.as_str()];
        let found = back_to(module, module, &edges, &mut BTreeSet::new(), &mut path);
        assert!(!found, "domain imports in a circle: {}", path.join(" → "));
    }
}
