//! Which field of a callback a payload key carries, and which source it points at. The keys and
//! their roles are data (`keys:` in `data/sources.yaml`), compiled into `KEYS_BY_LEN`; this
//! module looks a key up in them.

use crate::generated::{CARRIER_VALUES, KEYS_BY_LEN, KEY_NAMES};
use crate::Source;

/// What a payload key carries. The keys and their roles are data (`keys:` in
/// `data/sources.yaml`), compiled into `KEYS_BY_LEN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A code key, by rank (lower wins); `true` when only a number counts.
    Code(u8, bool),
    /// A message key, by rank.
    Msg(u8),
    InnerCode,
    InnerMsg,
    CarrierData,
    /// The carrier's name; the index of the key's other carrier values in `CARRIER_VALUES`
    /// (0: none).
    Vendor(u8),
    /// A request id key, by rank.
    RequestId(u8),
    /// The IDaaS SDK's `data`.
    Data,
    /// No field of its own (it may still mark a source).
    Other,
}

/// A key's role and the source its presence points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyRole {
    pub(crate) role: Role,
    pub(crate) marks: Option<Source>,
}

/// The carrier a carrier key's value names by the key's own numbering (Getui's
/// `operatorType` `3`), when its name does not.
pub(super) fn carrier_value(role: Role, value: &str) -> Option<crate::Carrier> {
    let Role::Vendor(at) = role else { return None };
    let values = CARRIER_VALUES.get(usize::from(at))?;
    let value = value.trim();
    values.iter().find(|(v, _)| *v == value).map(|&(_, c)| c)
}

/// A folded key name and its role: one row of the generated `KEYS_BY_LEN`.
pub(crate) type KeyEntry = ([u64; 3], KeyRole);

pub(super) const NO_ROLE: KeyRole = KeyRole {
    role: Role::Other,
    marks: None,
};

// A field under a key with a role is kept without its key's secret check (`fields.rs`), so no
// such key may name a secret. Adding one to `keys:` fails the build here.
const _: () = assert!(
    !super::secret::any_names_secret(&KEY_NAMES),
    "a key of `keys:` in data/sources.yaml names a secret (token, access code, phone...): \
     such a field must stay in `extra` and be redacted, so it cannot have a role"
);

/// The role of a key: ASCII letters and digits only, case ignored (`result_code`, `ResultCode`
/// and `\"resultCode\"` are one key).
pub(super) fn role(key: &str) -> KeyRole {
    // Most keys are plain names, looked up as they are. A name holds only letters and digits,
    // so a key with separators can only miss here; it is then looked up without them.
    let found = named_role(key.as_bytes());
    if found != NO_ROLE || key.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return found;
    }
    let mut buf = [0u8; 32];
    let mut n = 0;
    for c in key.bytes().filter(u8::is_ascii_alphanumeric) {
        let Some(slot) = buf.get_mut(n) else {
            return NO_ROLE;
        };
        *slot = c;
        n += 1;
    }
    named_role(buf.get(..n).unwrap_or_default())
}

// The key names with a role are grouped by length (index = length) in the generated
// `KEYS_BY_LEN`. This runs for every key of every payload, and comparing each key with every
// name in turn was one of the normaliser's largest costs (BENCHMARKS.md). So a key is folded
// once into three words, then compared a word at a time with the few names of its length.

/// The role of a name of letters and digits, any case.
pub(super) fn named_role(key: &[u8]) -> KeyRole {
    let Some(names) = KEYS_BY_LEN.get(key.len()) else {
        return NO_ROLE;
    };
    // Compared word by word: comparing the arrays as wholes had the folded key written to the
    // stack and read back in one wider load, which waits for the writes (no store forwarding).
    let [a, b, c] = fold(key);
    names
        .iter()
        .find(|([x, y, z], _)| (a ^ x) | (b ^ y) | (c ^ z) == 0)
        .map_or(NO_ROLE, |&(_, role)| role)
}

/// A key of up to 24 bytes as three words, with bit 0x20 set in every byte.
///
/// Setting bit 0x20 lowercases an ASCII capital and leaves a small letter as it is, and no
/// other byte becomes a small letter by it. So a key folds like a name of small letters of its
/// length exactly when it is that name in any case. Every byte is in some word (words may
/// overlap), at a place that depends only on the length, so keys of one length fold alike
/// only when their bytes are alike. Longer keys fold to their first 16 and last 8 bytes.
pub(crate) const fn fold(b: &[u8]) -> [u64; 3] {
    const CASE_BITS: u64 = 0x2020_2020_2020_2020;
    let n = b.len();
    let words = if n < 4 {
        // Bytes past the end are zero: keys of one length have them in the same places.
        let mut word = 0;
        let mut i = 0;
        while i < n {
            word |= (b[i] as u64) << (8 * i);
            i += 1;
        }
        [word, 0, 0]
    } else if n < 8 {
        [word4(b, 0) | word4(b, n - 4) << 32, 0, 0]
    } else if n <= 16 {
        [word8(b, 0), word8(b, n - 8), 0]
    } else {
        [word8(b, 0), word8(b, 8), word8(b, n - 8)]
    };
    [
        words[0] | CASE_BITS,
        words[1] | CASE_BITS,
        words[2] | CASE_BITS,
    ]
}

