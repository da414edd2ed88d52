//! The normaliser threads that all requests share (`--jobs`).
//!
//! An NDJSON request may normalise on several threads, but a thread count per request alone
//! let a burst of requests start `jobs + 1` threads each, with no bound over all of them: a
//! few hundred at once ran the process out of threads, and it aborted. Here a request takes
//! what is free of the shared threads, up to `--jobs`, and gives them back when it ends; with
//! none free it normalises on its own blocking thread alone.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The threads free to take.
#[derive(Debug)]
pub struct Budget {
    free: AtomicUsize,
}

/// Threads taken from a [`Budget`], given back when dropped.
#[derive(Debug)]
pub struct Lease {
    budget: Arc<Budget>,
    taken: usize,
}

impl Budget {
    /// A budget of `threads`.
    pub fn new(threads: NonZeroUsize) -> Arc<Self> {
        Arc::new(Self {
            free: AtomicUsize::new(threads.get()),
        })
    }

    /// Takes up to `want` of the free threads (none when none are free).
    pub fn take(self: &Arc<Self>, want: usize) -> Lease {
        let got = self
            .free
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |free| {
                Some(free - free.min(want))
            })
            .map_or(0, |free| free.min(want));
        Lease {
            budget: self.clone(),
            taken: got,
        }
    }
}

impl Lease {
    /// The threads to normalise on: those taken, or the request's own one.
    pub fn jobs(&self) -> NonZeroUsize {
        NonZeroUsize::new(self.taken).unwrap_or(NonZeroUsize::MIN)
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.budget.free.fetch_add(self.taken, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(k: usize) -> NonZeroUsize {
        NonZeroUsize::new(k).unwrap()
    }

    #[test]
    fn requests_share_the_threads_and_give_them_back() {
        let budget = Budget::new(n(8));
        let first = budget.take(8);
        assert_eq!(first.jobs(), n(8));
        // Nothing free: the next request runs alone on its own thread.
        let second = budget.take(8);
        assert_eq!((second.taken, second.jobs()), (0, n(1)));
        drop(first);
        let third = budget.take(5);
        let fourth = budget.take(8);
        assert_eq!((third.jobs(), fourth.jobs()), (n(5), n(3)));
        drop((second, third, fourth));
        assert_eq!(budget.free.load(Ordering::Acquire), 8);
    }
}
