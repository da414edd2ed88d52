//! The C ABI's `numauth_normalize` on the Android nested payload against its baseline in the
//! same run: the Rust `numauth::normalize` plus `serde_json::to_string` of the result, the same
//! work a JSON API does. Report the ratio, not the times (budget: 1.2x).
//!
//! cargo bench -p numauth-ffi --bench ffi

use std::ffi::CString;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use numauth_ffi::capi::{numauth_normalize, numauth_string_free, NumauthStatus};

// The core's own benchmark payloads, so the figures describe the same inputs.
#[path = "../../../benches/shapes.rs"]
mod shapes;

fn bench(c: &mut Criterion) {
    let sample = shapes::SAMPLES
        .iter()
        .find(|s| s.name == "android_json_nested")
        .expect("the core's Android nested sample");
    let raw = CString::new(sample.raw).expect("no NUL in the sample");
    let mut group = c.benchmark_group("ffi/android_json_nested");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline_normalize_serde_json", |b| {
        b.iter(|| {
            let n = numauth::normalize(black_box(sample.raw)).expect("normalises");
            serde_json::to_string(&n).expect("serialises")
        })
    });
    group.bench_function("c_abi_numauth_normalize", |b| {
        b.iter(|| {
            let mut out = std::ptr::null_mut();
            // SAFETY: a valid C string and out-pointer; the result is freed right after.
            let status = unsafe { numauth_normalize(black_box(raw.as_ptr()), &mut out) };
            assert_eq!(status, NumauthStatus::Ok);
            // SAFETY: a string from numauth_normalize, freed once.
            unsafe { numauth_string_free(out) };
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
