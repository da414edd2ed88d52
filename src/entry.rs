//! One row of the catalog, and where it came from.
//!
//! The generated tables hold no pointers: a string is a [`Str`], the number of one string of
//! `STRINGS`, and a list is a [`Span`] of a static array. In a position-independent binary every
//! pointer in a static costs a 24-byte dynamic relocation on top of its 16 bytes, which made the
//! catalog more than twice its budget of 150 KiB in a stripped binary.

use std::fmt;
use std::num::NonZeroU16;

use crate::generated::{PLATFORM_LISTS, PROVENANCE_LISTS, STRINGS, STRING_ENDS, TRANSLATED_LISTS};
use crate::{
    Action, Actor, AuthOutcome, Category, Lang, Platform, ProvenanceKind, Source, Text, Translated,
};

/// A string of the catalog: `Str::new(n)` is the `n`th string of `STRINGS` (counting from 0).
/// Two bytes, and `Option<Str>` too.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Str(NonZeroU16);

impl Str {
    /// The `index`th string. Stored plus one, so that `None` fits in an `Option<Str>`'s two bytes;
    /// the generator never numbers 65535 strings or more.
    pub(crate) const fn new(index: u16) -> Str {
        Str(NonZeroU16::MIN.saturating_add(index))
    }

    /// The text; empty only for the empty string (or a number the tables do not have).
    pub(crate) fn get(self) -> &'static str {
        // The string numbered `n - 1` runs from `STRING_ENDS[n - 1]` to `STRING_ENDS[n]`.
        let n = usize::from(self.0.get());
        match STRING_ENDS.get(n - 1..=n) {
            Some(&[start, end]) => STRINGS
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => "",
        }
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

/// A text in both languages, as catalog strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) zh: Str,
    pub(crate) en: Str,
}

impl Pair {
    pub(crate) fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh.get(),
            Lang::En => self.en.get(),
        }
    }

    /// Both texts, for `Debug` and serialization.
    pub(crate) fn text(self) -> Text {
        Text {
            zh: self.zh.get(),
            en: self.en.get(),
        }
    }
}

/// `len` items from `at` of one of the generated list arrays (`PLATFORM_LISTS` ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) at: u16,
    pub(crate) len: u16,
}

impl Span {
    /// The items in `all`; empty if the span is out of it.
    fn of<T>(self, all: &'static [T]) -> &'static [T] {
        let at = usize::from(self.at);
        all.get(at..at + usize::from(self.len)).unwrap_or_default()
    }
}

/// What the catalog knows about one code of one source (for China Unicom, one code and message).
///
/// Entries are `'static`: they live in the compiled-in catalog and cost nothing to hand out.
///
/// ```
/// use numauth::{lookup, Action, Actor, Category, Lang, Source};
/// let entry = lookup(Source::Cmcc, "103119").unwrap();
/// assert_eq!(entry.source(), Source::Cmcc);
/// assert_eq!(entry.code(), "103119");
/// assert_eq!(entry.category(), Category::Failure);
/// assert_eq!(entry.actor(), Actor::Developer);
/// assert_eq!(entry.action(), Action::FixConfiguration);
/// assert!(entry.message(Lang::Zh).contains("appid") || entry.message(Lang::Zh).contains("AppID"));
/// assert!(!entry.provenance().is_empty());
/// ```
#[derive(PartialEq, Eq)]
pub struct Entry {
    pub(crate) source: Source,
    pub(crate) code: Str,
    pub(crate) matcher: Option<Matcher>,
    pub(crate) meaning: Pair,
    pub(crate) outcome: AuthOutcome,
    pub(crate) action: Action,
    pub(crate) actor: Actor,
    pub(crate) retryable: bool,
    pub(crate) suggestion: Option<Pair>,
    /// Of `PLATFORM_LISTS`.
    pub(crate) platforms: Span,
    pub(crate) since: Option<Str>,
    pub(crate) until: Option<Str>,
    pub(crate) http_status: Option<u16>,
    pub(crate) carrier: Option<crate::Carrier>,
    /// Of `TRANSLATED_LISTS`.
    pub(crate) translated: Span,
    /// Of `PROVENANCE_LISTS`.
    pub(crate) provenance: Span,
    pub(crate) note: Option<Str>,
}

/// The message a `code + message` row is keyed by, as written and in matching form.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Matcher {
    pub(crate) zh: Option<Str>,
    pub(crate) en: Option<Str>,
    /// NFKC, ASCII-lower-cased; empty when the language is absent.
    pub(crate) zh_key: Str,
    pub(crate) en_key: Str,
}

