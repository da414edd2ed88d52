//! Looking codes up in the compiled-in catalog.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::entry::{byte_set, Str};
use crate::generated::{
    hash, CODES, CODE_PILOTS, CODE_ROWS, CODE_SEED, CODE_SHIFT, ENTRIES, PROVENANCE,
};
use crate::{Entry, Lang, Platform, Provenance, Source};

/// The entry for `code` in `source`'s namespace.
///
/// Looks up the row keyed by the code alone. For a China Unicom code that only exists with
/// messages (`2` + 请求超时), it returns the row when there is exactly one; otherwise use
/// [`lookup_with_msg`]. Never allocates.
///
/// ```
/// use numauth::{lookup, AuthOutcome, Source};
/// assert_eq!(lookup(Source::Pns, "600011").unwrap().outcome(), AuthOutcome::TokenFailed);
/// // The same number means something else in the fusion SDK.
/// assert_ne!(lookup(Source::Fusion, "600001").unwrap().outcome(), lookup(Source::Pns, "600001").unwrap().outcome());
/// assert!(lookup(Source::Pns, "999999").is_none());
/// ```
pub fn lookup(source: Source, code: &str) -> Option<&'static Entry> {
    CodeRows::of(code).lookup(source)
}

/// The entry for `code` in `source` as the SDK on `platform` means it.
///
/// Where a vendor's own documentation gives a code different meanings per platform
/// (JVerification's `1005` is "AppKey does not exist" on iOS but "package name and AppKey do not
/// match" on Android), the catalog keeps one row per platform; this picks the row for
/// `platform`. Without a row for it, the answer is [`lookup`]'s. Never allocates.
///
/// ```
/// use numauth::{lookup, lookup_on, Platform, Source};
/// let ios = lookup_on(Source::Pns, "600011", Platform::Ios).unwrap();
/// assert_eq!(ios, lookup(Source::Pns, "600011").unwrap());
/// ```
pub fn lookup_on(source: Source, code: &str, platform: Platform) -> Option<&'static Entry> {
    CodeRows::of(code).lookup_on(source, platform)
}

/// The row `lookup` answers with among a code's rows.
fn code_row(rows: &'static [Entry]) -> Option<&'static Entry> {
    match rows {
        [only] => Some(only),
        [first, ..] if first.matcher.is_none() => Some(first),
        _ => None,
    }
}

/// The entry for a code together with the message the SDK sent with it (`msg`), such as China
/// Unicom's `1` + 请求超时.
///
/// `msg` is NFKC-normalised first (vendor strings carry look-alikes such as the Kangxi radical
/// U+2F40 for 支) and a row matches when `msg` contains its zh or en text (ASCII case ignored);
/// the longest matching text wins. With no matching row, this is [`lookup`].
///
/// ```
/// use numauth::{lookup_with_msg, AuthOutcome, Source};
/// let entry = lookup_with_msg(Source::Cucc, "1", "请求超时(1)").unwrap();
/// assert_eq!(entry.outcome(), AuthOutcome::Timeout);
/// // Case and full-width letters do not matter.
/// let entry = lookup_with_msg(Source::Cucc, "1", "ＲＥＳＰＯＮＳＥ ＮＵＬＬ").unwrap();
/// assert_eq!(entry.match_text(numauth::Lang::En), Some("response null"));
/// ```
pub fn lookup_with_msg(source: Source, code: &str, msg: &str) -> Option<&'static Entry> {
    CodeRows::of(code).lookup_with_msg(source, msg)
}

/// Every meaning of a bare code across all sources, highest-ranked source first. Use it when
/// the source is not known: `600001` is a PNS page event but a fusion SMS event.
///
/// ```
/// use numauth::{candidates, Source};
/// let sources: Vec<Source> = candidates("600001").map(|e| e.source()).collect();
/// assert!(sources.contains(&Source::Pns) && sources.contains(&Source::Fusion));
/// assert_eq!(candidates("no such code").count(), 0);
/// ```
pub fn candidates(code: &str) -> impl ExactSizeIterator<Item = &'static Entry> + Clone {
    CodeRows::of(code).entries()
}

