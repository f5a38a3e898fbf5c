//! Parser, writer and bridge tests on small inline files, one quirk or error path each.

use super::*;
use crate::tally::{self, Ballot, Completion, PositionalScheme, Reason, Rule, TieBreak};

/// A file with the given META lines (after the required ones), PROJECTS and VOTES tables.
fn file(extra_meta: &str, projects: &str, votes: &str) -> String {
    let n_projects = projects.lines().count().saturating_sub(1);
    let n_votes = votes.lines().count().saturating_sub(1);
    format!(
        "META\nkey;value\ndescription;test\nnum_projects;{n_projects}\nnum_votes;{n_votes}\n\
         budget;100\nvote_type;approval\nrule;greedy\n{extra_meta}PROJECTS\n{projects}VOTES\n{votes}"
    )
}

fn err(text: &str) -> String {
    parse(text).expect_err("the file is malformed").to_string()
}

const PROJECTS: &str = "project_id;cost;votes;name;selected\n1;60;2;First;1\n2;50;1;Second;0\n";
const VOTES: &str = "voter_id;vote;age\nv1;1,2;30\nv2;1;\n";

#[test]
fn reads_a_small_approval_file() {
    let inst = parse(&file("currency;PLN\n", PROJECTS, VOTES)).unwrap();
    assert_eq!(inst.budget, 10_000);
    assert_eq!(inst.vote_type, VoteType::Approval);
    assert_eq!(inst.meta("rule"), Some("greedy"));
    assert_eq!(inst.meta("currency"), Some("PLN"));
    assert_eq!(inst.meta("budget"), None, "typed keys live in typed fields");
    assert_eq!(inst.project_columns, vec!["votes", "name"]);
    assert_eq!(inst.projects[0].name(), Some("First"));
    assert_eq!(inst.projects[0].cost, 6_000);
    assert_eq!(inst.projects[0].selected, Some(1));
    assert_eq!(inst.vote_columns, vec!["age"]);
    assert_eq!(inst.votes[0].vote, vec!["1", "2"]);
    assert_eq!(
        inst.votes[0].extra.get("age").map(String::as_str),
        Some("30")
    );
    assert!(inst.votes[1].extra.is_empty(), "empty cells are absent");
    assert_eq!(inst.official_outcome(), Some(vec!["1".to_string()]));
}

#[test]
fn quoted_fields_keep_semicolons_quotes_and_line_breaks() {
    let projects = "project_id;cost;name\n1;10;\"\"\"Konikowo\"\" - Budowa; etap 2\"\n";
    let text = file(
        "comment;\"#1: one; two\n#2: three\"\n",
        projects,
        "voter_id;vote\nv1;1\nv2;9\n",
    );
    // The multi-line comment must not shift line numbers: `v2;9` is line 17 of the file.
    assert_eq!(
        err(&text),
        "VOTES line 17: project \"9\" is not in PROJECTS"
    );
    let inst = parse(&text.replace("v2;9", "v2;1")).unwrap();
    assert_eq!(
        inst.projects[0].name(),
        Some("\"Konikowo\" - Budowa; etap 2")
    );
    assert_eq!(inst.meta("comment"), Some("#1: one; two\n#2: three"));
}

#[test]
fn spaces_crlf_and_bom_are_tolerated() {
    let text = format!("\u{feff}{}", file("", PROJECTS, VOTES))
        .replace(';', " ; ")
        .replace('\n', "\r\n");
    let inst = parse(&text).unwrap();
    assert_eq!(inst.projects[1].id, "2");
    assert_eq!(inst.votes[0].vote, vec!["1", "2"]);
}

#[test]
fn decimal_budgets_and_costs_are_exact_cents() {
    let t = file("", PROJECTS, VOTES);
    assert_eq!(
        parse(&t.replace("budget;100", "budget;1994767.23"))
            .unwrap()
            .budget,
        199_476_723
    );
    assert_eq!(
        parse(&t.replace("budget;100", "budget;\"1994767,23\""))
            .unwrap()
            .budget,
        199_476_723
    );
    assert_eq!(
        parse(&t.replace("budget;100", "budget;1994767,23"))
            .unwrap()
            .budget,
        199_476_723
    );
    assert_eq!(
        parse(&t.replace("budget;100", "budget;500000.000"))
            .unwrap()
            .budget,
        50_000_000
    );
    assert_eq!(
        parse(&t.replace("1;60;", "1;59.5;")).unwrap().projects[0].cost,
        5_950
    );
    assert_eq!(
        err(&t.replace("budget;100", "budget;100.005")),
        "META line 6: budget: `100.005` has more than 2 decimals; amounts are kept exactly in cents"
    );
    assert_eq!(
        err(&t.replace("1;60;", "1;6e1;")),
        "PROJECTS line 11: cost: `6e1` is not a number"
    );
}

