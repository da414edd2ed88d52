//! The code table: every code of every source → the span of its rows, as a static perfect-hash
//! table that numauth reads with the functions of `hash.rs` (emitted beside it).
//!
//! Hash and displace (the scheme of CHD and PTHash): a code's hash picks a bucket, and each
//! bucket gets the first displacement ("pilot") that sends all its codes to free slots. Buckets
//! are placed largest first. A lookup is one hash, one pilot, one slot and one key comparison;
//! nothing of phf is emitted, so no crate's layout or features are involved.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::hash::{bucket, code_hash, displaced, slot};
use super::interned::Strings;
use super::lit;

/// The text of `hash.rs`, compiled again inside the generated catalog.
const HASH_RS: &str = include_str!("hash.rs");

/// Codes per bucket, on average. More buckets cost pilots; fewer make the search longer.
const CODES_PER_BUCKET: usize = 4;

/// Seeds to try before giving up; one almost always works.
const SEEDS: u64 = 1000;

/// A placement of keys: `slots[s]` is the index of the key in slot `s`, if any.
#[derive(Debug, PartialEq)]
pub(super) struct Table {
    pub(super) seed: u64,
    pub(super) shift: u32,
    pub(super) pilots: Vec<u16>,
    pub(super) slots: Vec<Option<usize>>,
}

/// Places `keys` (distinct) in a table of a power-of-two size at most 80% full. Deterministic:
/// the same keys give the same table. `None` only if no seed works, which distinct keys never
/// meet in practice.
pub(super) fn place(keys: &[&[u8]]) -> Option<Table> {
    // At least two slots: `shift` is then below 64.
    let size = (keys.len() * 5 / 4 + 1).next_power_of_two().max(2);
    let shift = 64 - size.trailing_zeros();
    let buckets = keys.len().div_ceil(CODES_PER_BUCKET).max(1);
    (0..SEEDS).find_map(|attempt| {
        let seed = attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let pilots = pilots(keys, seed, shift, buckets, size)?;
        // Filled through `slot`, the very function numauth's lookups call.
        let mut slots = vec![None; size];
        for (i, key) in keys.iter().enumerate() {
            slots[slot(code_hash(key, seed), &pilots, shift)] = Some(i);
        }
        Some(Table {
            seed,
            shift,
            pilots,
            slots,
        })
    })
}

/// A pilot for every bucket under `seed`, or `None` if some bucket finds no free slots.
fn pilots(keys: &[&[u8]], seed: u64, shift: u32, buckets: usize, size: usize) -> Option<Vec<u16>> {
    let hashes: Vec<u64> = keys.iter().map(|k| code_hash(k, seed)).collect();
    let mut members = vec![Vec::new(); buckets];
    for &h in &hashes {
        members[bucket(h, buckets)].push(h);
    }
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&b| (Reverse(members[b].len()), b));
    let mut taken = vec![false; size];
    let mut pilots = vec![0; buckets];
    let mut mine = Vec::with_capacity(CODES_PER_BUCKET * 4);
    for b in order {
        let pilot = (0..=u16::MAX).find(|&p| {
            mine.clear();
            members[b].iter().all(|&h| {
                let s = displaced(h, p, shift);
                let free = !taken[s] && !mine.contains(&s);
                mine.push(s);
                free
            })
        })?;
        for &s in &mine {
            taken[s] = true;
        }
        pilots[b] = pilot;
    }
    Some(pilots)
}