impl Matcher {
    /// The length of the longest key found in `message` (already NFKC-normalised), if any.
    /// `bytes` is the message's [`byte_set`] (or `u64::MAX` where that is not worth computing)
    /// and `keys` those of the zh and en keys: a key with a byte the message lacks is not
    /// searched for, nor even read.
    pub(crate) fn matched_len(&self, message: &str, bytes: u64, keys: [u64; 2]) -> Option<usize> {
        let found = |key: Str, set: u64| {
            if set & !bytes != 0 {
                return None;
            }
            let key = key.get();
            (!key.is_empty() && contains_ignore_ascii_case(message, key)).then_some(key.len())
        };
        // Both tried, the longer wins: as many rows as a code has are tried for each message.
        found(self.zh_key, keys[0]).max(found(self.en_key, keys[1]))
    }
}

/// The bytes of a text as a set of 64, each byte by its low six bits with ASCII capitals
/// lowered first: a text holds a key (ignoring ASCII case) only if it holds each of its bytes.
/// In a Chinese key most bytes are trailing bytes of characters, which vary, so a message rules
/// out most keys it does not hold (China Unicom's `1` has 27 message rows, each tried on every
/// `1`).
pub(crate) fn byte_set(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| set | byte_bit(b))
}

fn byte_bit(b: u8) -> u64 {
    1 << (b.to_ascii_lowercase() & 63)
}

/// `needle` must already be ASCII-lower-cased. Byte-wise, so it never allocates; a match of a
/// valid UTF-8 needle in valid UTF-8 text always falls on character boundaries. Each position
/// is first tested on the needle's first byte alone.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    let Some(last_start) = h.len().checked_sub(n.len()) else {
        return false;
    };
    let upper = first.to_ascii_uppercase();
    h.get(..=last_start)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .any(|(i, &c)| {
            (c == first || c == upper)
                && h.get(i + 1..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(rest))
        })
}

impl Entry {
    /// The source whose namespace the code belongs to.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert_eq!(lookup(Source::Ctcc, "-8004").unwrap().source(), Source::Ctcc);
    /// ```
    pub fn source(&self) -> Source {
        self.source
    }

