//! Reading the YAML files and validating them before anything is generated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::model::{ProvenanceDef, Record, SourceDef, SourcesFile, Taxonomy, Texts};
use crate::problem::Problems;
use crate::text::{match_key, placeholders};

pub const TAXONOMY: &str = "data/taxonomy.yaml";
pub const SOURCES: &str = "data/sources.yaml";
pub const PROVENANCE: &str = "data/provenance.yaml";

/// The whole validated catalog.
#[derive(Debug)]
pub struct Catalog {
    /// `data_version` of sources.yaml.
    pub data_version: String,
    /// `data/taxonomy.yaml`: outcomes, categories, actors and actions.
    pub taxonomy: Taxonomy,
    /// The platforms sources.yaml lists.
    pub platforms: Vec<crate::model::PlatformDef>,
    /// The sources (code namespaces) sources.yaml lists, in its order.
    pub sources: Vec<SourceDef>,
    /// `data/provenance.yaml`: the documents that rows cite.
    pub provenance: Vec<ProvenanceDef>,
    /// How payloads name things (`keys:` in sources.yaml).
    pub keys: Vec<crate::keys::KeyDef>,
    /// `data/advice.yaml`.
    pub advice: Vec<crate::advice::Rule>,
    /// A hash of every data file's text, so the data version changes with any table.
    pub content_hash: u32,
    /// One table per source, in the order of `sources`.
    pub tables: Vec<Table>,
}

/// The records of one source.
#[derive(Debug)]
pub struct Table {
    /// The source's id (`pns`, `cmcc`, ...).
    pub source: String,
    /// Its rows, in file order.
    pub records: Vec<Record>,
}

/// Validates the data given as `(path, text)` pairs, paths relative to the crate root
/// (`data/taxonomy.yaml`, `data/cmcc.yaml`, ...). Every problem is collected.
pub fn load(files: &BTreeMap<String, String>) -> Result<Catalog, Problems> {
    let mut problems = Problems::default();
    let taxonomy: Option<Taxonomy> = parse_meta(files, TAXONOMY, &mut problems);
    let sources: Option<SourcesFile> = parse_meta(files, SOURCES, &mut problems);
    let provenance: Option<Vec<ProvenanceDef>> = parse_meta(files, PROVENANCE, &mut problems);
    let (Some(taxonomy), Some(sources), Some(provenance)) = (taxonomy, sources, provenance) else {
        return Err(problems);
    };

    check_taxonomy(&taxonomy, &mut problems);
    check_sources(&sources, &mut problems);
    crate::keys::check(&sources.keys, &sources.sources, SOURCES, &mut problems);
    check_provenance(&provenance, &mut problems);

    let known = Known::new(&taxonomy, &sources, &provenance);
    let advice = load_advice(files, &sources, &known, &mut problems);
    check_listed(files, &sources, &mut problems);
    let tables = load_tables(files, &sources, &known, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Catalog {
        data_version: sources.data_version,
        taxonomy,
        platforms: sources.platforms,
        sources: sources.sources,
        provenance,
        keys: sources.keys,
        advice,
        content_hash: content_hash(files),
        tables,
    })
}

/// The advice rules (`data/advice.yaml`, optional), checked against the other tables.
fn load_advice(
    files: &BTreeMap<String, String>,
    sources: &SourcesFile,
    known: &Known,
    problems: &mut Problems,
) -> Vec<crate::advice::Rule> {
    let advice: Vec<crate::advice::Rule> = if files.contains_key(crate::advice::ADVICE) {
        parse_meta(files, crate::advice::ADVICE, problems).unwrap_or_default()
    } else {
        Vec::new()
    };
    crate::advice::check(
        &advice,
        &crate::advice::Known {
            sources: &sources.sources,
            platforms: known.platforms.clone(),
            actors: known.actors.clone(),
            actions: known.actions.clone(),
            provenance: known.provenance.clone(),
        },
        problems,
    );
    advice
}

/// Every file is a meta file or a source listed in `data/sources.yaml`.
fn check_listed(files: &BTreeMap<String, String>, sources: &SourcesFile, problems: &mut Problems) {
    let source_ids: BTreeSet<String> = sources
        .sources
        .iter()
        .map(|s| format!("data/{}.yaml", s.id))
        .collect();
    for path in files.keys() {
        let meta = [TAXONOMY, SOURCES, PROVENANCE, crate::advice::ADVICE].contains(&path.as_str());
        if !meta && !source_ids.contains(path) {
            problems.file(path, "is not a source listed in data/sources.yaml; add the source there or remove the file");
        }
    }
}

