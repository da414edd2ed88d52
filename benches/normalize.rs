//! `normalize` on each payload shape against a bare `serde_json::from_str` of the same callback
//! into a borrowed struct with the same fields, in the same run. Report ratios, not times
//! (BENCHMARKS.md).
//!
//! cargo bench --bench normalize
//!
//! The baseline is the floor a hand-written parser would sit on: one strict JSON pass, strings
//! borrowed, the carrier data kept as raw JSON (not even unescaped), nothing looked up. For the
//! shapes serde_json cannot read (NSDictionary, Dart, Java, log text) it parses the same
//! callback written as JSON (`Sample::json`). Android also gets the struct its SDK declares,
//! `carrierFailedResultData` as a string (serde unescapes it into an owned `Cow`).

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;
use serde_json::value::RawValue;

mod shapes;
mod token_ret;
use token_ret::TokenRet;

/// The fields `normalize` reads, borrowed.
#[allow(dead_code)] // Read only through black_box.
#[derive(Deserialize)]
struct Bare<'a> {
    #[serde(
        borrow,
        alias = "resultCode",
        alias = "error_code",
        alias = "errorCode",
        alias = "Code"
    )]
    code: Option<Code<'a>>,
    #[serde(
        borrow,
        alias = "resultMsg",
        alias = "error_msg",
        alias = "content",
        alias = "Message"
    )]
    msg: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "innerCode")]
    inner_code: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "innerMsg")]
    inner_msg: Option<Cow<'a, str>>,
    #[serde(
        borrow,
        rename = "requestId",
        alias = "RequestId",
        alias = "process_id"
    )]
    request_id: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "vendorName", alias = "operator")]
    vendor_name: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "carrierFailedResultData")]
    carrier_data: Option<&'a RawValue>,
}

/// A code as JSON writes it: a string, borrowed, or a number (JVerification's `"code":6001`),
/// read by one visitor (an untagged enum would buffer the value first).
#[allow(dead_code)] // Read only through black_box.
enum Code<'a> {
    Text(Cow<'a, str>),
    Number(i64),
}

impl<'de: 'a, 'a> Deserialize<'de> for Code<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Code<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a code, string or number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Code<'de>, E> {
                Ok(Code::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Code<'de>, E> {
                Ok(Code::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Code<'de>, E> {
                Ok(Code::Number(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Code<'de>, E> {
                i64::try_from(v).map(Code::Number).map_err(E::custom)
            }
        }
        d.deserialize_any(Visit)
    }
}

fn bench(c: &mut Criterion) {
    for sample in shapes::SAMPLES {
        // Both sides must succeed on their input, or the ratio compares failures.
        let n = numauth::normalize(sample.raw).expect(sample.name);
        assert!(
            n.known,
            "{}: the sample's code should be in the catalog",
            sample.name
        );
        let bare: Bare = serde_json::from_str(sample.json).expect(sample.name);
        assert!(
            bare.code.is_some(),
            "{}: the baseline found no code",
            sample.name
        );

        let mut group = c.benchmark_group(format!("normalize/{}", sample.name));
        group.throughput(Throughput::Elements(1));
        group.bench_function("numauth::normalize", |b| {
            b.iter(|| numauth::normalize(black_box(sample.raw)))
        });
        group.bench_function("serde_json borrowed", |b| {
            b.iter(|| serde_json::from_str::<Bare>(black_box(sample.json)))
        });
        if sample.name == "android_json_nested" {
            let ret: TokenRet = serde_json::from_str(sample.json).expect(sample.name);
            assert!(ret.carrier_failed_result_data.is_some());
            group.bench_function("serde_json TokenRet", |b| {
                b.iter(|| serde_json::from_str::<TokenRet>(black_box(sample.json)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
