//! `numauth report`: what is failing in a callback log, and who must fix it.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use numauth::{
    Action, Actor, Advice, AuthOutcome, Carrier, Category, Entry, Hint, Lang, Normalized, Source,
};
use serde::Serialize;

use crate::input;

/// Unusable lines kept as examples in the report.
const UNUSABLE_EXAMPLES: usize = 5;

/// Distinct root causes counted one by one; the callbacks of any cause first seen after that
/// are counted together as `other_root_causes`, so a log of a million distinct unknown codes
/// cannot take the memory of a million keys.
pub const MAX_CAUSES: usize = 10_000;

/// The text the distinct root causes and unknown codes (with their messages) may hold in all (a
/// code can be up to 64 KiB long).
const MAX_CAUSE_BYTES: usize = 1 << 20;

/// The characters of a message kept with an unknown code (the first callback's `raw_msg`).
pub const MAX_MESSAGE_CHARS: usize = 120;

/// Distinct pieces of advice (`data/advice.yaml`) kept per outcome or root cause; a log rarely
/// mixes more than two platforms or SDK versions under one outcome.
const MAX_ADVICE: usize = 4;

/// Lines per carrier: China Mobile, Unicom, Telecom, and not known.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Carriers {
    pub cmcc: usize,
    pub cucc: usize,
    pub ctcc: usize,
    pub unknown: usize,
}