/// Each listed source's table, its records checked.
fn load_tables(
    files: &BTreeMap<String, String>,
    sources: &SourcesFile,
    known: &Known,
    problems: &mut Problems,
) -> Vec<Table> {
    let mut tables = Vec::new();
    for source in &sources.sources {
        let path = format!("data/{}.yaml", source.id);
        let Some(text) = files.get(&path) else {
            problems.file(
                &path,
                format!("is missing: sources.yaml lists the source {:?}", source.id),
            );
            continue;
        };
        let records = parse_records(&path, text, problems);
        for code in &source.carrier_codes {
            if !records.iter().any(|(_, r)| &r.code == code) {
                problems.file(
                    SOURCES,
                    format!(
                        "source {:?}: carrier code {code:?} is not in {path}",
                        source.id
                    ),
                );
            }
        }
        if let Ok(pattern) = regex_lite::Regex::new(&format!("^(?:{})$", source.code_pattern)) {
            check_records(&path, &records, &pattern, known, problems);
        }
        tables.push(Table {
            source: source.id.clone(),
            records: records.into_iter().map(|(_, r)| r).collect(),
        });
    }
    tables
}

/// FNV-1a over every file's name and text, in name order: stable across builds and machines.
fn content_hash(files: &BTreeMap<String, String>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (name, text) in files {
        for b in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    h
}

fn parse_meta<T: DeserializeOwned>(
    files: &BTreeMap<String, String>,
    path: &str,
    problems: &mut Problems,
) -> Option<T> {
    let Some(text) = files.get(path) else {
        problems.file(path, "is missing");
        return None;
    };
    serde_yaml::from_str(text)
        .map_err(|e| problems.file(path, e.to_string()))
        .ok()
}

/// Parses a code table entry by entry, so that a bad entry is named by its position and code.
fn parse_records(path: &str, text: &str, problems: &mut Problems) -> Vec<(usize, Record)> {
    let items: Vec<Value> = match serde_yaml::from_str(text) {
        Ok(Value::Sequence(items)) => items,
        Ok(Value::Null) => Vec::new(),
        Ok(_) => {
            problems.file(
                path,
                "must be a sequence of records (`- code: \"...\"`), not a map",
            );
            return Vec::new();
        }
        Err(e) => {
            problems.file(path, e.to_string());
            return Vec::new();
        }
    };
    check_codes_quoted(path, text, problems);
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let n = i + 1;
        let code = match item.get("code") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                let shown = serde_yaml::to_string(other).unwrap_or_default();
                problems.entry(
                    path,
                    n,
                    shown.trim(),
                    "code must be a quoted string, e.g. code: \"600000\"",
                );
                continue;
            }
            None => {
                problems.entry(path, n, "", "has no `code`");
                continue;
            }
        };
        match serde_yaml::from_value::<Record>(item) {
            Ok(record) => records.push((n, record)),
            Err(e) => problems.entry(path, n, &code, e.to_string()),
        }
    }
    records
}

/// YAML reads `OK` as a string but `600000` as a number and `0x10` or `1e3` as something else
/// again: codes are always written quoted, which only the text shows.
fn check_codes_quoted(path: &str, text: &str, problems: &mut Problems) {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start().trim_start_matches("- ");
        if let Some(value) = line.strip_prefix("code:") {
            let value = value.trim();
            if !value.starts_with('"') && !value.starts_with('\'') {
                problems.file(
                    path,
                    format!(
                        "line {}: code {value} must be quoted, e.g. code: \"{value}\"",
                        i + 1
                    ),
                );
            }
        }
    }
}

/// The names a record may refer to.
struct Known<'a> {
    outcomes: HashMap<&'a str, &'a crate::model::OutcomeDef>,
    actions: BTreeSet<&'a str>,
    actors: BTreeSet<&'a str>,

    platforms: BTreeSet<&'a str>,
    provenance: BTreeSet<&'a str>,
}

impl<'a> Known<'a> {
    fn new(
        taxonomy: &'a Taxonomy,
        sources: &'a SourcesFile,
        provenance: &'a [ProvenanceDef],
    ) -> Self {
        Known {
            outcomes: taxonomy
                .outcomes
                .iter()
                .map(|o| (o.name.as_str(), o))
                .collect(),
            actions: taxonomy.actions.iter().map(|a| a.name.as_str()).collect(),
            actors: taxonomy.actors.iter().map(|a| a.name.as_str()).collect(),
            platforms: sources.platforms.iter().map(|p| p.name.as_str()).collect(),
            provenance: provenance.iter().map(|p| p.id.as_str()).collect(),
        }
    }
}