/// What `numauth explain` shows for a code: its meaning in `source` when given, else in every
/// source that knows it, highest-ranked source first. With the SDK's `msg`, each source's row
/// for that message ([`lookup_with_msg`]); without one, the code's row ([`lookup`], or its
/// first message row when it has only those) and, where a source documents the code per
/// platform, every other platform's row.
///
/// ```
/// use numauth::{meanings, Platform, Source};
/// let rows = meanings("600025", Some(Source::Pns), None);
/// let platforms: Vec<&[Platform]> = rows.iter().map(|e| e.platforms()).collect();
/// assert_eq!(platforms, [&[Platform::Android][..], &[Platform::Ios][..]]);
/// assert_eq!(meanings("1", Some(Source::Cucc), Some("请求超时")).len(), 1);
/// ```
pub fn meanings(code: &str, source: Option<Source>, msg: Option<&str>) -> Vec<&'static Entry> {
    let rows = CodeRows::of(code);
    let mut sources: Vec<Source> = match source {
        Some(s) => vec![s],
        None => rows.entries().map(Entry::source).collect(),
    };
    sources.dedup();
    let mut found = Vec::new();
    for s in sources {
        if let Some(m) = msg {
            found.extend(rows.lookup_with_msg(s, m));
            continue;
        }
        let first = rows
            .lookup(s)
            .or_else(|| rows.entries().find(|e| e.source == s));
        found.extend(first);
        found.extend(
            rows.entries()
                .filter(|e| e.source == s && e.matcher.is_none() && Some(*e) != first),
        );
    }
    found
}