/// Emits `CODES` (with its seed, shift, pilots and the `hash` module) and `CODE_ROWS`.
/// `candidates` maps each code to its rows' indices in `ENTRIES`.
pub(super) fn emit_codes(
    out: &mut String,
    candidates: &BTreeMap<&str, Vec<usize>>,
    strings: &mut Strings,
) {
    let keys: Vec<&[u8]> = candidates.keys().map(|c| c.as_bytes()).collect();
    let Some(table) = place(&keys) else {
        out.push_str("compile_error!(\"numauth-codegen found no perfect hash for the codes\");\n");
        return;
    };
    out.push_str("/// The hash of `CODES`: the text of numauth-codegen's `emit/hash.rs`, which placed the codes.\npub(crate) mod hash {\n");
    out.push_str(HASH_RS);
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/// The seed of [`hash::code_hash`] for `CODES`.\npub(crate) const CODE_SEED: u64 = {:#x};\n/// `CODES` has `1 << (64 - CODE_SHIFT)` slots.\npub(crate) const CODE_SHIFT: u32 = {};\n",
        table.seed, table.shift
    );
    let pilots: Vec<String> = table.pilots.iter().map(u16::to_string).collect();
    let _ = writeln!(
        out,
        "/// The displacement of each bucket of `CODES` ([`hash::slot`]).\npub(crate) static CODE_PILOTS: [u16; {}] = [{}];\n",
        pilots.len(),
        pilots.join(", ")
    );
    let empty = strings.str("");
    let _ = writeln!(
        out,
        "/// A free slot: no code hashes there, so it holds the empty code with no rows.\nconst FREE: CodeSlot = CodeSlot {{ code: {empty}, first: 0, count: 0 }};\n"
    );
    out.push_str("/// Every code of every source, each in the slot [`hash::slot`] gives it, with the span of its\n/// rows in `CODE_ROWS`.\n");
    let _ = writeln!(
        out,
        "pub(crate) static CODES: [CodeSlot; {}] = [",
        table.slots.len()
    );
    let lists: Vec<(&str, &Vec<usize>)> = candidates.iter().map(|(c, l)| (*c, l)).collect();
    let mut code_rows = Vec::new();
    for slot in &table.slots {
        let Some(&(code, rows)) = slot.and_then(|i| lists.get(i)) else {
            out.push_str("    FREE,\n");
            continue;
        };
        let _ = writeln!(
            out,
            "    CodeSlot {{ code: {}, first: {}, count: {} }}, // {}",
            strings.str(code),
            code_rows.len(),
            rows.len(),
            lit(code)
        );
        code_rows.extend(rows.iter().map(usize::to_string));
    }
    out.push_str("];\n\n");
    if code_rows.len() > usize::from(u16::MAX) {
        out.push_str("compile_error!(\"more code rows than `CodeSlot` can number in a u16\");\n");
    }
    let _ = writeln!(
        out,
        "/// The indices in `ENTRIES` of each code's rows, code after code; a code's rows are in\n/// `ENTRIES` order, so those of one source are consecutive, the code-only row first.\npub(crate) static CODE_ROWS: [u16; {}] = [{}];\n",
        code_rows.len(),
        code_rows.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys shaped like the catalog's: numbers, negative numbers, dotted names.
    fn keys(n: usize) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| match i % 3 {
                0 => (600_000 + i).to_string(),
                1 => format!("-{}", 10_000 + i),
                _ => format!("isv.SOME_LONGER_CODE_NAME_{i}"),
            })
            .map(String::into_bytes)
            .collect()
    }

    /// Every key is found in its own slot through `slot`, as numauth looks it up.
    fn check(keys: &[Vec<u8>]) {
        let keys: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        let table = place(&keys).expect("a placement");
        assert!(table.slots.len().is_power_of_two());
        assert!(keys.len() * 5 <= table.slots.len() * 4, "at most 80% full");
        for (i, key) in keys.iter().enumerate() {
            let s = slot(code_hash(key, table.seed), &table.pilots, table.shift);
            assert_eq!(
                table.slots[s],
                Some(i),
                "{:?}",
                String::from_utf8_lossy(key)
            );
        }
        let placed = table.slots.iter().flatten().count();
        assert_eq!(placed, keys.len());
    }

    #[test]
    fn every_key_gets_its_own_slot() {
        for n in [0, 1, 2, 3, 7, 100, 1000, 3000] {
            check(&keys(n));
        }
    }

    #[test]
    fn the_empty_key_and_one_byte_keys_are_placed_too() {
        let mut all: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
        all.push(Vec::new());
        check(&all);
    }

    #[test]
    fn placement_is_deterministic() {
        let keys = keys(500);
        let keys: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        assert_eq!(place(&keys), place(&keys));
    }

    #[test]
    fn short_keys_of_equal_bytes_but_other_lengths_hash_apart() {
        // The overlapping reads see "aa" and "aaa" alike; the length tells them apart.
        let seed = 1;
        assert_ne!(code_hash(b"aa", seed), code_hash(b"aaa", seed));
        assert_ne!(code_hash(b"aaaa", seed), code_hash(b"aaaaa", seed));
        assert_ne!(code_hash(b"", seed), code_hash(b"\0", seed));
    }

    #[test]
    fn the_emitted_module_is_the_shared_file() {
        let mut out = String::new();
        let mut strings = Strings::default();
        let candidates = BTreeMap::from([("600011", vec![0]), ("1", vec![1, 2])]);
        emit_codes(&mut out, &candidates, &mut strings);
        assert!(out.contains(&format!("pub(crate) mod hash {{\n{HASH_RS}}}")));
        assert!(out.contains("pub(crate) fn code_hash(key: &[u8], seed: u64) -> u64"));
        assert!(out.contains("count: 2 }, // \"1\""));
        assert!(out.contains("CODE_ROWS: [u16; 3]"));
    }
}