#[test]
fn repeated_ids_in_a_ballot_count_once() {
    let inst = parse(&file("", PROJECTS, "voter_id;vote\nv1;1,1,2\n")).unwrap();
    assert_eq!(inst.votes[0].vote, vec!["1", "1", "2"], "kept as written");
    let e = inst.to_election().unwrap();
    assert_eq!(e.ballots, vec![Ballot::Approval(vec![0, 1])]);
    let o = tally::tally(&e, &Rule::Greedy, &TieBreak::greedy_default()).unwrap();
    assert_eq!(o.explanations[0].score, 1);
}

#[test]
fn withdrawn_projects_are_marked_and_never_stop_a_no_skip_walk() {
    let projects = "project_id;cost\n1;999999999\n2;60\n3;40\n";
    let votes = "voter_id;vote\nv1;1,2,3\nv2;1,2\nv3;1\n";
    let text = file("", projects, votes).replace("rule;greedy", "rule;greedy-no-skip");
    let inst = parse(&text).unwrap();
    assert!(inst.projects[0].withdrawn());
    let e = inst.to_election().unwrap();
    assert!(e.projects[0].withdrawn && !e.projects[1].withdrawn);
    let rule = inst.declared_rule().unwrap();
    assert_eq!(rule, Rule::GreedyNoSkip);
    let o = tally::tally(&e, &rule, &rule.default_tie_break()).unwrap();
    assert_eq!(o.selected, vec!["2", "3"]);
    assert_eq!(o.explanations[0].reason, Reason::Withdrawn);
}

#[test]
fn ids_are_strings() {
    let projects = "project_id;cost\n9;50\n10;50\n";
    let inst = parse(&file("", projects, "voter_id;vote\nv1;9,10\n")).unwrap();
    let e = inst.to_election().unwrap();
    let o = tally::tally(&e, &Rule::Greedy, &TieBreak::greedy_default()).unwrap();
    assert_eq!(o.selected, vec!["10", "9"], "\"10\" sorts before \"9\"");
    let inst = parse(&file(
        "",
        "project_id;cost\n007;1\n7;1\n",
        "voter_id;vote\nv;7\n",
    ))
    .unwrap();
    assert_eq!(
        inst.to_election().unwrap().ballots,
        vec![Ballot::Approval(vec![1])]
    );
}

#[test]
fn selected_two_and_missing_selected() {
    let projects = "project_id;cost;selected\n1;10;1\n2;10;2\n3;10;\n4;10;0\n";
    let inst = parse(&file("", projects, "voter_id;vote\nv;1\n")).unwrap();
    assert_eq!(inst.projects[1].selected, Some(2));
    assert_eq!(inst.projects[2].selected, None);
    assert_eq!(inst.official_outcome(), Some(vec!["1".to_string()]));
    let inst = parse(&file("", "project_id;cost\n1;10\n", "voter_id;vote\nv;1\n")).unwrap();
    assert_eq!(inst.official_outcome(), None);
    assert_eq!(
        err(&file(
            "",
            "project_id;cost;selected\n1;10;yes\n",
            "voter_id;vote\n"
        )),
        "PROJECTS line 11: selected `yes` is not a whole number (0, 1 or 2)"
    );
}