/// Entries by their indices in `ENTRIES`.
#[derive(Clone)]
pub(crate) struct Rows(std::slice::Iter<'static, u16>);

impl Iterator for Rows {
    type Item = &'static Entry;

    fn next(&mut self) -> Option<&'static Entry> {
        // The generated indices are all in `ENTRIES`: nothing is skipped and the length is exact.
        self.0.by_ref().find_map(|&i| ENTRIES.get(usize::from(i)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Rows {}

/// Every entry of the catalog, sorted by source rank, then code.
///
/// ```
/// use numauth::{entries, Source};
/// assert!(entries().len() > 100);
/// assert!(entries().any(|e| e.source() == Source::Idaas));
/// ```
pub fn entries() -> std::slice::Iter<'static, Entry> {
    ENTRIES.iter()
}

/// Every document, SDK file and page that catalog rows come from.
///
/// ```
/// assert!(numauth::provenance_sources().iter().any(|p| p.id() == "AND_RC"));
/// ```
pub fn provenance_sources() -> &'static [Provenance] {
    &PROVENANCE
}

/// One slot of the generated code table `CODES`: a code and the span of its rows in `CODE_ROWS`.
/// A free slot holds the empty code with no rows, so it needs no case of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeSlot {
    pub(crate) code: Str,
    pub(crate) first: u16,
    pub(crate) count: u16,
}

/// One code's rows in every source, found with one hash of the code and then asked several
/// questions (which sources know it, its entry in a source, by message or not). The normaliser
/// asks several about each code it meets, and hashing the code for each was a visible cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeRows(&'static [u16]);

impl CodeRows {
    /// The rows of `code`: their indices in `ENTRIES`, in source rank order.
    pub(crate) fn of(code: &str) -> CodeRows {
        // A perfect hash: the code is in this slot or nowhere (see numauth-codegen's `emit/codes.rs`).
        let h = hash::code_hash(code.as_bytes(), CODE_SEED);
        let rows = CODES
            .get(hash::slot(h, &CODE_PILOTS, CODE_SHIFT))
            .filter(|slot| slot.code.get() == code)
            .and_then(|slot| {
                let first = usize::from(slot.first);
                CODE_ROWS.get(first..first + usize::from(slot.count))
            });
        CodeRows(rows.unwrap_or_default())
    }

    /// Every meaning of the code, highest-ranked source first ([`candidates`]).
    pub(crate) fn entries(self) -> Rows {
        Rows(self.0.iter())
    }

    /// Whether any source knows the code.
    pub(crate) fn any(self) -> bool {
        !self.0.is_empty()
    }

    /// Whether `source` knows the code at all (by itself or with a message).
    pub(crate) fn known_in(self, source: Source) -> bool {
        self.entries().any(|e| e.source == source)
    }

    /// The entry the code alone gives in `source` ([`lookup`]).
    pub(crate) fn lookup(self, source: Source) -> Option<&'static Entry> {
        code_row(self.in_source(source)?.1)
    }

    /// The entry the code alone gives in `source` on `platform` ([`lookup_on`]).
    pub(crate) fn lookup_on(self, source: Source, platform: Platform) -> Option<&'static Entry> {
        let (_, rows) = self.in_source(source)?;
        rows.iter()
            .take_while(|e| e.matcher.is_none())
            .find(|e| e.platforms().contains(&platform))
            .or_else(|| code_row(rows))
    }

    /// The entry for the code with the SDK's `msg` in `source` ([`lookup_with_msg`]).
    pub(crate) fn lookup_with_msg(self, source: Source, msg: &str) -> Option<&'static Entry> {
        let (first, rows) = self.in_source(source)?;
        matched_row(first, rows, msg)
            .or_else(|| platform_row(rows, msg))
            .or_else(|| code_row(rows))
    }

    /// The message row of the code in `source` that `msg` matches, if one does: unlike
    /// [`Self::lookup_with_msg`], never the code's only row when the message is another
    /// (China Unicom's `2` is 请求超时; Yidun's `2` 非网关 is not China Unicom's).
    pub(crate) fn matched(self, source: Source, msg: &str) -> Option<&'static Entry> {
        let (first, rows) = self.in_source(source)?;
        matched_row(first, rows, msg)
    }

    /// The entry in `source`, by the SDK's `msg` when there is one.
    pub(crate) fn find(self, source: Source, msg: Option<&str>) -> Option<&'static Entry> {
        match msg {
            Some(msg) => self.lookup_with_msg(source, msg),
            None => self.lookup(source),
        }
    }

    /// The zh meanings, in NFKC form, of the code's rows in `source` keyed by the code alone
    /// (one, or one per platform).
    pub(crate) fn code_meanings(self, source: Source) -> impl Iterator<Item = &'static str> {
        let forms = zh_forms();
        self.0.iter().filter_map(move |&i| {
            let i = usize::from(i);
            let e = ENTRIES.get(i)?;
            let form = forms
                .get(i)
                .filter(|_| e.source == source && e.matcher.is_none());
            form.map(|f| &**f)
        })
    }

    /// All rows of the code in `source`: the code-only row first, then message rows; with the
    /// index in `ENTRIES` of the first.
    fn in_source(self, source: Source) -> Option<(usize, &'static [Entry])> {
        // A source's rows of a code are consecutive both here and in `ENTRIES`.
        let in_source = |&i: &u16| ENTRIES.get(usize::from(i)).map(|e| e.source) == Some(source);
        let mut found = self.0.iter().skip_while(|i| !in_source(i));
        let start = usize::from(*found.next()?);
        let len = 1 + found.take_while(|i| in_source(i)).count();
        Some((start, ENTRIES.get(start..start + len)?))
    }
}

/// Whether a message's [`byte_set`] pays for itself: a few rows are searched for faster than
/// the message's bytes are gathered. (Speed only: either way gives the same row.)
fn worth_a_byte_set(rows: &[Entry]) -> bool {
    rows.len() > 3
}