    /// The code, exactly as the SDK returns it.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert_eq!(lookup(Source::Dypns, "isv.TOKEN_INVALID").unwrap().code(), "isv.TOKEN_INVALID");
    /// ```
    pub fn code(&self) -> &'static str {
        self.code.get()
    }

    /// For a row keyed by code and message (China Unicom `1` + message), the message text it
    /// matches in `lang`, if the vendor gives one in that language.
    ///
    /// ```
    /// use numauth::{lookup_with_msg, Lang, Source};
    /// let entry = lookup_with_msg(Source::Cucc, "1", "请求超时").unwrap();
    /// assert_eq!(entry.match_text(Lang::Zh), Some("请求超时"));
    /// ```
    pub fn match_text(&self, lang: Lang) -> Option<&'static str> {
        let m = self.matcher.as_ref()?;
        match lang {
            Lang::Zh => m.zh,
            Lang::En => m.en,
        }
        .map(Str::get)
    }

    /// Whether the row is keyed by code and message rather than by code alone.
    ///
    /// ```
    /// use numauth::{lookup, lookup_with_msg, Source};
    /// assert!(!lookup(Source::Pns, "600011").unwrap().is_message_row());
    /// assert!(lookup_with_msg(Source::Cucc, "1", "请求超时").unwrap().is_message_row());
    /// ```
    pub fn is_message_row(&self) -> bool {
        self.matcher.is_some()
    }

    /// The vendor's meaning of the code, in `lang`.
    ///
    /// ```
    /// use numauth::{lookup, Lang, Source};
    /// let entry = lookup(Source::Pns, "600011").unwrap();
    /// assert!(entry.message(Lang::Zh).contains("失败"));
    /// assert!(entry.message(Lang::En).to_lowercase().contains("token"));
    /// ```
    pub fn message(&self, lang: Lang) -> &'static str {
        self.meaning.get(lang)
    }

    /// The vendor's own advice (操作建议), in `lang`, where the vendor gives one.
    ///
    /// ```
    /// use numauth::{entries, Lang};
    /// assert!(entries().any(|e| e.suggestion(Lang::En).is_some()));
    /// ```
    pub fn suggestion(&self, lang: Lang) -> Option<&'static str> {
        self.suggestion.map(|s| s.get(lang))
    }

    /// The outcome the code maps to.
    ///
    /// ```
    /// use numauth::{lookup, AuthOutcome, Source};
    /// assert_eq!(lookup(Source::Pns, "600007").unwrap().outcome(), AuthOutcome::NoSimCard);
    /// ```
    pub fn outcome(&self) -> AuthOutcome {
        self.outcome
    }

    /// The recommended next step: the outcome's default unless the catalog overrides it for
    /// this code.
    ///
    /// ```
    /// use numauth::{lookup, Action, Source};
    /// assert_eq!(lookup(Source::Pns, "600008").unwrap().action(), Action::EnableMobileData);
    /// ```
    pub fn action(&self) -> Action {
        self.action
    }

    /// Who must act: the outcome's actor unless the catalog overrides it for this code.
    ///
    /// ```
    /// use numauth::{lookup, Actor, Source};
    /// assert_eq!(lookup(Source::Pns, "600000").unwrap().actor(), Actor::None);
    /// ```
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The outcome's category.
    ///
    /// ```
    /// use numauth::{lookup, Category, Source};
    /// assert_eq!(lookup(Source::Pns, "700000").unwrap().category(), Category::Cancelled);
    /// ```
    pub fn category(&self) -> Category {
        self.outcome.category()
    }

    /// Whether the same call can succeed later without a code or configuration change: the
    /// outcome's answer unless the catalog overrides it for this code.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert!(lookup(Source::Pns, "600015").unwrap().retryable());
    /// ```
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    /// The platforms the code exists on, when not all of the source's; empty otherwise.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert!(lookup(Source::Pns, "600011").unwrap().platforms().is_empty());
    /// ```
    pub fn platforms(&self) -> &'static [Platform] {
        self.platforms.of(&PLATFORM_LISTS)
    }

    /// The first SDK version with the code, where known.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert!(lookup(Source::Pns, "600018").unwrap().since().is_some());
    /// ```
    pub fn since(&self) -> Option<&'static str> {
        self.since.map(Str::get)
    }

    /// The first SDK version without the code, for codes that were removed.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert_eq!(lookup(Source::Pns, "600011").unwrap().until(), None);
    /// ```
    pub fn until(&self) -> Option<&'static str> {
        self.until.map(Str::get)
    }

    /// The HTTP status that comes with the code (IDaaS back end).
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// assert_eq!(lookup(Source::Idaas, "IDAAS.SDK.COMMON.1008").unwrap().http_status(), Some(500));
    /// ```
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The carrier whose errors this code reports, for a vendor code that wraps one carrier's
    /// failures (GeeTest `-40101`: China Mobile's; its cause is read in that carrier's table).
    ///
    /// ```
    /// use numauth::{lookup, Carrier, Source};
    /// assert_eq!(lookup(Source::Onelogin, "-40101").unwrap().carrier(), Some(Carrier::Cmcc));
    /// assert_eq!(lookup(Source::Pns, "600011").unwrap().carrier(), None);
    /// ```
    pub fn carrier(&self) -> Option<crate::Carrier> {
        self.carrier
    }

    /// Which texts numauth translated because the vendor gives none in that language.
    ///
    /// ```
    /// use numauth::{lookup, Source, Translated};
    /// let entry = lookup(Source::Pns, "600000").unwrap();
    /// assert!(!entry.translated().contains(&Translated::Zh));
    /// ```
    pub fn translated(&self) -> &'static [Translated] {
        self.translated.of(&TRANSLATED_LISTS)
    }

    /// Every source this row comes from, most trusted kinds included as given.
    ///
    /// ```
    /// use numauth::{lookup, Source};
    /// let ids: Vec<&str> = lookup(Source::Pns, "600011").unwrap().provenance().iter().map(|p| p.id()).collect();
    /// assert!(ids.contains(&"IOS_HDR"));
    /// ```
    pub fn provenance(&self) -> &'static [&'static Provenance] {
        self.provenance.of(&PROVENANCE_LISTS)
    }

    /// Why a choice was made where sources disagree, or what is uncertain.
    ///
    /// ```
    /// use numauth::entries;
    /// assert!(entries().any(|e| e.note().is_some()));
    /// ```
    pub fn note(&self) -> Option<&'static str> {
        self.note.map(Str::get)
    }
}

/// `source code` (and `[message]` for message rows), e.g. `pns 600011`.
impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.source, self.code())?;
        if let Some(m) = &self.matcher {
            write!(f, " [{}]", m.zh.or(m.en).map(Str::get).unwrap_or_default())?;
        }
        Ok(())
    }
}

