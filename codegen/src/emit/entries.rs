//! The catalog's rows: `PROVENANCE`, `ENTRIES` with the list arrays their spans point into, and
//! (through `codes.rs`) the code table that finds them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::codes::emit_codes;
use super::interned::{Lists, Strings};
use super::{camel, lit};
use crate::load::Catalog;
use crate::model::{OutcomeDef, Record, Texts};
use crate::text::match_key;

pub(super) fn emit_provenance(out: &mut String, c: &Catalog, strings: &mut Strings) {
    let _ = writeln!(
        out,
        "pub(crate) static PROVENANCE: [crate::Provenance; {}] = [",
        c.provenance.len()
    );
    for p in &c.provenance {
        let _ = writeln!(
            out,
            "    crate::Provenance {{ id: {}, kind: ProvenanceKind::{}, title: {}, location: {} }},",
            strings.str(&p.id),
            p.kind.variant(),
            strings.str(&p.title),
            strings.str(&p.location)
        );
    }
    out.push_str("];\n\n");
}

/// Sort key of a code: numbers in numeric order, then names.
fn code_key(code: &str) -> (bool, i64, &str) {
    match code.parse::<i64>() {
        Ok(n) => (false, n, code),
        Err(_) => (true, 0, code),
    }
}

/// What writing one `crate::Entry` literal needs beside the record: the outcomes' defaults, the
/// provenance numbers, and the list arrays the entry's spans point into.
struct EntryWriter<'a> {
    outcomes: BTreeMap<&'a str, &'a OutcomeDef>,
    provenance_index: BTreeMap<&'a str, usize>,
    platforms: Lists,
    translated: Lists,
    provenance: Lists,
}

impl<'a> EntryWriter<'a> {
    fn new(c: &'a Catalog) -> Self {
        EntryWriter {
            outcomes: c
                .taxonomy
                .outcomes
                .iter()
                .map(|o| (o.name.as_str(), o))
                .collect(),
            provenance_index: c
                .provenance
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect(),
            platforms: Lists::default(),
            translated: Lists::default(),
            provenance: Lists::default(),
        }
    }

    /// `crate::entry::Matcher { .. }` or `None`.
    fn matcher(r: &Record, strings: &mut Strings) -> String {
        match &r.matcher {
            None => "None".to_owned(),
            Some(m) => format!(
                "Some(crate::entry::Matcher {{ zh: {}, en: {}, zh_key: {}, en_key: {} }})",
                strings.opt(m.zh.as_deref()),
                strings.opt(m.en.as_deref()),
                strings.str(&m.zh.as_deref().map(match_key).unwrap_or_default()),
                strings.str(&m.en.as_deref().map(match_key).unwrap_or_default()),
            ),
        }
    }

    /// The spans of the record's platforms, translated texts and provenance.
    fn spans(&mut self, r: &Record) -> (String, String, String) {
        let platforms: Vec<String> = r
            .platforms
            .iter()
            .map(|p| format!("Platform::{}", camel(p)))
            .collect();
        let mut translated = r.translated.clone();
        translated.sort();
        translated.dedup();
        let translated: Vec<String> = translated
            .iter()
            .map(|t| format!("Translated::{}", t.variant()))
            .collect();
        let provenance: Vec<String> = r
            .provenance
            .iter()
            .map(|p| format!("&PROVENANCE[{}]", self.provenance_index[p.as_str()]))
            .collect();
        (
            self.platforms.span(&platforms),
            self.translated.span(&translated),
            self.provenance.span(&provenance),
        )
    }

