// The hash of numauth's code table, written once. numauth-codegen places the codes with these
// functions, and emits this file's text into the generated catalog (`mod hash` there), so that
// numauth's lookups compute the very same slots: there is no second copy to drift.
// The text is compiled in both crates, so it stays plain: no inner attributes or `//!` docs, no
// `use`, no tests (those are in `codes.rs`).

/// 2^64 divided by the golden ratio, made odd: a multiplier with well-spread bits.
const K0: u64 = 0x9E37_79B9_7F4A_7C15;
/// A second such constant (wyhash's first secret).
const K1: u64 = 0xA076_1D64_78BD_642F;

/// The 128-bit product of `a` and `b`, its halves XORed: one multiplication that spreads every
/// input bit over the whole result.
const fn fold_mul(a: u64, b: u64) -> u64 {
    let product = (a as u128) * (b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

/// `N` bytes of `key` from `at`, zeros if the key is shorter (callers never ask past the end).
fn word<const N: usize>(key: &[u8], at: usize) -> [u8; N] {
    key.get(at..at.wrapping_add(N))
        .and_then(|w| w.try_into().ok())
        .unwrap_or([0; N])
}

/// The hash of a code under `seed`. Codes are mostly 1 to 8 bytes: those take one
/// multiplication and no loop (overlapping reads, as in wyhash); the length is mixed in, so the
/// overlap is not ambiguous.
pub(crate) fn code_hash(key: &[u8], seed: u64) -> u64 {
    let len = key.len();
    let mut h = seed ^ (len as u64).wrapping_mul(K0);
    let last = match len {
        0 => 0,
        1..=3 => {
            let byte = |i: usize| u64::from(key.get(i).copied().unwrap_or(0));
            (byte(0) << 16) | (byte(len / 2) << 8) | byte(len - 1)
        }
        4..=8 => {
            let first = u64::from(u32::from_le_bytes(word(key, 0)));
            (first << 32) | u64::from(u32::from_le_bytes(word(key, len - 4)))
        }
        _ => {
            // Whole words, then the last eight bytes (overlapping the last whole word).
            let mut at = 0;
            while at + 8 < len {
                h = fold_mul(h ^ u64::from_le_bytes(word(key, at)), K1);
                at += 8;
            }
            u64::from_le_bytes(word(key, len - 8))
        }
    };
    fold_mul(last ^ K0, h ^ K1)
}

/// The bucket of a code hashed to `h`, among `buckets` (multiply-shift on the high half).
pub(crate) fn bucket(h: u64, buckets: usize) -> usize {
    ((h >> 32).wrapping_mul(buckets as u64) >> 32) as usize
}

/// The slot of a code hashed to `h` when its bucket's displacement is `pilot`, in a table of
/// `1 << (64 - shift)` slots.
pub(crate) fn displaced(h: u64, pilot: u16, shift: u32) -> usize {
    ((h ^ u64::from(pilot).wrapping_mul(K1))
        .wrapping_mul(K0)
        .wrapping_shr(shift)) as usize
}

/// The slot of a code hashed to `h`: its bucket's pilot from `pilots`, then [`displaced`].
pub(crate) fn slot(h: u64, pilots: &[u16], shift: u32) -> usize {
    let pilot = pilots.get(bucket(h, pilots.len())).copied().unwrap_or(0);
    displaced(h, pilot, shift)
}