/// Among a code's `rows` in one source (the first at index `first` of `ENTRIES`), the message
/// row whose text `msg` holds: the longest such text wins.
fn matched_row(first: usize, rows: &'static [Entry], msg: &str) -> Option<&'static Entry> {
    // Most codes have no message rows: no need to normalise the message for them.
    if rows.iter().all(|e| e.matcher.is_none()) {
        return None;
    }
    let msg = nfkc(msg);
    let bytes = if worth_a_byte_set(rows) {
        byte_set(&msg)
    } else {
        u64::MAX
    };
    let keys = key_sets().get(first..).unwrap_or_default();
    let mut best: Option<(usize, &'static Entry)> = None;
    for (entry, &keys) in rows.iter().zip(keys) {
        // Most rows have a byte in each key that the message lacks: skipped here.
        if keys.iter().all(|&key| key & !bytes != 0) {
            continue;
        }
        let found = entry.matcher.as_ref();
        if let Some(len) = found.and_then(|m| m.matched_len(&msg, bytes, keys)) {
            if best.is_none_or(|(best_len, _)| len > best_len) {
                best = Some((len, entry));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// Of a code's rows per platform (JVerification's 2018, a plugin's 500001), the one whose zh
/// or en text `msg` holds, blanks and ASCII case aside (`…operator,operator sdk…` is iOS's
/// `…operator, operator sdk…`): the longest such text wins, the first of a tie. `None` for a
/// code with one code row, as almost every code has.
fn platform_row(rows: &'static [Entry], msg: &str) -> Option<&'static Entry> {
    let code_rows = rows.iter().take_while(|e| e.matcher.is_none());
    code_rows.clone().nth(1)?;
    let squeeze = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let msg = squeeze(&nfkc(msg));
    let held = |e: &Entry| {
        [Lang::Zh, Lang::En]
            .map(|l| squeeze(e.message(l)))
            .into_iter()
            .filter(|t| msg.contains(t.as_str()))
            .map(|t| t.len())
            .max()
    };
    let mut best: Option<(usize, &'static Entry)> = None;
    for (len, e) in code_rows.filter_map(|e| held(e).map(|len| (len, e))) {
        if best.is_none_or(|(best_len, _)| len > best_len) {
            best = Some((len, e));
        }
    }
    best.map(|(_, e)| e)
}

/// The [`byte_set`]s of every entry's message keys (zh, en), by index in `ENTRIES`, made on
/// first use. An empty key, or a row without a message, has every bit set: it fits no message
/// (only "not worth computing", `u64::MAX`, lets it through, and then finds nothing).
pub(crate) fn key_sets() -> &'static [[u64; 2]] {
    static SETS: OnceLock<Box<[[u64; 2]]>> = OnceLock::new();
    SETS.get_or_init(|| {
        let set = |key: Str| match key.get() {
            "" => u64::MAX,
            key => byte_set(key),
        };
        let sets = |m: &crate::entry::Matcher| [set(m.zh_key), set(m.en_key)];
        ENTRIES
            .iter()
            .map(|e| e.matcher.as_ref().map_or([u64::MAX; 2], sets))
            .collect()
    })
}

/// Every entry's zh meaning in NFKC form, as messages are compared with it, by index in
/// `ENTRIES`, made on first use: telling a number's readings apart compares a message with
/// them on every callback of such a number.
fn zh_forms() -> &'static [Cow<'static, str>] {
    static FORMS: OnceLock<Box<[Cow<'static, str>]>> = OnceLock::new();
    FORMS.get_or_init(|| ENTRIES.iter().map(|e| nfkc(e.message(Lang::Zh))).collect())
}

/// NFKC form of `text`, borrowed when it is already normalised (always for ASCII).
pub(crate) fn nfkc(text: &str) -> Cow<'_, str> {
    // ASCII and the CJK Unified Ideographs (U+4E00..U+9FFF) are their own NFKC form: vendor
    // messages are made of them, and the table lookup per character costs more than the rest of
    // a message's parsing. Anything else (fullwidth forms, the ideographic space) is checked.
    if ascii_or_cjk(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => {
            // NFKC rarely grows a text: one allocation instead of one per doubling.
            let mut out = String::with_capacity(text.len());
            out.extend(text.nfkc());
            Cow::Owned(out)
        }
    }
}

/// Whether the UTF-8 `bytes` are all ASCII or U+4E00..U+9FFF, read a byte at a time rather
/// than decoded: those ideographs are the three-byte sequences led by `E5`..`E9`, or by `E4`
/// with a second byte from `B8` (callgrind: a third of decoding the characters).
fn ascii_or_cjk(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0x00..=0x7f => 1,
            0xe5..=0xe9 => 3,
            0xe4 if bytes.get(i + 1).is_some_and(|&c| c >= 0xb8) => 3,
            _ => return false,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The code table answers as a plain scan of `ENTRIES` does: each code's rows in order, and
    /// no rows for a code the catalog does not have (near misses included).
    #[test]
    fn code_table_agrees_with_a_scan_of_the_entries() {
        let mut scan: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        for (i, e) in ENTRIES.iter().enumerate() {
            let i = u16::try_from(i).expect("entries are numbered in u16");
            scan.entry(e.code.get()).or_default().push(i);
        }
        for (code, rows) in &scan {
            assert_eq!(CodeRows::of(code).0, rows.as_slice(), "{code}");
            let mut shorter = code.to_string();
            shorter.pop();
            for miss in [format!("{code}9"), format!(" {code}"), shorter] {
                if !scan.contains_key(miss.as_str()) {
                    assert!(CodeRows::of(&miss).0.is_empty(), "{miss:?}");
                }
            }
        }
        assert!(CodeRows::of("").0.is_empty());
    }

    /// Every entry's key sets are its keys' byte sets, by its index; all bits for an empty key
    /// or a row without a message.
    #[test]
    fn key_sets_follow_the_entries() {
        let sets = key_sets();
        assert_eq!(sets.len(), ENTRIES.len());
        let set = |key: Str| {
            Some(key.get())
                .filter(|k| !k.is_empty())
                .map_or(u64::MAX, byte_set)
        };
        for (e, got) in ENTRIES.iter().zip(sets) {
            let want = e
                .matcher
                .as_ref()
                .map_or([u64::MAX; 2], |m| [set(m.zh_key), set(m.en_key)]);
            assert_eq!(*got, want, "{:?}", e.code);
        }
        // Every message row has a key in some language.
        let with_keys = sets.iter().filter(|s| **s != [u64::MAX; 2]).count();
        assert_eq!(
            with_keys,
            ENTRIES.iter().filter(|e| e.matcher.is_some()).count()
        );
        assert!(with_keys > 20, "{with_keys}");
    }

    /// The shortcut in `nfkc` holds: every CJK Unified Ideograph is its own NFKC form, and what
    /// lies outside the shortcut is still normalised.
    #[test]
    fn nfkc_shortcut_only_skips_what_nfkc_keeps() {
        for c in '\u{4e00}'..='\u{9fff}' {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "U+{:04X}", u32::from(c));
        }
        assert_eq!(nfkc("网关IP错误"), Cow::Borrowed("网关IP错误"));
        assert_eq!(nfkc("错误\u{3000}１０３"), "错误 103");
        assert_eq!(nfkc("ｃｏｄｅ：1105"), "code:1105");
    }

    /// The byte test takes exactly ASCII and U+4E00..U+9FFF, alone and after another character.
    #[test]
    fn ascii_or_cjk_takes_exactly_the_shortcut_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let expected = c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c);
            for text in [c.to_string(), format!("蜂{c}"), format!("{c}a")] {
                assert_eq!(
                    ascii_or_cjk(text.as_bytes()),
                    expected,
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
        assert!(ascii_or_cjk(b""));
    }
}
