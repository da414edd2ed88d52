//! Android nested against `TokenRet`, interleaved: blocks of 20,000 calls of each, alternated
//! 130 times (the first 10 pairs warm up), and the median of the 120 per-pair ratios with its
//! quartiles. On this VM the speed drifts by tens of percent within seconds, and criterion,
//! which times one side after the other, gave anything from 1.4× to 2.8× for the same build;
//! blocks a few milliseconds long see the same machine on both sides. Report the median.
//!
//! cargo bench --bench interleaved
//!
//! With `--test` (as CI runs every bench), it checks both sides on the sample and times nothing.

use std::hint::black_box;
use std::time::Instant;

mod shapes;
mod token_ret;
use token_ret::TokenRet;

const BLOCK: usize = 20_000;
const WARM_UP: usize = 10;
const PAIRS: usize = 120;

fn main() {
    let raw = shapes::SAMPLES
        .iter()
        .find(|s| s.name == "android_json_nested")
        .expect("the Android sample")
        .raw;
    // Both sides must succeed on the sample, or the ratio compares failures.
    let n = numauth::normalize(raw).expect("numauth reads the sample");
    let ret: TokenRet = serde_json::from_str(raw).expect("serde reads the sample");
    assert_eq!(ret.code.as_deref(), Some(n.code.as_ref()));
    assert!(n.root_cause.is_some() && ret.carrier_failed_result_data.is_some());
    if std::env::args().any(|a| a == "--test") {
        println!("interleaved: both sides read the sample (--test: nothing timed)");
        return;
    }
    let mut ratios = Vec::with_capacity(PAIRS);
    let (mut ours, mut theirs) = (0.0, 0.0);
    for pair in 0..WARM_UP + PAIRS {
        let t = Instant::now();
        for _ in 0..BLOCK {
            black_box(numauth::normalize(black_box(raw)).ok());
        }
        let a = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for _ in 0..BLOCK {
            black_box(serde_json::from_str::<TokenRet>(black_box(raw)).ok());
        }
        let b = t.elapsed().as_secs_f64();
        if pair >= WARM_UP {
            ratios.push(a / b);
            ours += a;
            theirs += b;
        }
    }
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| ratios[((ratios.len() - 1) as f64 * q).round() as usize];
    let per_call = |total: f64| total / (PAIRS * BLOCK) as f64 * 1e9;
    println!(
        "android_json_nested / TokenRet, {PAIRS} interleaved pairs of {BLOCK} calls: \
         median {:.2}x (quartiles {:.2}x-{:.2}x, range {:.2}x-{:.2}x); \
         mean {:.0} ns against {:.0} ns per call",
        at(0.5),
        at(0.25),
        at(0.75),
        at(0.0),
        at(1.0),
        per_call(ours),
        per_call(theirs),
    );
}