/// Every field as text, as if the entry held its strings and lists itself.
impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("source", &self.source)
            .field("code", &self.code)
            .field("matcher", &self.matcher)
            .field("meaning", &self.meaning.text())
            .field("outcome", &self.outcome)
            .field("action", &self.action)
            .field("suggestion", &self.suggestion.map(Pair::text))
            .field("platforms", &self.platforms())
            .field("since", &self.since)
            .field("until", &self.until)
            .field("http_status", &self.http_status)
            .field("carrier", &self.carrier)
            .field("translated", &self.translated())
            .field("provenance", &self.provenance())
            .field("note", &self.note)
            .finish()
    }
}

/// A document, SDK file or page that catalog rows come from.
///
/// ```
/// use numauth::{provenance_sources, ProvenanceKind};
/// let header = provenance_sources().iter().find(|p| p.id() == "IOS_HDR").unwrap();
/// assert_eq!(header.kind(), ProvenanceKind::SdkHeader);
/// assert!(header.location().contains("PNSReturnCode.h"));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Provenance {
    pub(crate) id: Str,
    pub(crate) kind: ProvenanceKind,
    pub(crate) title: Str,
    pub(crate) location: Str,
}

impl Provenance {
    /// The stable id, e.g. `IOS_HDR`.
    ///
    /// ```
    /// assert!(numauth::provenance_sources().iter().any(|p| p.id() == "SEED000"));
    /// ```
    pub fn id(&self) -> &'static str {
        self.id.get()
    }

    /// How far it can be trusted.
    ///
    /// ```
    /// use numauth::ProvenanceKind;
    /// assert!(numauth::provenance_sources().iter().any(|p| p.kind() == ProvenanceKind::Seed));
    /// ```
    pub fn kind(&self) -> ProvenanceKind {
        self.kind
    }

    /// What it is.
    ///
    /// ```
    /// assert!(numauth::provenance_sources().iter().all(|p| !p.title().is_empty()));
    /// ```
    pub fn title(&self) -> &'static str {
        self.title.get()
    }

    /// Where it is: a URL, or a repository, commit and path.
    ///
    /// ```
    /// assert!(numauth::provenance_sources().iter().all(|p| !p.location().is_empty()));
    /// ```
    pub fn location(&self) -> &'static str {
        self.location.get()
    }
}

#[cfg(feature = "serde")]
mod serialize {
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::{Entry, Matcher, Provenance};

    /// The export shape (`numauth export --format json`): fields that are absent are left out.
    impl Serialize for Entry {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("source", &self.source)?;
            map.serialize_entry("code", self.code())?;
            if let Some(m) = &self.matcher {
                map.serialize_entry("match", m)?;
            }
            map.serialize_entry("message", &self.meaning.text())?;
            map.serialize_entry("outcome", &self.outcome)?;
            map.serialize_entry("category", &self.category())?;
            map.serialize_entry("actor", &self.actor())?;
            map.serialize_entry("retryable", &self.retryable())?;
            map.serialize_entry("action", &self.action)?;
            if let Some(s) = self.suggestion {
                map.serialize_entry("suggestion", &s.text())?;
            }
            if let Some(status) = self.http_status {
                map.serialize_entry("http_status", &status)?;
            }
            if let Some(carrier) = self.carrier {
                map.serialize_entry("carrier", &carrier)?;
            }
            if !self.platforms().is_empty() {
                map.serialize_entry("platforms", self.platforms())?;
            }
            if let Some(v) = self.since() {
                map.serialize_entry("since", v)?;
            }
            if let Some(v) = self.until() {
                map.serialize_entry("until", v)?;
            }
            let ids: Vec<&str> = self.provenance().iter().map(|p| p.id()).collect();
            map.serialize_entry("provenance", &ids)?;
            if !self.translated().is_empty() {
                map.serialize_entry("translated", self.translated())?;
            }
            if let Some(note) = self.note() {
                map.serialize_entry("note", note)?;
            }
            map.end()
        }
    }

    impl Serialize for Matcher {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            if let Some(zh) = self.zh {
                map.serialize_entry("zh", zh.get())?;
            }
            if let Some(en) = self.en {
                map.serialize_entry("en", en.get())?;
            }
            map.end()
        }
    }

    impl Serialize for Provenance {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(4))?;
            map.serialize_entry("id", self.id())?;
            map.serialize_entry("kind", &self.kind)?;
            map.serialize_entry("title", self.title())?;
            map.serialize_entry("where", self.location())?;
            map.end()
        }
    }
}

#[cfg(test)]
mod tests;
