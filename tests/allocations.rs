//! Heap allocations per call: `lookup` makes none, and `normalize` makes a known few per
//! payload shape (the figures BENCHMARKS.md reports). A counting global allocator counts the
//! allocations of the calling thread only, so tests running in parallel do not disturb it.
//!
//! cargo test --test allocations -- --nocapture   # prints the per-shape table

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;

use numauth::{candidates, entries, lookup, lookup_with_msg, normalize, Lang, Source};

#[path = "../benches/shapes.rs"]
mod shapes;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the thread's counter may already be gone while the thread shuts down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn lookups_do_not_allocate() {
    let keys: Vec<(Source, &str)> = entries().map(|e| (e.source(), e.code())).collect();
    let misses = [
        (Source::Pns, "999999"),
        (Source::Cmcc, ""),
        (Source::Idaas, "IDAAS.SDK.NOPE.0000"),
    ];
    let n = allocations_during(|| {
        let mut found = 0;
        for &(source, code) in keys.iter().chain(&misses) {
            found += usize::from(lookup(source, code).is_some());
            found += candidates(code).len();
        }
        assert!(found >= keys.len());
    });
    assert_eq!(n, 0, "lookup/candidates allocated {n} times");

    // A message already in NFKC form (all ASCII, most Chinese) is matched without allocating,
    // once the message keys' byte sets are made (on the first call that needs them).
    lookup_with_msg(Source::Cucc, "1", "warm-up");
    let n = allocations_during(|| {
        let e = lookup_with_msg(Source::Cucc, "1", "response null").unwrap();
        assert!(e.match_text(Lang::En).is_some());
        assert!(lookup_with_msg(Source::Cucc, "1", "请求超时")
            .unwrap()
            .is_message_row());
    });
    assert_eq!(
        n, 0,
        "lookup_with_msg allocated {n} times on normalised input"
    );

    // The counter works: a message that needs NFKC does allocate.
    let n = allocations_during(|| {
        assert!(lookup_with_msg(Source::Cucc, "1", "获得的\u{2F3F}机授权码失败").is_some());
    });
    assert!(n > 0, "the counting allocator saw nothing");
}

/// Where `normalize` may allocate, by shape. Each figure is the structure's need, not a
/// measurement copied back: one `Vec` for the fields kept in `extra` when there are any, one
/// `Box` per root cause, one `String` per text that had to be unescaped (NSDictionary `\U`
/// escapes). An object's fields are held inline up to eight (none of these has more), and
/// advice from a rule of `data/advice.yaml` is shared, not copied: neither allocates.
const BUDGETS: &[(&str, usize)] = &[
    // `extra` (requestCode), the root cause.
    ("android_json_nested", 2),
    // The root cause; no extra.
    ("ios_json", 1),
    // As iOS, plus the unescaped msg, innerMsg and carrier desc, and one more copy of the
    // unescaped innerMsg (it is offered to the cause it merges into).
    ("ns_dictionary", 5),
    // The root cause; no extra.
    ("dart_map", 1),
    // `extra` (requestCode, token), the root cause.
    ("java_to_string", 2),
    // Nothing: one object, no extra, no cause, and 600008's advice is a rule's.
    ("log_text", 0),
    // The template's literals and slots; the params' `values` and its two strings.
    ("idaas_body", 5),
    // The root cause named in `content` (read on the stack, then boxed); no extra.
    ("jverify_json", 1),
    // `extra` (status, operatorType), the cause named in msg (boxed).
    ("onelogin_json", 2),
    // The result DTO names a phone field (`Mobile`), so it is read as a JSON value (key, map
    // node, value), redacted and written back (a String, grown once) into `extra`.
    ("dypns_body", 5),
];

#[test]
fn normalize_allocations_per_shape() {
    println!("{:<22} allocations per call", "shape");
    for sample in shapes::SAMPLES {
        let &(_, budget) = BUDGETS
            .iter()
            .find(|(name, _)| *name == sample.name)
            .unwrap_or_else(|| panic!("no budget for {}", sample.name));
        let mut code_borrowed = false;
        // A first call builds what is made once on first use (the message keys' byte sets):
        // not a cost per call.
        normalize(sample.raw).unwrap();
        let n = allocations_during(|| {
            let n = normalize(sample.raw).unwrap();
            code_borrowed = matches!(n.code, Cow::Borrowed(_));
        });
        println!("{:<22} {n}", sample.name);
        assert!(code_borrowed, "{}: the code was copied", sample.name);
        assert!(
            n <= budget,
            "{}: {n} allocations, budget {budget}",
            sample.name
        );
    }
}

#[test]
fn normalize_borrows_text_that_needs_no_unescaping() {
    let sample = &shapes::SAMPLES[0];
    let n = normalize(sample.raw).unwrap();
    assert!(matches!(n.raw_msg, Some(Cow::Borrowed(_))));
    assert!(matches!(n.request_id, Some(Cow::Borrowed(_))));
    let cause = n.root_cause.as_deref().unwrap();
    // The carrier data is a JSON string inside JSON, yet its code and message are borrowed.
    assert!(matches!(cause.code, Cow::Borrowed("103119")));
    assert!(matches!(cause.raw_msg, Some(Cow::Borrowed(_))));
}