#[test]
fn every_ballot_kind_becomes_its_tally_ballot() {
    let base = file(
        "",
        "project_id;cost\na;1\nb;1\nc;1\n",
        "voter_id;vote\nv;c,a\n",
    );
    let ordinal = parse(&base.replace("approval", "ordinal"))
        .unwrap()
        .to_election()
        .unwrap();
    assert_eq!(ordinal.ballots, vec![Ballot::Ranking(vec![2, 0])]);
    assert_eq!(ordinal.positional, PositionalScheme::BallotLengthBorda);
    let choose1 = parse(&base.replace("approval", "choose-1"))
        .unwrap()
        .to_election()
        .unwrap();
    assert_eq!(choose1.ballots, vec![Ballot::Approval(vec![2, 0])]);
    let cumulative = base.replace("approval", "cumulative").replace(
        "voter_id;vote\nv;c,a",
        "voter_id;vote;points\nv;c,a,b;3,1,0",
    );
    let inst = parse(&cumulative).unwrap();
    assert_eq!(inst.votes[0].points, vec![3, 1, 0]);
    let e = inst.to_election().unwrap();
    assert_eq!(
        e.ballots,
        vec![Ballot::Points(vec![(2, 3), (0, 1)])],
        "zero points dropped"
    );
    let scoring = parse(&cumulative.replace("cumulative", "scoring")).unwrap();
    assert_eq!(scoring.to_election().unwrap().ballots, e.ballots);
    let custom = base
        .replace("approval", "ordinal")
        .replace("rule;greedy", "rule;greedy\nscoring_fn;5,2");
    let e = parse(&custom).unwrap().to_election().unwrap();
    assert_eq!(e.positional, PositionalScheme::Custom(vec![5, 2]));
    let bad = base.replace("rule;greedy", "rule;greedy\nscoring_fn;dowdall");
    assert!(parse(&bad)
        .unwrap()
        .to_election()
        .unwrap_err()
        .to_string()
        .contains("scoring_fn"));
}

#[test]
fn declared_rules() {
    let with_rule = |rule: &str, extra: &str| {
        parse(&file(extra, PROJECTS, VOTES).replace("rule;greedy", &format!("rule;{rule}")))
            .unwrap()
            .declared_rule()
    };
    let mes = |completion| Rule::Mes {
        completion,
        utilitarian_fill: false,
    };
    assert_eq!(with_rule("greedy", ""), Ok(Rule::Greedy));
    assert_eq!(with_rule("greedy-no-skip", ""), Ok(Rule::GreedyNoSkip));
    assert_eq!(
        with_rule("greedy-threshold", "min_project_score_threshold;49.5\n"),
        Ok(Rule::GreedyThreshold { min_score: 50 })
    );
    assert!(with_rule("greedy-threshold", "")
        .unwrap_err()
        .to_string()
        .contains("min_project_score_threshold"));
    assert_eq!(with_rule("equalshares", ""), Ok(mes(Completion::None)));
    assert_eq!(
        with_rule("equalshares/add1", ""),
        Ok(mes(Completion::Add1Full))
    );
    assert_eq!(
        with_rule("equalshares/add1-comparison", ""),
        Ok(Rule::MesComparison {
            completion: Completion::Add1Full
        })
    );
    assert_eq!(
        with_rule("equalshares-comparison", ""),
        Ok(Rule::MesComparison {
            completion: Completion::None
        })
    );
    for rule in ["unknown", "greedy-custom", "greedy-exclusive"] {
        assert_eq!(
            with_rule(rule, "").unwrap_err().to_string(),
            format!("META: declares rule `{rule}` which no formula covers; pass --rule")
        );
    }
    let no_rule = parse(&file("", PROJECTS, VOTES).replace("rule;greedy\n", "")).unwrap();
    assert!(no_rule
        .declared_rule()
        .unwrap_err()
        .to_string()
        .contains("pass --rule"));
}

#[test]
fn cli_rule_names_resolve_against_the_file() {
    let inst = parse(&file("min_project_score_threshold;3\n", PROJECTS, VOTES)).unwrap();
    // Pabulib defines the threshold for every rule: `greedy` with one is greedy-threshold.
    assert_eq!(
        inst.rule_from_cli("auto"),
        Ok(Rule::GreedyThreshold { min_score: 3 })
    );
    assert_eq!(
        inst.rule_from_cli("greedy"),
        Ok(Rule::Greedy),
        "named: as named"
    );
    let no_skip = parse(
        &file("min_project_score_threshold;3\n", PROJECTS, VOTES)
            .replace("rule;greedy\n", "rule;greedy-no-skip\n"),
    )
    .unwrap();
    assert_eq!(
        no_skip.declared_rule(),
        Ok(Rule::GreedyNoSkipThreshold { min_score: 3 })
    );
    let zero = parse(&file("min_project_score_threshold;0\n", PROJECTS, VOTES)).unwrap();
    assert_eq!(
        zero.declared_rule(),
        Ok(Rule::Greedy),
        "a threshold of 0 changes nothing"
    );
    assert_eq!(
        inst.rule_from_cli("greedy-threshold"),
        Ok(Rule::GreedyThreshold { min_score: 3 })
    );
    assert_eq!(
        inst.rule_from_cli("greedy-threshold:7"),
        Ok(Rule::GreedyThreshold { min_score: 7 })
    );
    assert_eq!(
        inst.rule_from_cli("mes-add1-fill"),
        Ok(Rule::Mes {
            completion: Completion::Add1,
            utilitarian_fill: true
        })
    );
    assert!(inst.rule_from_cli("best").is_err());
    let plain = parse(&file("", PROJECTS, VOTES)).unwrap();
    assert!(plain.rule_from_cli("greedy-threshold").is_err());
}

