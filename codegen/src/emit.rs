//! Turning a validated [`Catalog`] into the Rust source that `numauth` includes.
//!
//! The output is deterministic: entries are sorted by source rank, then code, and the phf maps
//! are emitted as `phf::phf_map!` invocations (not phf_codegen struct literals), so the code
//! keeps compiling whatever phf features another crate in the build enables.
//!
//! Apart from the phf keys, the tables hold no pointers: strings are numbers into one interned
//! `STRINGS` and lists are spans of shared arrays (see [`Strings`] and [`Lists`]), which keeps
//! the catalog's share of a stripped position-independent binary small.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::load::Catalog;
use crate::model::{ProvenanceKind, Record, Texts, Translated};
use crate::text::match_key;

/// The generated Rust source for `catalog`.
pub fn generate(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str("// @generated from data/*.yaml by numauth-codegen. Do not edit: change the data and rebuild.\n\n");
    out.push_str("use crate::entry::{Pair, Span, Str};\n\n");
    let _ = writeln!(
        out,
        "/// The version of the built-in catalog data: `data_version` in `data/sources.yaml`, then a\n/// hash of every data file, so it changes whenever any table does.\n///\n/// ```\n/// assert!(numauth::DATA_VERSION.contains('+'));\n/// ```\npub const DATA_VERSION: &str = \"{}+{:08x}\";\n",
        catalog.data_version, catalog.content_hash
    );
    emit_taxonomy(&mut out, catalog);
    emit_sources(&mut out, catalog);
    crate::keys::emit(&mut out, &catalog.keys, camel);
    crate::keys::emit_layers(&mut out, &catalog.sources, camel);
    crate::advice::emit(&mut out, &catalog.advice, camel);
    emit_schema_enums(&mut out);
    let mut strings = Strings::default();
    emit_provenance(&mut out, catalog, &mut strings);
    emit_entries(&mut out, catalog, &mut strings);
    strings.emit(&mut out);
    out
}

/// `snake_case` → `CamelCase`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn text(t: &Texts) -> String {
    format!("crate::Text {{ zh: {}, en: {} }}", lit(&t.zh), lit(&t.en))
}

fn doc_lines(out: &mut String, indent: &str, doc: &str) {
    for line in doc.lines() {
        let _ = writeln!(
            out,
            "{indent}///{}{line}",
            if line.is_empty() { "" } else { " " }
        );
    }
}

/// One variant: its id (serde and strum name) and doc comment.
struct Variant<'a> {
    id: &'a str,
    doc: &'a str,
}

fn vars<'a>(list: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Variant<'a>> {
    list.map(|(id, doc)| Variant { id, doc }).collect()
}