fn check_records(
    path: &str,
    records: &[(usize, Record)],
    pattern: &regex_lite::Regex,
    known: &Known<'_>,
    problems: &mut Problems,
) {
    // (code, match texts) -> the entries seen with it and their platforms.
    type RowKey = (String, Option<(String, String)>);
    let mut keys: HashMap<RowKey, Vec<(usize, Vec<String>)>> = HashMap::new();
    for (n, r) in records {
        let mut bad = |message: String| problems.entry(path, *n, &r.code, message);
        if !pattern.is_match(&r.code) {
            bad(format!(
                "code does not fit the source's code_pattern `{}`",
                pattern.as_str()
            ));
        }
        check_record_texts(r, &mut bad);
        check_record_names(r, known, &mut bad);
        let matcher = match &r.matcher {
            None => None,
            Some(m) => {
                let zh = m.zh.as_deref().map(match_key).unwrap_or_default();
                let en = m.en.as_deref().map(match_key).unwrap_or_default();
                if zh.is_empty() && en.is_empty() {
                    bad("`match` needs a non-empty zh or en text".to_owned());
                }
                Some((zh, en))
            }
        };
        // One code may have one row per platform where the vendor's own docs disagree by
        // platform; their platform lists must not overlap, and each must name its platforms.
        let seen = keys.entry((r.code.clone(), matcher)).or_default();
        for (first, platforms) in seen.iter() {
            let overlap = platforms.is_empty()
                || r.platforms.is_empty()
                || r.platforms.iter().any(|p| platforms.contains(p));
            if overlap {
                bad(format!(
                    "duplicate: entry {first} has the same code{} on the same platforms (rows of one code must name disjoint `platforms`)",
                    if r.matcher.is_some() { " and match" } else { "" }
                ));
            }
        }
        seen.push((*n, r.platforms.clone()));
    }
}

/// A record's texts: both languages, the suggestion's halves, the same placeholders.
fn check_record_texts(r: &Record, bad: &mut impl FnMut(String)) {
    for (field, text) in [("zh", &r.zh), ("en", &r.en)] {
        if text.trim().is_empty() {
            bad(format!(
                "`{field}` is empty; every entry needs its meaning in zh and en"
            ));
        }
    }
    if let Some(s) = &r.suggestion {
        check_texts("suggestion", s, bad);
    }
    if placeholders(&r.zh) != placeholders(&r.en) {
        bad(format!(
            "placeholders differ: zh has {:?}, en has {:?}",
            placeholders(&r.zh),
            placeholders(&r.en)
        ));
    }
}

/// A record's names (outcome, action, actor, carrier, platforms, provenance) exist, its
/// overrides agree with its outcome, and its HTTP status is one.
fn check_record_names(r: &Record, known: &Known<'_>, bad: &mut impl FnMut(String)) {
    match known.outcomes.get(r.outcome.as_str()) {
        None => bad(format!(
            "outcome {:?} is not in data/taxonomy.yaml{}",
            r.outcome,
            hint(&r.outcome, known.outcomes.keys().copied())
        )),
        Some(outcome) => crate::rules::check_overrides(r, outcome, bad),
    }
    for (kind, name, set) in [
        ("action", &r.action, &known.actions),
        ("actor", &r.actor, &known.actors),
    ] {
        if let Some(name) = name.as_deref().filter(|n| !set.contains(n)) {
            bad(format!(
                "{kind} {name:?} is not in data/taxonomy.yaml{}",
                hint(name, set.iter().copied())
            ));
        }
    }
    if let Some(c) = r
        .carrier
        .as_deref()
        .filter(|c| !["cmcc", "cucc", "ctcc"].contains(c))
    {
        bad(format!("carrier {c:?} is not one of cmcc, cucc, ctcc"));
    }
    for p in r
        .platforms
        .iter()
        .filter(|p| !known.platforms.contains(p.as_str()))
    {
        bad(format!("platform {p:?} is not in data/sources.yaml"));
    }
    if r.provenance.is_empty() {
        bad("`provenance` is empty; name the sources this row comes from".to_owned());
    }
    let mut seen = BTreeSet::new();
    for p in &r.provenance {
        if !known.provenance.contains(p.as_str()) {
            bad(format!("provenance {p:?} is not in data/provenance.yaml"));
        }
        if !seen.insert(p) {
            bad(format!("provenance {p:?} is listed twice"));
        }
    }
    if let Some(status) = r.http_status.filter(|s| !(100..=599).contains(s)) {
        bad(format!("http_status {status} is not an HTTP status"));
    }
}