#[test]
fn error_paths_name_section_and_line() {
    let ok = file("", PROJECTS, VOTES);
    let cases: Vec<(String, &str)> = vec![
        (ok.replace("v2;1;", "v2;77;"), "VOTES line 16: project \"77\" is not in PROJECTS"),
        (ok.replace("num_votes;2", "num_votes;3"), "META line 5: num_votes is 3 but VOTES has 2 rows"),
        (ok.replace("num_projects;2", "num_projects;1"), "META line 4: num_projects is 1 but PROJECTS has 2 rows"),
        (ok.replace("2;50;", "1;50;"), "PROJECTS line 12: project \"1\" repeats line 11"),
        (ok.replace("2;50;", ";50;"), "PROJECTS line 12: empty project_id"),
        (ok.replace("2;50;", "2;0;"), "PROJECTS line 12: cost `0` is not positive"),
        (ok.replace("2;50;", "2;-5;"), "PROJECTS line 12: cost `-5` is not positive"),
        (ok.replace("Second;0", "Second;0;extra"), "PROJECTS line 12: 6 fields where the header has 5 (quote values that contain `;`)"),
        (ok.replace("project_id;cost;", "id;cost;"), "PROJECTS line 10: the header has no `project_id` column"),
        (ok.replace("votes;name", "name;name"), "PROJECTS line 10: the header names column `name` twice"),
        (ok.replace("voter_id;vote;age", "voter_id;ballot;age"), "VOTES line 14: the header has no `vote` column"),
        (ok.replace("v1;1,2;30", ";1,2;30"), "VOTES line 15: empty voter_id"),
        (ok.replace("budget;100", "budget;-1"), "META line 6: budget is negative"),
        (ok.replace("budget;100", "budget;lots"), "META line 6: budget: `lots` is not a number"),
        (ok.replace("budget;100\n", ""), "META: no `budget` key"),
        (ok.replace("num_votes;2\n", ""), "META: no `num_votes` key"),
        (ok.replace("vote_type;approval", "vote_type;veto"), "META line 7: vote_type `veto` is not one of approval, ordinal, cumulative, scoring, choose-1"),
        (ok.replace("description;test", "description;a;b"), "META line 3: 3 fields where the header has 2 (quote values that contain `;`)"),
        (ok.replace("description;test", "rule;x"), "META line 8: key `rule` repeats line 3"),
        (ok.replace("key;value", "key;value;x"), "META line 2: the header has 3 columns; META has two (key;value)"),
        (ok.replace("rule;greedy", "min_project_score_threshold;many"), "META line 8: min_project_score_threshold: `many` is not a number"),
        (ok.replace("META\n", ""), "line 1: the file must start with a line holding only META"),
        (ok.replace("VOTES\n", "").replace("voter_id;vote;age\n", "").replace("v1;1,2;30\nv2;1;\n", ""), "the file has no VOTES section"),
        (format!("{ok}PROJECTS\n"), "PROJECTS line 17: a second PROJECTS section"),
        (ok.replace("PROJECTS\n", "VOTES\n"), "VOTES line 9: found the VOTES section where PROJECTS was expected (sections go META, PROJECTS, VOTES)"),
        (ok.replace("VOTES\nvoter_id;vote;age\nv1;1,2;30\nv2;1;\n", "VOTES\n"), "VOTES line 13: no header line after the section name"),
    ];
    for (text, expected) in cases {
        assert_eq!(err(&text), expected, "for file:\n{text}");
    }
}

