//! The output columns' big buffers, kept for the next call once pyarrow releases the batch that
//! held them.
//!
//! A 1M-row batch writes about 190 MiB of columns. Memory fresh from the kernel costs a page
//! fault per 4 KiB written (23k–32k faults, a tenth of a call's time: `perf stat`), and glibc
//! hands a freed buffer of over 32 MiB back to the kernel, and trims the rest, so each big call
//! paid them again. A buffer of [`MIN_KEPT`] or more that a batch held comes back here when
//! pyarrow drops it (its owner in the Arrow buffer is a [`Returned`]), as does a later part's
//! column once it is copied into the first's; the next call writes into it. At most
//! [`MAX_KEPT`] bytes of capacity are kept; `numauth.release_buffers()` frees them.

use std::sync::{Mutex, MutexGuard, PoisonError};

use arrow_buffer::Buffer;
use zerocopy::{Immutable, IntoBytes};

/// Smaller buffers are left to the allocator, which reuses them well (and a small call never
/// takes a big buffer: see [`take`]).
pub const MIN_KEPT: usize = 1 << 20;

/// The capacity kept at most, in bytes: what a 1M-row call on two threads gives back (its batch
/// and the second part's columns). Only the part of it a batch wrote is resident.
pub const MAX_KEPT: usize = 1 << 30;

/// The kept buffers, by element type, and their capacity in bytes in all.
pub struct Shelves {
    bytes: Vec<Vec<u8>>,
    ints: Vec<Vec<i32>>,
    kept: usize,
}

static SHELVES: Mutex<Shelves> = Mutex::new(Shelves {
    bytes: Vec::new(),
    ints: Vec::new(),
    kept: 0,
});

/// The shelves, also after a panic elsewhere (they hold empty buffers only: nothing to corrupt).
fn shelves() -> MutexGuard<'static, Shelves> {
    SHELVES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An element type of the kept buffers.
pub trait Element: arrow_buffer::ArrowNativeType + IntoBytes + Immutable {
    /// The shelf of this type's buffers.
    fn shelf(shelves: &mut Shelves) -> &mut Vec<Vec<Self>>;
}

impl Element for u8 {
    fn shelf(shelves: &mut Shelves) -> &mut Vec<Vec<u8>> {
        &mut shelves.bytes
    }
}

impl Element for i32 {
    fn shelf(shelves: &mut Shelves) -> &mut Vec<Vec<i32>> {
        &mut shelves.ints
    }
}

fn bytes_of<T>(vec: &Vec<T>) -> usize {
    vec.capacity().saturating_mul(size_of::<T>())
}

/// An empty buffer for at least `capacity` elements: the smallest kept one that fits and is at
/// most four times as large (a small call does not take a big call's buffer), else a new one.
pub fn take<T: Element>(capacity: usize) -> Vec<T> {
    let wanted = capacity.saturating_mul(size_of::<T>());
    if wanted < MIN_KEPT {
        return Vec::with_capacity(capacity);
    }
    let mut shelves = shelves();
    let shelf = T::shelf(&mut shelves);
    let fits = |vec: &Vec<T>| (wanted..=wanted.saturating_mul(4)).contains(&bytes_of(vec));
    let best = (0..shelf.len())
        .filter(|&i| fits(&shelf[i]))
        .min_by_key(|&i| shelf[i].capacity());
    match best.map(|i| shelf.swap_remove(i)) {
        Some(vec) => {
            shelves.kept -= bytes_of(&vec);
            vec
        }
        None => Vec::with_capacity(capacity),
    }
}

/// Keeps `vec` (its contents dropped) for a later [`take`], if it is big enough and the shelves
/// have room; else frees it.
pub fn give<T: Element>(mut vec: Vec<T>) {
    let size = bytes_of(&vec);
    if size < MIN_KEPT {
        return;
    }
    vec.clear();
    let mut shelves = shelves();
    if shelves.kept.saturating_add(size) > MAX_KEPT {
        // Freed once the lock is let go: returning a big buffer to the kernel takes a while.
        drop(shelves);
        return;
    }
    shelves.kept += size;
    T::shelf(&mut shelves).push(vec);
}

/// Frees every kept buffer; the bytes of capacity freed.
pub fn release() -> usize {
    let (bytes, ints) = {
        let mut shelves = shelves();
        shelves.kept = 0;
        (
            std::mem::take(&mut shelves.bytes),
            std::mem::take(&mut shelves.ints),
        )
    };
    bytes.iter().map(bytes_of).sum::<usize>() + ints.iter().map(bytes_of).sum::<usize>()
}

/// A batch's buffer: given back to the shelves when Arrow drops it.
struct Returned<T: Element>(Vec<T>);

impl<T: Element> AsRef<[u8]> for Returned<T> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl<T: Element> Drop for Returned<T> {
    fn drop(&mut self) {
        give(std::mem::take(&mut self.0));
    }
}

/// `vec` as an Arrow buffer (not copied) that comes back to the shelves when it is dropped.
pub fn buffer<T: Element>(vec: Vec<T>) -> Buffer {
    if bytes_of(&vec) < MIN_KEPT {
        return Buffer::from_vec(vec);
    }
    Buffer::from(bytes::Bytes::from_owner(Returned(vec)))
}
