use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

fn plan() -> Value {
    json!({
        "title": "Treffen",
        "date": "2021-10-05",
        "boards": [
            {"id": "methods", "title": "Methoden", "sections": [{"id": "notes", "title": "Notizen"}]},
            {"id": "actors", "title": "Akteure", "sections": []}
        ],
        "people": [{"name": "Anna", "public": true}],
        "agenda": [{"id": "welcome", "boards": ["methods", "actors"]}]
    })
}

#[test]
fn edits_of_different_fields_and_boards_merge() {
    let base = plan();
    let mut mine = base.clone();
    mine["title"] = json!("Fünftes Treffen");
    mine["boards"][0]["title"] = json!("Methoden & Formate");
    let mut theirs = base.clone();
    theirs["date"] = json!("2021-10-06");
    theirs["boards"][1]["title"] = json!("Akteure und Funktionen");
    theirs["people"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Ben", "public": false}));
    let merged = merge3(Some(&base), &mine, &theirs).unwrap();
    assert_eq!(merged["title"], "Fünftes Treffen");
    assert_eq!(merged["date"], "2021-10-06");
    assert_eq!(merged["boards"][0]["title"], "Methoden & Formate");
    assert_eq!(merged["boards"][1]["title"], "Akteure und Funktionen");
    assert_eq!(merged["people"].as_array().unwrap().len(), 2);
}

#[test]
fn the_same_field_changed_twice_is_a_clash_named_by_its_path() {
    let base = plan();
    let mut mine = base.clone();
    mine["boards"][0]["title"] = json!("Mine");
    let mut theirs = base.clone();
    theirs["boards"][0]["title"] = json!("Theirs");
    let clashes = merge3(Some(&base), &mine, &theirs).unwrap_err();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].path, "boards[methods].title");
    assert_eq!(clashes[0].mine, Some(json!("Mine")));
    assert_eq!(clashes[0].theirs, Some(json!("Theirs")));
    assert_eq!(clashes[0].base, Some(json!("Methoden")));
    let settled = merge3_mine_wins(Some(&base), &mine, &theirs);
    assert_eq!(settled["boards"][0]["title"], "Mine");
}

#[test]
fn a_board_deleted_on_one_side_and_edited_on_the_other_clashes() {
    let base = plan();
    let mut mine = base.clone();
    mine["boards"].as_array_mut().unwrap().remove(1);
    let mut theirs = base.clone();
    theirs["boards"][1]["title"] = json!("Neu");
    let clashes = merge3(Some(&base), &mine, &theirs).unwrap_err();
    assert_eq!(clashes[0].path, "boards[actors]");
    // Deleted on one side and untouched on the other: gone.
    let merged = merge3(Some(&base), &mine, &base).unwrap();
    assert_eq!(merged["boards"].as_array().unwrap().len(), 1);
}

#[test]
fn new_elements_keep_their_place_and_reorders_are_kept() {
    let base = json!({"l": [{"id": "a"}, {"id": "b"}, {"id": "c"}]});
    let mine = json!({"l": [{"id": "a"}, {"id": "x"}, {"id": "b"}, {"id": "c"}]});
    let theirs = json!({"l": [{"id": "c"}, {"id": "a"}, {"id": "b"}]});
    let merged = merge3(Some(&base), &mine, &theirs).unwrap();
    let ids: Vec<&str> = merged["l"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c", "a", "x", "b"]);
    let other = json!({"l": [{"id": "b"}, {"id": "a"}, {"id": "c"}]});
    assert!(
        merge3(Some(&base), &theirs, &other).is_err(),
        "two different reorders clash"
    );
}

/// Leaves of a document: (path of object keys / list ids, value).
fn leaves(v: &Value) -> Vec<Vec<String>> {
    fn walk(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    at.push(k.clone());
                    walk(x, at, out);
                    at.pop();
                }
            }
            Value::Array(a) if a.iter().all(|x| key_of(x).is_some()) && !a.is_empty() => {
                for (i, x) in a.iter().enumerate() {
                    at.push(format!("#{i}"));
                    walk(x, at, out);
                    at.pop();
                }
            }
            _ => out.push(at.clone()),
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn set(v: &mut Value, path: &[String], to: Value) {
    let mut cur = v;
    for p in path {
        cur = match p.strip_prefix('#') {
            Some(i) => &mut cur[i.parse::<usize>().unwrap()],
            None => &mut cur[p.as_str()],
        };
    }
    *cur = to;
}

proptest! {
    /// Edits of disjoint fields merge into exactly both edits; the same
    /// field edited differently on both sides is always a clash.
    #[test]
    fn disjoint_edits_merge_and_overlapping_ones_clash(
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), "[a-zß\u{212A}]{0,6}"), 1..6),
        overlap in any::<prop::sample::Index>(),
    ) {
        let base = plan();
        // An element's `id`/`name` is its identity, not a field: changing
        // it removes the element and adds another (see `merge_keyed`).
        let all: Vec<Vec<String>> = leaves(&base)
            .into_iter()
            .filter(|p| !(p.len() > 1 && p[p.len() - 2].starts_with('#') && ["id", "name"].contains(&p[p.len() - 1].as_str())))
            .collect();
        let (mut mine, mut theirs, mut both) = (base.clone(), base.clone(), base.clone());
        let mut used: Vec<usize> = Vec::new();
        for (i, side, text) in &picks {
            let at = i.index(all.len());
            if used.contains(&at) {
                continue;
            }
            used.push(at);
            let target = if *side { &mut mine } else { &mut theirs };
            set(target, &all[at], json!(format!("{text}!")));
            set(&mut both, &all[at], json!(format!("{text}!")));
        }
        prop_assert_eq!(merge3(Some(&base), &mine, &theirs).unwrap(), both.clone());
        prop_assert_eq!(merge3(Some(&base), &theirs, &mine).unwrap(), both);
        prop_assert_eq!(merge3(Some(&base), &mine, &base).unwrap(), mine.clone());
        let at = &all[overlap.index(all.len())];
        let (mut m, mut t) = (mine.clone(), mine.clone());
        set(&mut m, at, json!("mine?"));
        set(&mut t, at, json!("theirs?"));
        let clashes = merge3(Some(&mine), &m, &t).unwrap_err();
        prop_assert_eq!(clashes.len(), 1);
    }
}