    /// One line of `ENTRIES`: the row in words as a comment (the fields are numbers), then the
    /// literal, with the outcome's defaults where the record overrides nothing.
    fn write(&mut self, out: &mut String, source: &str, r: &Record, strings: &mut Strings) {
        let _ = write!(out, "    // {source} code: {}", lit(&r.code));
        if let Some(m) = &r.matcher {
            let text = m.zh.as_ref().or(m.en.as_ref()).map_or("", |s| s.as_str());
            let _ = write!(out, " match: {}", lit(text));
        }
        out.push('\n');
        let outcome = self.outcomes[r.outcome.as_str()];
        let action = r.action.as_deref().unwrap_or(&outcome.action);
        let actor = r.actor.as_deref().unwrap_or(&outcome.actor);
        let retryable = r.retryable.unwrap_or(outcome.retryable);
        let (platforms, translated, provenance) = self.spans(r);
        let matcher = Self::matcher(r, strings);
        let code = strings.str(&r.code);
        let meaning = strings.pair(&Texts {
            zh: r.zh.clone(),
            en: r.en.clone(),
        });
        let suggestion = r
            .suggestion
            .as_ref()
            .map_or("None".to_owned(), |s| format!("Some({})", strings.pair(s)));
        let _ = writeln!(
            out,
            "    crate::Entry {{ source: Source::{}, code: {code}, matcher: {matcher}, meaning: {meaning}, outcome: AuthOutcome::{}, action: Action::{}, actor: Actor::{}, retryable: {retryable}, suggestion: {suggestion}, platforms: {platforms}, since: {}, until: {}, http_status: {}, carrier: {}, translated: {translated}, provenance: {provenance}, note: {} }},",
            camel(source),
            camel(&r.outcome),
            camel(action),
            camel(actor),
            strings.opt(r.since.as_deref()),
            strings.opt(r.until.as_deref()),
            r.http_status.map_or("None".to_owned(), |s| format!("Some({s})")),
            r.carrier
                .as_deref()
                .map_or("None".to_owned(), |c| format!("Some(crate::Carrier::{})", super::camel(c))),
            strings.opt(r.note.as_deref()),
        );
    }

    /// The list arrays, once every entry is written.
    fn emit_lists(&self, out: &mut String) {
        self.platforms.emit(
            out,
            "The platform lists of the entries, end to end.",
            "PLATFORM_LISTS",
            "Platform",
        );
        self.translated.emit(
            out,
            "The translated-text lists of the entries, end to end.",
            "TRANSLATED_LISTS",
            "Translated",
        );
        self.provenance.emit(
            out,
            "The provenance lists of the entries, end to end.",
            "PROVENANCE_LISTS",
            "&crate::Provenance",
        );
    }
}

/// `ENTRIES`, its list arrays, and the code table.
pub(super) fn emit_entries(out: &mut String, c: &Catalog, strings: &mut Strings) {
    let rows = sorted_rows(c);
    if rows.len() > usize::from(u16::MAX) {
        out.push_str("compile_error!(\"more entries than `CODE_ROWS` can number in a u16\");\n");
    }
    let _ = writeln!(
        out,
        "pub(crate) static ENTRIES: [crate::Entry; {}] = [",
        rows.len()
    );
    let mut writer = EntryWriter::new(c);
    for (_, source, r) in &rows {
        writer.write(out, source, r, strings);
    }
    out.push_str("];\n\n");
    writer.emit_lists(out);

    // One table for every source: a code's rows across sources are few.
    let mut candidates: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, _, r)) in rows.iter().enumerate() {
        candidates.entry(r.code.as_str()).or_default().push(i);
    }
    emit_codes(out, &candidates, strings);
}

/// Every record with its source's rank and name, in `ENTRIES` order: by rank, then code; the
/// stable sort keeps file order among a code's message rows, the code-only row first.
pub(super) fn sorted_rows(c: &Catalog) -> Vec<(usize, &str, &Record)> {
    let mut rows: Vec<(usize, &str, &Record)> = Vec::new();
    for (rank, table) in c.tables.iter().enumerate() {
        for r in &table.records {
            rows.push((rank, &table.source, r));
        }
    }
    rows.sort_by(|a, b| {
        (a.0, code_key(&a.2.code), a.2.matcher.is_some()).cmp(&(
            b.0,
            code_key(&b.2.code),
            b.2.matcher.is_some(),
        ))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_numerically_then_by_name() {
        let mut codes = vec!["600011", "-10008", "1", "OK", "100", "isv.A"];
        codes.sort_by_key(|c| code_key(c));
        assert_eq!(codes, ["-10008", "1", "100", "600011", "OK", "isv.A"]);
    }
}
