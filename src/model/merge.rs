//! Three-way merge of two edits of one JSON document (the plan): `base` is
//! what both started from, `mine` and `theirs` what each made of it. Fields
//! only one side changed take that side's value; fields both changed alike
//! are fine; fields both changed differently are clashes, for a person to
//! settle. Lists of objects with an `id` (phases, boards, sections) or a
//! `name` (people) are merged element by element, so two people editing
//! two different boards never clash; other lists count as one value.
use serde_json::{Map, Value};

/// A field both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// Where, e.g. `boards[methods].title` (list elements by their id).
    pub path: String,
    /// The value both started from (`None`: the field did not exist).
    pub base: Option<Value>,
    /// This side's value (`None`: removed).
    pub mine: Option<Value>,
    /// The other side's value (`None`: removed).
    pub theirs: Option<Value>,
}

/// The merged document, or every clash. `base` is `None` when both sides
/// created the document independently (then every difference clashes).
pub fn merge3(base: Option<&Value>, mine: &Value, theirs: &Value) -> Result<Value, Vec<Clash>> {
    let mut m = Merger::default();
    let merged = m.merge(String::new(), base, Some(mine), Some(theirs));
    match merged {
        _ if !m.clashes.is_empty() => Err(m.clashes),
        Some(v) => Ok(v),
        None => Ok(Value::Null),
    }
}

/// The same, preferring `mine` at every clash: what a person gets back to
/// settle a refused edit (their changes over everything the other side did).
pub fn merge3_mine_wins(base: Option<&Value>, mine: &Value, theirs: &Value) -> Value {
    let mut m = Merger {
        mine_wins: true,
        ..Merger::default()
    };
    m.merge(String::new(), base, Some(mine), Some(theirs))
        .unwrap_or(Value::Null)
}

/// One merge: the clashes found so far, and which side a clash keeps.
#[derive(Default)]
struct Merger {
    clashes: Vec<Clash>,
    mine_wins: bool,
}

impl Merger {
    /// Merges one field (`None`: absent on that side).
    fn merge(
        &mut self,
        path: String,
        base: Option<&Value>,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if mine == theirs {
            return mine.cloned();
        }
        if mine == base {
            return theirs.cloned();
        }
        if theirs == base {
            return mine.cloned();
        }
        match (base, mine, theirs) {
            (b, Some(Value::Object(m)), Some(Value::Object(t))) if b.is_none_or(Value::is_object) => {
                let empty = Map::new();
                let b = b.and_then(Value::as_object).unwrap_or(&empty);
                Some(Value::Object(self.objects(&path, b, m, t)))
            }
            (b, Some(Value::Array(m)), Some(Value::Array(t))) if b.is_none_or(Value::is_array) => {
                let empty = Vec::new();
                let b = b.and_then(Value::as_array).unwrap_or(&empty);
                match self.keyed(&path, b, m, t) {
                    Some(v) => Some(Value::Array(v)),
                    None => self.clash(path, base, mine, theirs),
                }
            }
            _ => self.clash(path, base, mine, theirs),
        }
    }

    fn clash(
        &mut self,
        path: String,
        base: Option<&Value>,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        self.clashes.push(Clash {
            path,
            base: base.cloned(),
            mine: mine.cloned(),
            theirs: theirs.cloned(),
        });
        if self.mine_wins { mine.cloned() } else { theirs.cloned() }
    }

    fn objects(
        &mut self,
        path: &str,
        base: &Map<String, Value>,
        mine: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        // Keys in theirs' order, then keys only mine has (in mine's order).
        let keys = theirs
            .keys()
            .chain(mine.keys().filter(|k| !theirs.contains_key(*k)))
            .chain(
                base.keys()
                    .filter(|k| !theirs.contains_key(*k) && !mine.contains_key(*k)),
            );
        let mut out = Map::new();
        for key in keys {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if let Some(v) = self.merge(at, base.get(key), mine.get(key), theirs.get(key)) {
                out.insert(key.clone(), v);
            }
        }
        out
    }

