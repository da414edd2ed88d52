//! `lookup` (numauth's own perfect-hash table from a code to its rows, then the source's run
//! among them; numauth-codegen's `emit/codes.rs`) against the same keys in a std `HashMap`, an
//! FxHash `HashMap` and a generated `match`, measured in the same run on the same shuffled stream
//! of hits and misses. Report ratios, not times (BENCHMARKS.md).
//!
//! cargo bench --bench lookup

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use numauth::{entries, lookup, Entry, Source};
use rustc_hash::FxHashMap;

// `match_codes(source, code) -> Option<(first, count)>`, written by build.rs from the same data.
include!(concat!(env!("OUT_DIR"), "/catalog_match.rs"));

/// The generated `match`, answering with the entry as `lookup` does for a code-only row.
fn match_lookup(all: &'static [Entry], source: Source, code: &str) -> Option<&'static Entry> {
    let (first, _) = match_codes(source, code)?;
    all.get(usize::from(first))
}

/// Every (source, code) of the catalog plus one miss for every ten hits, shuffled with a fixed
/// seed so runs are comparable.
fn keys() -> Vec<(Source, String)> {
    let mut keys: Vec<(Source, String)> = entries()
        .map(|e| (e.source(), e.code().to_owned()))
        .collect();
    keys.dedup();
    let misses: Vec<(Source, String)> = keys
        .iter()
        .step_by(10)
        .map(|(s, c)| (*s, format!("{c}9")))
        .collect();
    keys.extend(misses);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..keys.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        keys.swap(i, (state % (i as u64 + 1)) as usize);
    }
    keys
}

fn bench(c: &mut Criterion) {
    let keys = keys();
    let std_map: HashMap<(Source, &str), &Entry> =
        entries().map(|e| ((e.source(), e.code()), e)).collect();
    let fx_map: FxHashMap<(Source, &str), &Entry> =
        entries().map(|e| ((e.source(), e.code()), e)).collect();
    let all = entries().as_slice();
    // The baselines must answer as `lookup` does, or the comparison means nothing.
    for (s, code) in &keys {
        let found = lookup(*s, code).is_some();
        assert_eq!(
            found,
            std_map.contains_key(&(*s, code.as_str())),
            "{s} {code}"
        );
        assert_eq!(found, match_lookup(all, *s, code).is_some(), "{s} {code}");
    }

    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("numauth::lookup", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|(s, code)| lookup(*s, black_box(code)).is_some())
                .count()
        })
    });
    group.bench_function("std HashMap", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|(s, code)| std_map.contains_key(&(*s, black_box(code.as_str()))))
                .count()
        })
    });
    group.bench_function("FxHashMap", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|(s, code)| fx_map.contains_key(&(*s, black_box(code.as_str()))))
                .count()
        })
    });
    group.bench_function("generated match", |b| {
        b.iter(|| {
            keys.iter()
                .filter(|(s, code)| match_lookup(all, *s, black_box(code)).is_some())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