#[test]
fn points_errors() {
    let cumulative = file(
        "",
        "project_id;cost\na;1\nb;1\n",
        "voter_id;vote;points\nv;a,b;3\n",
    )
    .replace("approval", "cumulative");
    assert_eq!(err(&cumulative), "VOTES line 15: 2 projects but 1 points");
    assert_eq!(
        err(&cumulative.replace("a,b;3", "a,b;3,x")),
        "VOTES line 15: points: `x` is not a whole number ≥ 0"
    );
    assert_eq!(
        err(&cumulative.replace(";points", "")),
        "VOTES line 14: the header has no `points` column"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_an_error() {
    let mut bytes = file("", PROJECTS, VOTES).into_bytes();
    let at = bytes.iter().position(|&b| b == b'F').unwrap();
    bytes[at] = 0xff;
    assert_eq!(
        parse_bytes(&bytes).unwrap_err().to_string(),
        "line 11: the file is not UTF-8 text (re-save it as UTF-8)"
    );
    assert!(parse_bytes(b"").is_err());
}

#[test]
fn writer_round_trips_and_quotes() {
    let mut inst = Instance::new(36_373_488, VoteType::Cumulative);
    inst.set_meta("description", "a; b \"c\"\nd")
        .set_meta("rule", "greedy")
        .set_meta("budget", "ignored");
    inst.add_project(PbProject::new("10", 99_999_999_900).with("name", "x;y"));
    inst.add_project({
        let mut p = PbProject::new("9", 5).with("category", "a,b");
        p.selected = Some(2);
        p
    });
    inst.add_vote(
        PbVote::new("v;1", vec!["9".into(), "10".into(), "9".into()]).with_points(vec![2, 1, 0]),
    );
    inst.add_vote(PbVote::new("v2", vec![]).with("sex", "F"));
    let text = write(&inst);
    assert!(text.contains("budget;363734.88\nvote_type;cumulative\nrule;greedy"));
    assert!(text.contains("\"x;y\""));
    assert!(text.contains("\"v;1\";9,10,9;2,1,0"));
    assert_eq!(parse(&text), Ok(inst.clone()));
    assert_eq!(inst.meta("budget"), None);
    assert_eq!(write(&parse(&text).unwrap()), text);
}

/// `parse_bytes_for_tally` is a shortcut for `parse_bytes` then `to_election`: same ballots,
/// same errors, on every vote type and on malformed files.
#[test]
fn reading_for_a_tally_equals_parse_then_to_election() {
    let full = |bytes: &[u8]| parse_bytes(bytes).and_then(|i| i.to_election());
    let lean = |bytes: &[u8]| parse_bytes_for_tally(bytes).and_then(TallyFile::into_election);
    let ok = file("", PROJECTS, VOTES);
    let kinds = file(
        "",
        "project_id;cost\na;1\nb;1\nc;1\n",
        "voter_id;vote;points;age\nv1;c,a,b,c;3,1,0,2;30\nv2;;;\n",
    );
    let mut texts = vec![
        ok.clone(),
        ok.replace("v2;1;", "v2;77;"),
        ok.replace("v1;1,2;30", ";1,2;30"),
        ok.replace("v1;1,2;30", "v1;2,1,2,1;30"),
        ok.replace("num_votes;2", "num_votes;3"),
        ok.replace("VOTES\n", "votes\n"),
        format!("{ok}PROJECTS\n"),
        ok.replace("rule;greedy", "rule;greedy\nscoring_fn;dowdall"),
    ];
    for kind in ["approval", "ordinal", "choose-1", "cumulative", "scoring"] {
        let text = kinds.replace("approval", kind);
        texts.push(text.clone());
        texts.push(text.replace("3,1,0,2", "3,1"));
        texts.push(text.replace("3,1,0,2", "3,x,0,2"));
        texts.push(text.replace("rule;greedy", "rule;greedy\ndefault_score;1"));
    }
    let mut not_utf8 = ok.clone().into_bytes();
    not_utf8[40] = 0xff;
    for bytes in texts
        .iter()
        .map(|t| t.as_bytes())
        .chain([not_utf8.as_slice()])
    {
        assert_eq!(
            lean(bytes),
            full(bytes),
            "for file:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert!(lean(ok.as_bytes()).is_ok() && full(not_utf8.as_slice()).is_err());
    let file = parse_bytes_for_tally(ok.as_bytes()).unwrap();
    assert!(file.instance.votes.is_empty(), "votes are not kept");
    assert_eq!(file.instance.meta("rule"), Some("greedy"));
}