    /// Merges lists of keyed objects element by element; `None` when a list
    /// is not keyed (then it is one value) or both sides reordered it
    /// differently.
    fn keyed(&mut self, path: &str, base: &[Value], mine: &[Value], theirs: &[Value]) -> Option<Vec<Value>> {
        let (kb, km, kt) = (keys(base)?, keys(mine)?, keys(theirs)?);
        if km.is_empty() && kt.is_empty() {
            return None;
        }
        let order = merged_order(&kb, &km, &kt)?;
        let find = |list: &[Value], keys: &[&str], k: &str| keys.iter().position(|x| *x == k).map(|i| list[i].clone());
        let mut out = Vec::new();
        for k in order {
            let (b, m, t) = (find(base, &kb, k), find(mine, &km, k), find(theirs, &kt, k));
            if let Some(v) = self.merge(format!("{path}[{k}]"), b.as_ref(), m.as_ref(), t.as_ref()) {
                out.push(v);
            }
        }
        Some(out)
    }
}

/// The key of a list element: its `id`, or a person's `name`.
fn key_of(v: &Value) -> Option<&str> {
    let o = v.as_object()?;
    o.get("id").or_else(|| o.get("name"))?.as_str()
}

/// Every element keyed, and each key once.
fn keys(list: &[Value]) -> Option<Vec<&str>> {
    let keys: Option<Vec<&str>> = list.iter().map(key_of).collect();
    let keys = keys?;
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == keys.len()).then_some(keys)
}

/// The order of the merged list: the side that did not reorder the common
/// elements adopts the other's order; new elements follow the element they
/// follow on the side that added them. `None` when both reordered.
fn merged_order<'a>(base: &[&'a str], mine: &[&'a str], theirs: &[&'a str]) -> Option<Vec<&'a str>> {
    let common = |side: &[&'a str]| -> Vec<&'a str> { side.iter().copied().filter(|k| base.contains(k)).collect() };
    let base_kept = |side: &[&'a str]| -> Vec<&'a str> { base.iter().copied().filter(|k| side.contains(k)).collect() };
    let mine_moved = common(mine) != base_kept(mine);
    let theirs_moved = common(theirs) != base_kept(theirs);
    let (lead, other) = match (mine_moved, theirs_moved) {
        (true, true) if common(mine) != common(theirs) => return None,
        (true, _) => (mine, theirs),
        _ => (theirs, mine),
    };
    let mut order: Vec<&'a str> = lead.to_vec();
    for (i, k) in other.iter().enumerate() {
        if order.contains(k) || base.contains(k) {
            continue;
        }
        // After the nearest element before it (on its side) that is placed.
        let at = other[..i]
            .iter()
            .rev()
            .find_map(|p| order.iter().position(|x| x == p).map(|pos| pos + 1))
            .unwrap_or(0);
        order.insert(at, k);
    }
    Some(order)
}

/// The fields `other` changed compared with `base` (paths as in [`Clash`]).
pub fn changes(base: Option<&Value>, other: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff(String::new(), base, Some(other), &mut out);
    out
}

fn diff(path: String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<String>) {
    if a == b {
        return;
    }
    let at = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for k in y.keys().chain(x.keys().filter(|k| !y.contains_key(*k))) {
                diff(at(k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => match (keys(x), keys(y)) {
            (Some(kx), Some(ky)) if !kx.is_empty() || !ky.is_empty() => {
                let common_x: Vec<&str> = kx.iter().copied().filter(|k| ky.contains(k)).collect();
                let common_y: Vec<&str> = ky.iter().copied().filter(|k| kx.contains(k)).collect();
                if common_x != common_y {
                    out.push(format!("{path} (order)"));
                }
                for k in ky.iter().chain(kx.iter().filter(|k| !ky.contains(k))) {
                    let (ix, iy) = (kx.iter().position(|x| x == k), ky.iter().position(|x| x == k));
                    diff(format!("{path}[{k}]"), ix.map(|i| &x[i]), iy.map(|i| &y[i]), out);
                }
            }
            _ => out.push(path),
        },
        _ => out.push(path),
    }
}

/// A value shown in one line for a person comparing two sides.
pub fn show(v: Option<&Value>) -> String {
    match v {
        None => "—".to_string(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(other) => {
            let text = other.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(59).collect::<String>())
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// The bytes of `session.json` a writer started from (`None`: there was none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanBase(Option<Vec<u8>>);

impl PlanBase {
    /// A base from bytes read earlier.
    pub fn of(bytes: Option<Vec<u8>>) -> PlanBase {
        PlanBase(bytes)
    }

    /// The bytes.
    pub fn bytes(&self) -> Option<&[u8]> {
        self.0.as_deref()
    }
}
