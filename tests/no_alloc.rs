//! `lookup` must not allocate: a counting global allocator watches every call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use numauth::{candidates, entries, lookup, lookup_message, Lang, Source};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

// One test in this binary, so no other test thread allocates meanwhile.
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

    // A message already in NFKC form (all ASCII, most Chinese) is matched without allocating.
    let n = allocations_during(|| {
        let e = lookup_message(Source::Cucc, "1", "response null").unwrap();
        assert!(e.match_text(Lang::En).is_some());
        assert!(lookup_message(Source::Cucc, "1", "请求超时")
            .unwrap()
            .is_message_row());
    });
    assert_eq!(
        n, 0,
        "lookup_message allocated {n} times on normalised input"
    );

    // The counter works: a message that needs NFKC does allocate.
    let n = allocations_during(|| {
        assert!(lookup_message(Source::Cucc, "1", "获得的\u{2F3F}机授权码失败").is_some());
    });
    assert!(n > 0, "the counting allocator saw nothing");
}
