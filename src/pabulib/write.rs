//! Writing an `Instance` back to `.pb` text that `parse` reads to the same `Instance`.

use super::number::format_money;
use super::{Instance, TYPED_META_KEYS};

/// Renders `instance` as a `.pb` file. `num_projects`/`num_votes` are counted, never copied,
/// so the file is always consistent; fields holding `;`, `"` or line breaks are quoted.
pub fn write(instance: &Instance) -> String {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail, so each record's result carries no information.
    let mut row = |fields: &[&str]| {
        out.write_record(fields)
            .expect("writing CSV into memory cannot fail");
    };

    row(&["META"]);
    row(&["key", "value"]);
    let num_projects = instance.projects.len().to_string();
    let num_votes = instance.votes.len().to_string();
    let budget = format_money(instance.budget);
    let typed = [
        ("num_projects", num_projects.as_str()),
        ("num_votes", num_votes.as_str()),
        ("budget", budget.as_str()),
        ("vote_type", instance.vote_type.as_str()),
    ];
    let mut typed_written = false;
    for (key, value) in &instance.meta {
        if TYPED_META_KEYS.contains(&key.as_str()) {
            continue;
        }
        // Put the typed keys just before `rule`, where Pabulib files have them.
        if key == "rule" && !typed_written {
            typed.iter().for_each(|(k, v)| row(&[k, v]));
            typed_written = true;
        }
        row(&[key, value]);
    }
    if !typed_written {
        typed.iter().for_each(|(k, v)| row(&[k, v]));
    }

    let with_selected = instance.projects.iter().any(|p| p.selected.is_some());
    let mut columns: Vec<&str> = vec!["project_id", "cost"];
    columns.extend(instance.project_columns.iter().map(String::as_str));
    if with_selected {
        columns.push("selected");
    }
    row(&["PROJECTS"]);
    row(&columns);
    for p in &instance.projects {
        let cost = format_money(p.cost);
        let selected = p.selected.map(|s| s.to_string()).unwrap_or_default();
        let mut fields: Vec<&str> = vec![&p.id, &cost];
        fields.extend(
            instance
                .project_columns
                .iter()
                .map(|c| p.extra.get(c).map_or("", String::as_str)),
        );
        if with_selected {
            fields.push(&selected);
        }
        row(&fields);
    }

    let with_points = instance.vote_type.has_points();
    let mut columns: Vec<&str> = vec!["voter_id", "vote"];
    if with_points {
        columns.push("points");
    }
    columns.extend(instance.vote_columns.iter().map(String::as_str));
    row(&["VOTES"]);
    row(&columns);
    for v in &instance.votes {
        let vote = v.vote.join(",");
        let points = v
            .points
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut fields: Vec<&str> = vec![&v.voter_id, &vote];
        if with_points {
            fields.push(&points);
        }
        fields.extend(
            instance
                .vote_columns
                .iter()
                .map(|c| v.extra.get(c).map_or("", String::as_str)),
        );
        row(&fields);
    }

    let bytes = out
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("the CSV writer only copies our UTF-8 fields")
}