/// A fieldless enum with the derives every numauth id enum shares. Ids are spelled out per
/// variant so that serde and strum can never disagree on them.
fn emit_enum(
    out: &mut String,
    name: &str,
    doc: &str,
    variants: &[Variant<'_>],
    non_exhaustive: bool,
) {
    doc_lines(out, "", doc);
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n");
    out.push_str(
        "#[derive(strum::EnumIter, strum::EnumCount, strum::IntoStaticStr, strum::EnumString)]\n",
    );
    let _ = writeln!(
        out,
        "#[strum(parse_err_ty = crate::ParseIdError, parse_err_fn = {name}::parse_error)]"
    );
    out.push_str(
        "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]\n",
    );
    if non_exhaustive {
        out.push_str("#[non_exhaustive]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for v in variants {
        doc_lines(out, "    ", v.doc);
        let _ = writeln!(out, "    #[strum(serialize = {id})]\n    #[cfg_attr(feature = \"serde\", serde(rename = {id}))]", id = lit(v.id));
        let _ = writeln!(out, "    {},", camel(v.id));
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {name} {{");
    let ids: Vec<String> = variants.iter().map(|v| lit(v.id)).collect();
    let _ = writeln!(out, "    /// Every id, in declaration order.\n    pub(crate) const IDS: &'static [&'static str] = &[{}];", ids.join(", "));
    let _ = writeln!(
        out,
        "    fn parse_error(given: &str) -> crate::ParseIdError {{\n        crate::ParseIdError::new({}, given, Self::IDS)\n    }}\n}}\n",
        lit(&snake(name))
    );
}

fn snake(camel: &str) -> String {
    let mut s = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}

/// `match self { Self::A => expr_a, ... }` inside a method.
fn emit_method(
    out: &mut String,
    doc: &str,
    signature: &str,
    arms: &[(String, String)],
    tail: &str,
) {
    doc_lines(out, "    ", doc);
    let _ = writeln!(out, "    {signature} {{\n        match self {{");
    for (variant, expr) in arms {
        let _ = writeln!(out, "            Self::{variant} => {expr},");
    }
    let _ = writeln!(out, "        }}{tail}\n    }}\n");
}

fn emit_taxonomy(out: &mut String, c: &Catalog) {
    let t = &c.taxonomy;

    emit_enum(
        out,
        "Category",
        "The broad kind of an outcome: exactly one of success, progress, cancelled, failure.\n\n```\nuse numauth::{AuthOutcome, Category};\nassert_eq!(AuthOutcome::UserCancelled.category(), Category::Cancelled);\nassert_eq!(\"failure\".parse::<Category>().unwrap(), Category::Failure);\n```",
        &vars(t.categories.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        false,
    );
    emit_enum(
        out,
        "Actor",
        "Who must act on an outcome.\n\n```\nuse numauth::{Actor, AuthOutcome};\nassert_eq!(AuthOutcome::InvalidConfiguration.actor(), Actor::Developer);\nassert_eq!(AuthOutcome::NoSimCard.actor(), Actor::User);\n```",
        &vars(t.actors.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        false,
    );
    for (name, list) in [("Category", &t.categories), ("Actor", &t.actors)] {
        let _ = writeln!(out, "impl {name} {{");
        let arms: Vec<_> = list
            .iter()
            .map(|x| (camel(&x.name), text(&x.label)))
            .collect();
        emit_method(
            out,
            &format!("A short label in `lang`.\n\n```\nuse numauth::{{{name}, Lang}};\nlet label = {name}::{}.label(Lang::En);\nassert!(!label.is_empty());\n```", camel(&list[0].name)),
            "pub const fn label(self, lang: crate::Lang) -> &'static str",
            &arms,
            ".get(lang)",
        );
        out.push_str("}\n\n");
    }

    emit_enum(
        out,
        "Action",
        "What to do next about an outcome.\n\n```\nuse numauth::{Action, AuthOutcome, Lang};\nlet action = AuthOutcome::MobileDataDisabled.action();\nassert_eq!(action, Action::EnableMobileData);\nassert!(action.text(Lang::Zh).contains(\"移动数据\"));\n```",
        &vars(t.actions.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        true,
    );
    out.push_str("impl Action {\n");
    let arms: Vec<_> = t
        .actions
        .iter()
        .map(|a| (camel(&a.name), text(&a.text)))
        .collect();
    emit_method(
        out,
        "The action as an instruction, in `lang`.\n\n```\nuse numauth::{Action, Lang};\nassert!(!Action::Retry.text(Lang::En).is_empty());\n```",
        "pub const fn text(self, lang: crate::Lang) -> &'static str",
        &arms,
        ".get(lang)",
    );
    out.push_str("}\n\n");

    emit_enum(
        out,
        "AuthOutcome",
        "What a result code means for the login flow. Every catalog entry maps to exactly one.\n\nIt includes success and progress events, so it is not an error type. Each outcome carries its\n[`Category`], the [`Actor`] who must act, whether a retry can help, a default [`Action`], a title and\na message an app may show its end user.\n\n```\nuse numauth::{lookup, Actor, AuthOutcome, Category, Lang, Source};\nlet entry = lookup(Source::Pns, \"600008\").unwrap();\nlet outcome = entry.outcome();\nassert_eq!(outcome, AuthOutcome::MobileDataDisabled);\nassert_eq!(outcome.category(), Category::Failure);\nassert_eq!(outcome.actor(), Actor::User);\nassert!(outcome.retryable());\nprintln!(\"{}\", outcome.message(Lang::Zh));\n```",
        &vars(t.outcomes.iter().map(|x| (x.name.as_str(), x.doc.as_str()))),
        true,
    );
    out.push_str("impl AuthOutcome {\n");
    let pick = |f: &dyn Fn(&crate::model::OutcomeDef) -> String| -> Vec<(String, String)> {
        t.outcomes.iter().map(|o| (camel(&o.name), f(o))).collect()
    };
    emit_method(
        out,
        "The outcome's category.\n\n```\nuse numauth::{AuthOutcome, Category};\nassert_eq!(AuthOutcome::Success.category(), Category::Success);\n```",
        "pub const fn category(self) -> Category",
        &pick(&|o| format!("Category::{}", camel(&o.category))),
        "",
    );
    emit_method(
        out,
        "Who must act.\n\n```\nuse numauth::{Actor, AuthOutcome};\nassert_eq!(AuthOutcome::ServerError.actor(), Actor::Vendor);\n```",
        "pub const fn actor(self) -> Actor",
        &pick(&|o| format!("Actor::{}", camel(&o.actor))),
        "",
    );
    emit_method(
        out,
        "Whether the same call can succeed later without a code or configuration change (possibly\nafter the user fixes their device).\n\n```\nuse numauth::AuthOutcome;\nassert!(AuthOutcome::Timeout.retryable());\nassert!(!AuthOutcome::InvalidConfiguration.retryable());\n```",
        "pub const fn retryable(self) -> bool",
        &pick(&|o| o.retryable.to_string()),
        "",
    );
    emit_method(
        out,
        "The recommended next step (an entry may override it).\n\n```\nuse numauth::{Action, AuthOutcome};\nassert_eq!(AuthOutcome::RateLimited.action(), Action::RetryLater);\n```",
        "pub const fn action(self) -> Action",
        &pick(&|o| format!("Action::{}", camel(&o.action))),
        "",
    );
    emit_method(
        out,
        "The broader outcome this one refines, if any (the IDaaS account outcomes refine\n[`AuthOutcome::AccountProblem`]), so that dashboards can group them.\n\n```\nuse numauth::AuthOutcome;\nassert_eq!(AuthOutcome::AccountLocked.parent(), Some(AuthOutcome::AccountProblem));\nassert_eq!(AuthOutcome::Timeout.parent(), None);\n```",
        "pub const fn parent(self) -> Option<AuthOutcome>",
        &pick(&|o| {
            o.parent
                .as_ref()
                .map_or("None".to_owned(), |p| format!("Some(AuthOutcome::{})", camel(p)))
        }),
        "",
    );
    emit_method(
        out,
        "A short title for dashboards, in `lang`.\n\n```\nuse numauth::{AuthOutcome, Lang};\nassert!(!AuthOutcome::Timeout.title(Lang::En).is_empty());\n```",
        "pub const fn title(self, lang: crate::Lang) -> &'static str",
        &pick(&|o| text(&o.title)),
        ".get(lang)",
    );
    emit_method(
        out,
        "A message an app may show its end user, in `lang` (never a vendor's internal wording).\n\n```\nuse numauth::{AuthOutcome, Lang};\nlet zh = AuthOutcome::NoSimCard.message(Lang::Zh);\nassert!(zh.contains(\"SIM\"));\n```",
        "pub const fn message(self, lang: crate::Lang) -> &'static str",
        &pick(&|o| text(&o.message)),
        ".get(lang)",
    );
    out.push_str("}\n\n");
}

fn emit_sources(out: &mut String, c: &Catalog) {
    let variants = vars(c.sources.iter().map(|s| (s.id.as_str(), s.doc.as_str())));
    emit_enum(
        out,
        "Source",
        "The SDK or server whose namespace a code belongs to. The same number means different things\nin different sources, so a code is always looked up with its source.\n\nThe declaration order ranks the sources: the most common first.\n\n```\nuse numauth::Source;\nlet source: Source = \"cucc\".parse().unwrap();\nassert_eq!(source, Source::Cucc);\nassert_eq!(source.as_str(), \"cucc\");\nassert!(\"nope\".parse::<Source>().is_err());\n```",
        &variants,
        true,
    );
    out.push_str("impl Source {\n");
    let arms: Vec<_> = c
        .sources
        .iter()
        .map(|s| (camel(&s.id), text(&s.name)))
        .collect();
    emit_method(
        out,
        "The source's human name, in `lang`.\n\n```\nuse numauth::{Lang, Source};\nassert_eq!(Source::Cmcc.name(Lang::Zh), \"中国移动\");\n```",
        "pub const fn name(self, lang: crate::Lang) -> &'static str",
        &arms,
        ".get(lang)",
    );
    out.push_str("}\n\n");

    let variants = vars(
        c.platforms
            .iter()
            .map(|p| (p.name.as_str(), p.doc.as_str())),
    );
    emit_enum(
        out,
        "Platform",
        "A client platform, for codes that exist only on some of them.\n\n```\nuse numauth::{lookup, Platform, Source};\nlet entry = lookup(Source::Pns, \"600024\").unwrap();\nassert_eq!(entry.platforms(), &[Platform::Android]);\n```",
        &variants,
        true,
    );
}

/// The enums whose variants are fixed by the schema itself rather than by a data file.
fn emit_schema_enums(out: &mut String) {
    let kinds: Vec<_> = ProvenanceKind::ALL
        .iter()
        .map(|(k, doc)| (snake(k.variant()), *doc))
        .collect();
    let variants = vars(kinds.iter().map(|(id, doc)| (id.as_str(), *doc)));
    emit_enum(
        out,
        "ProvenanceKind",
        "How far a provenance source can be trusted, most trusted first.\n\n```\nuse numauth::ProvenanceKind;\nassert!(ProvenanceKind::SdkHeader < ProvenanceKind::ThirdParty);\n```",
        &variants,
        true,
    );
    let fields: Vec<_> = Translated::ALL
        .iter()
        .map(|(k, doc)| (snake(k.variant()), *doc))
        .collect();
    let variants = vars(fields.iter().map(|(id, doc)| (id.as_str(), *doc)));
    emit_enum(
        out,
        "Translated",
        "A text of an entry that numauth translated because the vendor gives none in that language.\n\n```\nuse numauth::{entries, Translated};\nlet translated = entries().filter(|e| e.translated().contains(&Translated::En)).count();\nassert!(translated < entries().len());\n```",
        &variants,
        true,
    );
}

/// The strings of the entries and provenance, each once, numbered in order of first use. The
/// tables hold these numbers (`Str::new(n)`), not `&'static str`s: a pointer in a static costs
/// 16 bytes plus a 24-byte dynamic relocation in a position-independent binary.
#[derive(Default)]
struct Strings {
    numbers: HashMap<String, usize>,
    all: Vec<String>,
}

impl Strings {
    /// The number of `s`, interning it.
    fn number(&mut self, s: &str) -> usize {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        self.all.push(s.to_owned());
        self.numbers.insert(s.to_owned(), self.all.len() - 1);
        self.all.len() - 1
    }

    /// `Str::new(n)` for `s`.
    fn str(&mut self, s: &str) -> String {
        format!("Str::new({})", self.number(s))
    }

    fn opt(&mut self, s: Option<&str>) -> String {
        s.map_or("None".to_owned(), |s| format!("Some({})", self.str(s)))
    }

    fn pair(&mut self, t: &Texts) -> String {
        format!(
            "Pair {{ zh: {}, en: {} }}",
            self.str(&t.zh),
            self.str(&t.en)
        )
    }

    /// `STRINGS`, one literal per string, and `STRING_ENDS`.
    fn emit(&self, out: &mut String) {
        if self.all.len() > usize::from(u16::MAX) {
            let _ = writeln!(
                out,
                "compile_error!(\"{} distinct strings in the catalog: `crate::entry::Str` numbers at most 65535\");",
                self.all.len()
            );
        }
        out.push_str("/// Every string of the entries and provenance, each once, back to back: the text of `Str::new(n)`\n/// is `STRINGS[STRING_ENDS[n]..STRING_ENDS[n + 1]]`.\n");
        out.push_str("pub(crate) static STRINGS: &str = concat!(\n");
        for s in &self.all {
            let _ = writeln!(out, "    {},", lit(s));
        }
        out.push_str(");\n\n");
        let mut end = 0;
        let mut ends = vec!["0".to_owned()];
        for s in &self.all {
            end += s.len();
            ends.push(end.to_string());
        }
        if u32::try_from(end).is_err() {
            out.push_str("compile_error!(\"the catalog's strings do not fit u32 offsets\");\n");
        }
        let _ = writeln!(
            out,
            "/// Where each string of `STRINGS` starts, and after the last, where it ends.\npub(crate) static STRING_ENDS: [u32; {}] = [{}];\n",
            ends.len(),
            ends.join(", ")
        );
    }
}

/// Short lists (an entry's platforms, translated texts, provenance) laid end to end in one
/// static array: an entry holds a `Span { at, len }` of it, not a slice. A list that already
/// occurs in the array, even inside a longer one, is not added again.
#[derive(Default)]
struct Lists {
    items: Vec<String>,
}

impl Lists {
    /// The span of `list` (element expressions), adding it if it does not occur yet.
    fn span(&mut self, list: &[String]) -> String {
        let at = if list.is_empty() {
            Some(0)
        } else {
            self.items.windows(list.len()).position(|w| w == list)
        };
        let at = at.unwrap_or_else(|| {
            self.items.extend_from_slice(list);
            self.items.len() - list.len()
        });
        format!("Span {{ at: {at}, len: {} }}", list.len())
    }

    fn emit(&self, out: &mut String, doc: &str, name: &str, ty: &str) {
        if self.items.len() > usize::from(u16::MAX) {
            let _ = writeln!(
                out,
                "compile_error!(\"`{name}` is too long for `crate::entry::Span`\");"
            );
        }
        doc_lines(out, "", doc);
        let _ = writeln!(
            out,
            "pub(crate) static {name}: [{ty}; {}] = [{}];\n",
            self.items.len(),
            self.items.join(", ")
        );
    }
}

fn emit_provenance(out: &mut String, c: &Catalog, strings: &mut Strings) {
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

fn emit_entries(out: &mut String, c: &Catalog, strings: &mut Strings) {
    let outcomes: BTreeMap<&str, &crate::model::OutcomeDef> = c
        .taxonomy
        .outcomes
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let provenance_index: BTreeMap<&str, usize> = c
        .provenance
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let (mut platform_lists, mut translated_lists, mut provenance_lists) =
        (Lists::default(), Lists::default(), Lists::default());

    let rows = sorted_rows(c);
    if rows.len() > usize::from(u16::MAX) {
        out.push_str("compile_error!(\"more entries than `CODE_ROWS` can number in a u16\");\n");
    }
    let _ = writeln!(
        out,
        "pub(crate) static ENTRIES: [crate::Entry; {}] = [",
        rows.len()
    );
    for (_, source, r) in &rows {
        // The row in words, since the fields below are numbers.
        let _ = write!(out, "    // {source} code: {}", lit(&r.code));
        if let Some(m) = &r.matcher {
            let _ = write!(
                out,
                " match: {}",
                lit(m.zh.as_ref().or(m.en.as_ref()).map_or("", |s| s.as_str()))
            );
        }
        out.push('\n');
        let matcher = match &r.matcher {
            None => "None".to_owned(),
            Some(m) => format!(
                "Some(crate::entry::Matcher {{ zh: {}, en: {}, zh_key: {}, en_key: {} }})",
                strings.opt(m.zh.as_deref()),
                strings.opt(m.en.as_deref()),
                strings.str(&m.zh.as_deref().map(match_key).unwrap_or_default()),
                strings.str(&m.en.as_deref().map(match_key).unwrap_or_default()),
            ),
        };
        let outcome = outcomes[r.outcome.as_str()];
        let action = r.action.as_deref().unwrap_or(&outcome.action);
        let actor = r.actor.as_deref().unwrap_or(&outcome.actor);
        let retryable = r.retryable.unwrap_or(outcome.retryable);
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
            .map(|p| format!("&PROVENANCE[{}]", provenance_index[p.as_str()]))
            .collect();
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
            "    crate::Entry {{ source: Source::{}, code: {code}, matcher: {matcher}, meaning: {meaning}, outcome: AuthOutcome::{}, action: Action::{}, actor: Actor::{}, retryable: {retryable}, suggestion: {suggestion}, platforms: {}, since: {}, until: {}, http_status: {}, translated: {}, provenance: {}, note: {} }},",
            camel(source),
            camel(&r.outcome),
            camel(action),
            camel(actor),
            platform_lists.span(&platforms),
            strings.opt(r.since.as_deref()),
            strings.opt(r.until.as_deref()),
            r.http_status.map_or("None".to_owned(), |s| format!("Some({s})")),
            translated_lists.span(&translated),
            provenance_lists.span(&provenance),
            strings.opt(r.note.as_deref()),
        );
    }
    out.push_str("];\n\n");

    platform_lists.emit(
        out,
        "The platform lists of the entries, end to end.",
        "PLATFORM_LISTS",
        "Platform",
    );
    translated_lists.emit(
        out,
        "The translated-text lists of the entries, end to end.",
        "TRANSLATED_LISTS",
        "Translated",
    );
    provenance_lists.emit(
        out,
        "The provenance lists of the entries, end to end.",
        "PROVENANCE_LISTS",
        "&crate::Provenance",
    );

    // One map for every source: a code's rows across sources are few, and a key costs a
    // pointer and a relocation.
    let mut candidates: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, _, r)) in rows.iter().enumerate() {
        candidates.entry(r.code.as_str()).or_default().push(i);
    }
    out.push_str(
        "/// Every code of every source -> (first index, count) of its rows in `CODE_ROWS`.\n",
    );
    out.push_str("pub(crate) static CODES: phf::Map<&'static str, (u16, u16)> = phf::phf_map! {\n");
    let mut code_rows = Vec::with_capacity(rows.len());
    for (code, list) in &candidates {
        let _ = writeln!(
            out,
            "    {} => ({}, {}),",
            lit(code),
            code_rows.len(),
            list.len()
        );
        code_rows.extend(list.iter().map(usize::to_string));
    }
    out.push_str("};\n\n");
    let _ = writeln!(
        out,
        "/// The indices in `ENTRIES` of each code's rows, code after code; a code's rows are in\n/// `ENTRIES` order, so those of one source are consecutive, the code-only row first.\npub(crate) static CODE_ROWS: [u16; {}] = [{}];\n",
        code_rows.len(),
        code_rows.join(", ")
    );
}

/// Every record with its source's rank and name, in `ENTRIES` order: by rank, then code; the
/// stable sort keeps file order among a code's message rows, the code-only row first.
fn sorted_rows(c: &Catalog) -> Vec<(usize, &str, &Record)> {
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

/// Per source rank: code -> (first index, count) of its rows in `ENTRIES`.
fn code_spans<'a>(
    rows: &[(usize, &str, &'a Record)],
    sources: usize,
) -> Vec<BTreeMap<&'a str, (usize, usize)>> {
    let mut spans = vec![BTreeMap::new(); sources];
    for (i, (rank, _, r)) in rows.iter().enumerate() {
        spans[*rank]
            .entry(r.code.as_str())
            .and_modify(|s: &mut (usize, usize)| s.1 += 1)
            .or_insert((i, 1));
    }
    spans
}

/// The code maps as one nested `match` (source, then code), the same answers as `codes()`:
/// the baseline `benches/lookup.rs` measures phf against. Not part of the library.
pub fn generate_match(catalog: &Catalog) -> String {
    let rows = sorted_rows(catalog);
    let mut out = String::with_capacity(32 * 1024);
    out.push_str(
        "// @generated by numauth-codegen for benches/lookup.rs. Do not edit.

",
    );
    out.push_str(
        "/// `(first index, count)` of `code`'s rows in `source`, as a `match`.
",
    );
    out.push_str(
        "fn match_codes(source: numauth::Source, code: &str) -> Option<(u16, u16)> {
    match source {
",
    );
    for (table, map) in catalog
        .tables
        .iter()
        .zip(code_spans(&rows, catalog.tables.len()))
    {
        let _ = writeln!(
            out,
            "        numauth::Source::{} => match code {{",
            camel(&table.source)
        );
        for (code, (start, len)) in &map {
            let _ = writeln!(out, "            {} => Some(({start}, {len})),", lit(code));
        }
        out.push_str("            _ => None,\n        },\n");
    }
    // `Source` is non_exhaustive outside numauth.
    out.push_str("        _ => None,\n    }\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_snake_round_trip() {
        assert_eq!(camel("ui_customization_error"), "UiCustomizationError");
        assert_eq!(camel("pns"), "Pns");
        assert_eq!(snake("UiCustomizationError"), "ui_customization_error");
        assert_eq!(snake(&camel("idaas_sdk")), "idaas_sdk");
    }

    #[test]
    fn codes_sort_numerically_then_by_name() {
        let mut codes = vec!["600011", "-10008", "1", "OK", "100", "isv.A"];
        codes.sort_by_key(|c| code_key(c));
        assert_eq!(codes, ["-10008", "1", "100", "600011", "OK", "isv.A"]);
    }

    #[test]
    fn strings_are_numbered_once_in_order_of_first_use() {
        let mut strings = Strings::default();
        assert_eq!(strings.str("a"), "Str::new(0)");
        assert_eq!(strings.opt(Some("请求超时")), "Some(Str::new(1))");
        assert_eq!(strings.str("a"), "Str::new(0)");
        assert_eq!(strings.opt(None), "None");
        let mut out = String::new();
        strings.emit(&mut out);
        assert!(out.contains("    \"a\",\n    \"请求超时\",\n"));
        // "请求超时" is 12 bytes of UTF-8.
        assert!(out.contains("STRING_ENDS: [u32; 3] = [0, 1, 13];"));
    }

    #[test]
    fn lists_reuse_what_already_occurs() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut lists = Lists::default();
        assert_eq!(lists.span(&list(&["A", "B"])), "Span { at: 0, len: 2 }");
        assert_eq!(lists.span(&list(&["B"])), "Span { at: 1, len: 1 }");
        assert_eq!(lists.span(&list(&[])), "Span { at: 0, len: 0 }");
        assert_eq!(lists.span(&list(&["B", "C"])), "Span { at: 2, len: 2 }");
        assert_eq!(lists.items, list(&["A", "B", "B", "C"]));
    }

    #[test]
    fn literals_escape_quotes_and_backslashes() {
        assert_eq!(lit("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(lit("请求超时"), "\"请求超时\"");
    }
}