fn check_texts(field: &str, t: &Texts, bad: &mut impl FnMut(String)) {
    if t.zh.trim().is_empty() || t.en.trim().is_empty() {
        bad(format!("`{field}` needs both zh and en"));
    }
}

fn check_taxonomy(t: &Taxonomy, problems: &mut Problems) {
    let mut names = |kind: &str, list: Vec<&str>| -> BTreeSet<String> {
        let mut set = BTreeSet::new();
        for name in list {
            if !is_snake_case(name) {
                problems.file(TAXONOMY, format!("{kind} {name:?} is not snake_case"));
            }
            if !set.insert(name.to_owned()) {
                problems.file(TAXONOMY, format!("{kind} {name:?} is defined twice"));
            }
        }
        set
    };
    let categories = names(
        "category",
        t.categories.iter().map(|c| c.name.as_str()).collect(),
    );
    let actors = names("actor", t.actors.iter().map(|c| c.name.as_str()).collect());
    let actions = names(
        "action",
        t.actions.iter().map(|c| c.name.as_str()).collect(),
    );
    names(
        "outcome",
        t.outcomes.iter().map(|c| c.name.as_str()).collect(),
    );
    for o in &t.outcomes {
        for (kind, value, set) in [
            ("category", &o.category, &categories),
            ("actor", &o.actor, &actors),
            ("action", &o.action, &actions),
        ] {
            if !set.contains(value) {
                problems.file(
                    TAXONOMY,
                    format!("outcome {:?}: {kind} {value:?} is not defined", o.name),
                );
            }
        }
        let mut bad = |m: String| problems.file(TAXONOMY, format!("outcome {:?}: {m}", o.name));
        check_texts("title", &o.title, &mut bad);
        check_texts("message", &o.message, &mut bad);
        crate::rules::check_outcome(o, &mut bad);
        if let Some(parent) = &o.parent {
            match t.outcomes.iter().find(|p| &p.name == parent) {
                None => bad(format!("parent {parent:?} is not an outcome")),
                Some(p) if p.parent.is_some() => bad(format!(
                    "parent {parent:?} has a parent itself; one level only"
                )),
                Some(p) if p.category != o.category => bad(format!(
                    "parent {parent:?} is a {} but this is a {}",
                    p.category, o.category
                )),
                Some(_) => {}
            }
        }
    }
    for a in &t.actions {
        check_texts("text", &a.text, &mut |m| {
            problems.file(TAXONOMY, format!("action {:?}: {m}", a.name))
        });
    }
}

fn check_sources(s: &SourcesFile, problems: &mut Problems) {
    let mut ids = BTreeSet::new();
    for src in &s.sources {
        if !is_snake_case(&src.id) {
            problems.file(SOURCES, format!("source id {:?} is not snake_case", src.id));
        }
        if !ids.insert(&src.id) {
            problems.file(SOURCES, format!("source {:?} is listed twice", src.id));
        }
        if let Err(e) = regex_lite::Regex::new(&src.code_pattern) {
            problems.file(
                SOURCES,
                format!("source {:?}: code_pattern does not compile: {e}", src.id),
            );
        }
    }
    let mut platforms = BTreeSet::new();
    for p in &s.platforms {
        if !is_snake_case(&p.name) || !platforms.insert(&p.name) {
            problems.file(
                SOURCES,
                format!("platform {:?} is not snake_case or is listed twice", p.name),
            );
        }
    }
}

fn check_provenance(list: &[ProvenanceDef], problems: &mut Problems) {
    let mut ids = BTreeSet::new();
    for p in list {
        if !ids.insert(&p.id) {
            problems.file(PROVENANCE, format!("id {:?} is listed twice", p.id));
        }
        if p.title.trim().is_empty() || p.location.trim().is_empty() {
            problems.file(
                PROVENANCE,
                format!("id {:?} needs a title and a `where`", p.id),
            );
        }
    }
}

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// ` (did you mean "x"?)` for the closest known name, when one is close.
fn hint<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (crate::text::edit_distance(given, k), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}