/// The four bytes of `b` from `at`, little-endian (0 past the end, which callers avoid).
pub(super) const fn word4(b: &[u8], at: usize) -> u64 {
    match b.split_at_checked(at) {
        Some((_, rest)) => match rest.first_chunk::<4>() {
            Some(bytes) => u32::from_le_bytes(*bytes) as u64,
            None => 0,
        },
        None => 0,
    }
}

/// The eight bytes of `b` from `at`, little-endian (0 past the end, which callers avoid).
pub(super) const fn word8(b: &[u8], at: usize) -> u64 {
    match b.split_at_checked(at) {
        Some((_, rest)) => match rest.first_chunk::<8>() {
            Some(bytes) => u64::from_le_bytes(*bytes),
            None => 0,
        },
        None => 0,
    }
}

/// Whether `word` (not empty) is in `text`, ASCII case ignored.
pub(crate) fn contains_ci(text: &str, word: &str) -> bool {
    let word = word.as_bytes();
    let Some(first) = word.first() else {
        return true;
    };
    // The first byte alone rules out almost every window: compared before the whole word
    // (with `request_id`'s gate, a log line's patterns cost 10% fewer instructions; callgrind).
    text.as_bytes().windows(word.len()).any(|w| {
        w.first().is_some_and(|c| c.eq_ignore_ascii_case(first)) && w.eq_ignore_ascii_case(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_ignore_case_and_separators() {
        assert_eq!(role("result_code").role, Role::Code(1, false));
        assert_eq!(role("\\\"ResultCode\\\"").role, Role::Code(1, false));
        assert_eq!(role("carrierFailedResultData").role, Role::CarrierData);
        assert_eq!(role("carrierFailedResultData").marks, Some(Source::Pns));
        assert_eq!(
            role("a_very_long_key_that_does_not_fit_the_buffer"),
            NO_ROLE
        );
    }

    #[test]
    fn keys_sit_at_their_length_once_each() {
        for (len, keys) in KEYS_BY_LEN.iter().enumerate() {
            for (i, (folded, _)) in keys.iter().enumerate() {
                let same = keys.iter().filter(|(f, _)| f == folded).count();
                assert_eq!(same, 1, "length {len}, key {i} is listed twice");
            }
        }
        assert!(KEYS_BY_LEN.iter().map(|k| k.len()).sum::<usize>() > 40);
    }

    #[test]
    fn folding_ignores_case_and_only_case() {
        for b in 0..=u8::MAX {
            for l in b'a'..=b'z' {
                assert_eq!(
                    fold(&[b]) == fold(&[l]),
                    b.to_ascii_lowercase() == l,
                    "byte {b:#04x} against {}",
                    char::from(l)
                );
            }
        }
        assert_eq!(
            fold(b"CarrierFailedResultData"),
            fold(b"carrierfailedresultdata")
        );
        // One byte changed at any place of a name of any length tells the keys apart.
        let name = b"carrierfailedresultdatax";
        for len in 1..=name.len() {
            for at in 0..len {
                for other in [b'_', b'Y', b'0', 0x80] {
                    let mut key = name[..len].to_vec();
                    if key[at].eq_ignore_ascii_case(&other) {
                        continue;
                    }
                    key[at] = other;
                    assert_ne!(fold(&key), fold(&name[..len]), "{len} {at} {other}");
                }
            }
        }
    }

    #[test]
    fn keys_from_the_data_have_their_roles() {
        // Written out here from data/sources.yaml, so that a changed table is noticed.
        let expected = [
            ("code", Role::Code(0, false)),
            ("result", Role::Code(3, true)),
            ("retCode", Role::Code(4, false)),
            ("err_code", Role::Code(5, false)),
            ("resultMsg", Role::Msg(1)),
            ("innerDesc", Role::InnerMsg),
            ("vendorCode", Role::InnerCode),
            ("operatorType", Role::Vendor(1)),
            ("operator", Role::Vendor(0)),
            ("reqId", Role::RequestId(1)),
            ("process_id", Role::RequestId(3)),
            ("data", Role::Data),
            ("templateId", Role::Other),
            ("codes", Role::Other),
        ];
        for (key, want) in expected {
            assert_eq!(role(key).role, want, "{key}");
        }
        assert_eq!(role("templateId").marks, Some(Source::Fusion));
        assert_eq!(role("seq").marks, Some(Source::Cucc));
        assert_eq!(role("gyuid").marks, Some(Source::Geyan));
        assert_eq!(role("operator").marks, None);
    }
}
