//! Interning: the strings and short lists of the entries, each stored once, so that the tables
//! hold small numbers and spans instead of pointers.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{doc_lines, lit};
use crate::model::Texts;

/// The strings of the entries and provenance, each once, numbered in order of first use. The
/// tables hold these numbers (`Str::new(n)`), not `&'static str`s: a pointer in a static costs
/// 16 bytes plus a 24-byte dynamic relocation in a position-independent binary.
#[derive(Default)]
pub(super) struct Strings {
    numbers: HashMap<String, usize>,
    all: Vec<String>,
}

impl Strings {
    /// The number of `s`, interning it.
    pub(super) fn number(&mut self, s: &str) -> usize {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        self.all.push(s.to_owned());
        self.numbers.insert(s.to_owned(), self.all.len() - 1);
        self.all.len() - 1
    }

    /// `Str::new(n)` for `s`.
    pub(super) fn str(&mut self, s: &str) -> String {
        format!("Str::new({})", self.number(s))
    }

    pub(super) fn opt(&mut self, s: Option<&str>) -> String {
        s.map_or("None".to_owned(), |s| format!("Some({})", self.str(s)))
    }

    pub(super) fn pair(&mut self, t: &Texts) -> String {
        format!(
            "Pair {{ zh: {}, en: {} }}",
            self.str(&t.zh),
            self.str(&t.en)
        )
    }

    /// `STRINGS`, one literal per string, and `STRING_ENDS`.
    pub(super) fn emit(&self, out: &mut String) {
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
pub(super) struct Lists {
    items: Vec<String>,
}

impl Lists {
    /// The span of `list` (element expressions), adding it if it does not occur yet.
    pub(super) fn span(&mut self, list: &[String]) -> String {
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

    pub(super) fn emit(&self, out: &mut String, doc: &str, name: &str, ty: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