impl Carriers {
    fn add(&mut self, carrier: Option<Carrier>) {
        match carrier {
            Some(Carrier::Cmcc) => self.cmcc += 1,
            Some(Carrier::Cucc) => self.cucc += 1,
            Some(Carrier::Ctcc) => self.ctcc += 1,
            _ => self.unknown += 1,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct OutcomeRow {
    pub outcome: AuthOutcome,
    pub category: Category,
    pub count: usize,
    pub share: f64,
    pub carriers: Carriers,
    pub action: Action,
    /// Who must act on this outcome (of the first callback that had it).
    pub actor: Actor,
    /// The advice that applied to its callbacks (platform, OS and SDK version), most often first.
    pub advice: Vec<AdviceRow>,
}

/// A piece of advice and how many of a row's callbacks it applied to.
#[derive(Debug, Clone, Serialize)]
pub struct AdviceRow {
    #[serde(flatten)]
    pub advice: Advice,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct CauseRow {
    pub source: Source,
    pub code: String,
    /// For China Unicom `1` + message rows, the message text the cause matched.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub matched: Option<&'static str>,
    /// The catalog's meaning of the cause, `None` when the code is not in the catalog.
    pub message: Option<String>,
    pub outcome: AuthOutcome,
    pub count: usize,
    pub share: f64,
    pub carriers: Carriers,
    pub action: Action,
    /// Who must act on this root cause: often the carrier or the developer where the outcome
    /// alone would say the user.
    pub actor: Actor,
    /// The advice that applied to its callbacks, most often first.
    pub advice: Vec<AdviceRow>,
}

/// A top-level code the catalog does not know, as often as it came: what to add to the catalog
/// (or to report to the SDK's vendor) first.
#[derive(Debug, Serialize)]
pub struct UnknownRow {
    /// The namespace the code was read in (given, or detected from the payload's keys).
    pub source: Source,
    pub code: String,
    /// The message the first callback with this code sent, secrets redacted as in `normalize`,
    /// cut at [`MAX_MESSAGE_CHARS`] characters (with `…`).
    pub raw_msg: Option<String>,
    pub count: usize,
    pub share: f64,
    pub carriers: Carriers,
}

#[derive(Debug, Serialize)]
pub struct Unusable {
    pub line: usize,
    pub error: String,
}

/// The whole report; `--json` prints it as is.
#[derive(Debug, Serialize)]
pub struct Report {
    pub lines: usize,
    pub callbacks: usize,
    pub unusable: usize,
    pub unknown_codes: usize,
    pub categories: BTreeMap<Category, usize>,
    pub top_outcomes: Vec<OutcomeRow>,
    pub top_root_causes: Vec<CauseRow>,
    /// Callbacks whose root cause was first seen after [`MAX_CAUSES`] distinct ones.
    pub other_root_causes: usize,
    /// The top-level codes counted in `unknown_codes`, most frequent first.
    pub top_unknown_codes: Vec<UnknownRow>,
    /// Callbacks whose unknown code was first seen after [`MAX_CAUSES`] distinct ones, or after
    /// the codes and messages kept reached `MAX_CAUSE_BYTES` (shared with the root causes).
    pub other_unknown_codes: usize,
    pub unusable_examples: Vec<Unusable>,
    /// Lines that were read, but not as written.
    pub warnings: Warnings,
}

/// Lines read with a repair: counted, since the repaired text may not be the callback's.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Warnings {
    /// Lines with bytes that are not UTF-8, read with U+FFFD in their place.
    pub invalid_utf8: usize,
    /// Lines with NUL bytes, read without them.
    pub nul_bytes: usize,
}

#[derive(Default)]
struct Tally {
    count: usize,
    carriers: Carriers,
    action: Option<(Action, Actor)>,
    advice: Vec<AdviceRow>,
}

impl Tally {
    fn add(&mut self, n: &Normalized<'_>, action: (Action, Actor)) {
        self.count += 1;
        self.carriers.add(n.carrier);
        self.action.get_or_insert(action);
        let Some(advice) = n.advice.as_ref() else {
            return;
        };
        let full = self.advice.len() >= MAX_ADVICE;
        match self.advice.iter_mut().find(|r| r.advice.id == advice.id) {
            Some(row) => row.count += 1,
            None if !full => self.advice.push(AdviceRow {
                advice: Advice::clone(advice),
                count: 1,
            }),
            None => {}
        }
    }

    /// The advice, most often first (ties by id).
    fn advice(&self) -> Vec<AdviceRow> {
        let mut rows = self.advice.clone();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.advice.id.cmp(&b.advice.id)));
        rows
    }
}

/// The tally of one unknown top-level code.
struct Unknown {
    raw_msg: Option<String>,
    count: usize,
    carriers: Carriers,
}

/// `text` cut at [`MAX_MESSAGE_CHARS`] characters, with `…` where it was cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A root cause: the deepest cause's source, code and (China Unicom) message row.
type CauseKey = (Source, String, Option<&'static str>);

#[derive(Default)]
struct Counter {
    lines: usize,
    callbacks: usize,
    unknown: usize,
    categories: BTreeMap<Category, usize>,
    outcomes: HashMap<AuthOutcome, Tally>,
    causes: HashMap<CauseKey, (AuthOutcome, Option<&'static Entry>, Tally)>,
    /// Code and message bytes held by `causes` and `unknowns`, against [`MAX_CAUSE_BYTES`].
    cause_bytes: usize,
    other_causes: usize,
    /// Unknown top-level codes by source, then code (looked up without building a key).
    unknowns: HashMap<Source, HashMap<String, Unknown>>,
    unknown_keys: usize,
    other_unknowns: usize,
    unusable: usize,
    examples: Vec<Unusable>,
    warnings: Warnings,
}

impl Counter {
    fn add(&mut self, n: &Normalized<'_>) {
        self.callbacks += 1;
        if !n.known {
            self.unknown += 1;
            self.add_unknown(n);
        }
        *self.categories.entry(n.category).or_default() += 1;
        let tally = self.outcomes.entry(n.outcome).or_default();
        tally.add(n, (n.action, n.actor));
        if n.root_cause.is_some() {
            self.add_cause(n);
        }
    }

    fn add_cause(&mut self, n: &Normalized<'_>) {
        let cause = n.deepest_cause();
        let entry = cause.entry();
        let matched = entry.and_then(|e| e.match_text(Lang::Zh).or(e.match_text(Lang::En)));
        let key = (cause.source, cause.code.to_string(), matched);
        let full =
            self.causes.len() >= MAX_CAUSES || self.cause_bytes + key.1.len() > MAX_CAUSE_BYTES;
        let (_, _, tally) = match self.causes.get_mut(&key) {
            Some(found) => found,
            None if full => {
                self.other_causes += 1;
                return;
            }
            None => {
                self.cause_bytes += key.1.len();
                self.causes
                    .entry(key)
                    .or_insert_with(|| (cause.outcome, entry, Tally::default()))
            }
        };
        tally.add(n, (cause.action, cause.actor));
    }

    fn add_unknown(&mut self, n: &Normalized<'_>) {
        let codes = self.unknowns.entry(n.source).or_default();
        if let Some(row) = codes.get_mut(n.code.as_ref()) {
            row.count += 1;
            row.carriers.add(n.carrier);
            return;
        }
        // The key cap first: past it, no message is cut (each callback would allocate).
        let raw_msg = (self.unknown_keys < MAX_CAUSES).then(|| n.raw_msg.as_deref().map(cut));
        let bytes = |msg: &Option<String>| n.code.len() + msg.as_ref().map_or(0, String::len);
        let Some(raw_msg) = raw_msg.filter(|m| self.cause_bytes + bytes(m) <= MAX_CAUSE_BYTES)
        else {
            self.other_unknowns += 1;
            return;
        };
        let bytes = bytes(&raw_msg);
        self.cause_bytes += bytes;
        self.unknown_keys += 1;
        let mut carriers = Carriers::default();
        carriers.add(n.carrier);
        let row = Unknown {
            raw_msg,
            count: 1,
            carriers,
        };
        codes.insert(n.code.to_string(), row);
    }

    /// The `top` most frequent unknown codes (ties by source and code).
    fn unknown_rows(&self, top: usize, share: impl Fn(usize) -> f64) -> Vec<UnknownRow> {
        let mut rows: Vec<UnknownRow> = self
            .unknowns
            .iter()
            .flat_map(|(source, codes)| codes.iter().map(move |(code, u)| (*source, code, u)))
            .map(|(source, code, u)| UnknownRow {
                source,
                code: code.clone(),
                raw_msg: u.raw_msg.clone(),
                count: u.count,
                share: share(u.count),
                carriers: u.carriers,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then((a.source, &a.code).cmp(&(b.source, &b.code)))
        });
        rows.truncate(top);
        rows
    }

    fn unusable(&mut self, line: usize, error: String) {
        self.unusable += 1;
        if self.examples.len() < UNUSABLE_EXAMPLES {
            self.examples.push(Unusable { line, error });
        }
    }

    fn finish(self, top: usize, lang: Lang) -> Report {
        let share = |count: usize| {
            if self.callbacks == 0 {
                0.0
            } else {
                (count as f64 * 1000.0 / self.callbacks as f64).round() / 10.0
            }
        };
        let mut top_outcomes: Vec<OutcomeRow> = self
            .outcomes
            .iter()
            .map(|(outcome, t)| OutcomeRow {
                outcome: *outcome,
                category: outcome.category(),
                count: t.count,
                share: share(t.count),
                carriers: t.carriers,
                action: t.action.map_or(outcome.action(), |(action, _)| action),
                actor: t.action.map_or(outcome.actor(), |(_, actor)| actor),
                advice: t.advice(),
            })
            .collect();
        top_outcomes.sort_by(|a, b| b.count.cmp(&a.count).then(a.outcome.cmp(&b.outcome)));
        top_outcomes.truncate(top);
        let mut top_root_causes: Vec<CauseRow> = self
            .causes
            .iter()
            .map(|((source, code, matched), (outcome, entry, t))| CauseRow {
                source: *source,
                code: code.clone(),
                matched: *matched,
                message: entry.map(|e| e.message(lang).to_owned()),
                outcome: *outcome,
                count: t.count,
                share: share(t.count),
                carriers: t.carriers,
                action: t.action.map_or(outcome.action(), |(action, _)| action),
                actor: t.action.map_or(outcome.actor(), |(_, actor)| actor),
                advice: t.advice(),
            })
            .collect();
        top_root_causes.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then((a.source, &a.code, a.matched).cmp(&(b.source, &b.code, b.matched)))
        });
        top_root_causes.truncate(top);
        let top_unknown_codes = self.unknown_rows(top, share);
        Report {
            lines: self.lines,
            callbacks: self.callbacks,
            unusable: self.unusable,
            unknown_codes: self.unknown,
            categories: self.categories,
            top_outcomes,
            top_root_causes,
            other_root_causes: self.other_causes,
            top_unknown_codes,
            other_unknown_codes: self.other_unknowns,
            unusable_examples: self.examples,
            warnings: self.warnings,
        }
    }
}

/// Reads a callback log into a report, with a progress bar on stderr when it is a terminal.
pub fn build(
    reader: impl BufRead,
    size: Option<u64>,
    hint: Hint,
    top: usize,
    lang: Lang,
) -> io::Result<Report> {
    let bar = progress(size);
    let mut counter = Counter::default();
    input::lines(reader, |line| {
        let n = line.number;
        counter.lines = n;
        bar.inc(line.bytes);
        counter.warnings.invalid_utf8 += usize::from(line.lossy);
        match line.text {
            Err(e) => counter.unusable(n, e),
            Ok(text) => {
                counter.warnings.nul_bytes += usize::from(text.contains('\0'));
                input::with_normalized(&text, hint, |r| match r {
                    Ok(normalized) => counter.add(normalized),
                    Err(e) => counter.unusable(n, e),
                });
            }
        }
    })?;
    bar.finish_and_clear();
    Ok(counter.finish(top, lang))
}

fn progress(size: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match size {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {bytes} read")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn many_distinct_root_causes_keep_at_most_max_causes_keys() {
        // Twenty times the cap (a million takes 10 s in a debug build; the README has the RSS).
        const N: usize = 200_000;
        let mut n = numauth::normalize(r#"{"code":"600011","innerCode":"u"}"#).unwrap();
        assert!(n.root_cause.is_some());
        let mut counter = Counter::default();
        for i in 0..N {
            if let Some(cause) = n.root_cause.as_mut() {
                cause.code = Cow::Owned(format!("u{i}"));
            }
            counter.add(&n);
        }
        // The first one seen again is still counted as itself.
        n.root_cause.as_mut().unwrap().code = Cow::Borrowed("u0");
        counter.add(&n);
        assert_eq!(counter.causes.len(), MAX_CAUSES);
        let report = counter.finish(3, Lang::En);
        assert_eq!(report.callbacks, N + 1);
        assert_eq!(report.other_root_causes, N - MAX_CAUSES);
        assert_eq!(report.top_root_causes[0].code, "u0");
        assert_eq!(report.top_root_causes[0].count, 2);
    }

    #[test]
    fn many_distinct_unknown_codes_keep_at_most_max_causes_keys() {
        const N: usize = 3 * MAX_CAUSES;
        let mut n = numauth::normalize(r#"{"code":"600099"}"#).unwrap();
        assert!(!n.known);
        let mut counter = Counter::default();
        for i in 0..N {
            n.code = Cow::Owned(format!("6{i:08}"));
            counter.add(&n);
        }
        n.code = Cow::Borrowed("600000000");
        counter.add(&n);
        assert_eq!(counter.unknown_keys, MAX_CAUSES);
        let report = counter.finish(2, Lang::En);
        assert_eq!(report.unknown_codes, N + 1);
        assert_eq!(report.other_unknown_codes, N - MAX_CAUSES);
        assert_eq!(report.top_unknown_codes[0].code, "600000000");
        assert_eq!(report.top_unknown_codes[0].count, 2);
        assert_eq!(
            report.top_unknown_codes[1].code, "600000001",
            "ties by code"
        );
    }

    #[test]
    fn unknown_codes_with_long_messages_stop_at_the_byte_budget() {
        let long = format!(r#"{{"code":"600099","msg":"{}"}}"#, "长".repeat(500));
        let mut n = numauth::normalize(&long).unwrap();
        let mut counter = Counter::default();
        for i in 0..MAX_CAUSES {
            n.code = Cow::Owned(format!("{i}"));
            counter.add(&n);
        }
        // Each row holds 120 characters of 3 bytes, an ellipsis and its code: about 370 bytes.
        assert!(counter.cause_bytes <= MAX_CAUSE_BYTES);
        assert!(
            counter.cause_bytes > MAX_CAUSE_BYTES - 400,
            "{}",
            counter.cause_bytes
        );
        let kept = counter.unknown_keys;
        assert!((2_800..2_900).contains(&kept), "{kept}");
        assert_eq!(counter.other_unknowns, MAX_CAUSES - kept);
    }

    #[test]
    fn cut_keeps_whole_characters() {
        assert_eq!(cut("短"), "短");
        let exact = "字".repeat(MAX_MESSAGE_CHARS);
        assert_eq!(cut(&exact), exact);
        let over = format!("{exact}x");
        assert_eq!(cut(&over), format!("{exact}…"));
    }
}
