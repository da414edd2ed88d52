//! The join of a batch's columns: those of the calling thread's rows, then, piece by piece,
//! the rows the other threads normalised, each column finished into an Arrow array.

use std::ops::Range;
use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{ArrayRef, BooleanArray};
use pyo3::PyResult;

use crate::columns::{panicked, Text, NAMES};

/// Rows of another thread's columns, in the order they join the batch.
pub struct Piece {
    /// Which thread's columns (an index into the tails).
    pub part: usize,
    /// Which of their rows.
    pub rows: Range<usize>,
}

/// One column of the calling thread's rows, of either type.
pub enum Column {
    Text(Text),
    Bool(BooleanBuilder),
}

/// The same column of another thread's rows, ready to be read a piece at a time.
enum Tail {
    Text(Text),
    Bool(BooleanArray),
}

impl Column {
    fn into_tail(self) -> Tail {
        match self {
            Column::Text(text) => Tail::Text(text),
            Column::Bool(mut builder) => Tail::Bool(builder.finish()),
        }
    }

    /// Appends `pieces` of `tails` (this column of the other threads) after the rows so far.
    fn append(&mut self, tails: &[Tail], pieces: &[Piece]) -> PyResult<()> {
        for piece in pieces {
            match (&mut *self, tails.get(piece.part)) {
                (Column::Text(text), Some(Tail::Text(tail))) => {
                    text.append_rows(tail, piece.rows.clone())?;
                }
                (Column::Bool(builder), Some(Tail::Bool(tail))) if piece.rows.end <= tail.len() => {
                    builder.append_array(&tail.slice(piece.rows.start, piece.rows.len()));
                }
                _ => return Err(mismatched()),
            }
        }
        Ok(())
    }

    fn finish(self) -> PyResult<ArrayRef> {
        match self {
            Column::Text(text) => text.finish(),
            Column::Bool(mut builder) => Ok(Arc::new(builder.finish())),
        }
    }
}

/// Some columns of the calling thread's rows, each with its place and the same column of the
/// other threads.
type Share = Vec<(usize, Column, Vec<Column>)>;

/// The finished arrays of `columns` (the calling thread's) with `pieces` of `tails` (the other
/// threads' columns, each in the order of [`NAMES`]) appended, in the order of [`NAMES`]. The
/// columns are shared among `threads` threads (this one and the others), each joining a
/// column's pieces and checking its offsets, since that check goes over every row of every
/// column again.
pub fn finish(
    columns: [Column; 18],
    mut tails: Vec<std::array::IntoIter<Column, 18>>,
    pieces: &[Piece],
    threads: usize,
) -> PyResult<Vec<ArrayRef>> {
    let mut shares: Vec<Share> = (0..threads.clamp(1, NAMES.len()))
        .map(|_| Vec::new())
        .collect();
    let count = shares.len();
    for (i, column) in columns.into_iter().enumerate() {
        let same = tails.iter_mut().filter_map(Iterator::next).collect();
        shares[i % count].push((i, column, same));
    }
    let mut shares = shares.into_iter();
    let first = shares.next().unwrap_or_default();
    let mut arrays = std::thread::scope(|scope| {
        let workers: Vec<_> = shares
            .map(|share| scope.spawn(move || finish_share(share, pieces)))
            .collect();
        let mut arrays = finish_share(first, pieces)?;
        for worker in workers {
            arrays.extend(worker.join().map_err(|_| panicked())??);
        }
        Ok::<_, pyo3::PyErr>(arrays)
    })?;
    arrays.sort_unstable_by_key(|(i, _)| *i);
    Ok(arrays.into_iter().map(|(_, array)| array).collect())
}

/// The finished arrays of a [`Share`], each with its place. The other threads' buffers are
/// given back for a later call once copied.
fn finish_share(share: Share, pieces: &[Piece]) -> PyResult<Vec<(usize, ArrayRef)>> {
    share
        .into_iter()
        .map(|(i, mut column, tails)| {
            let tails: Vec<Tail> = tails.into_iter().map(Column::into_tail).collect();
            column.append(&tails, pieces)?;
            for tail in tails {
                if let Tail::Text(text) = tail {
                    text.recycle();
                }
            }
            Ok((i, column.finish()?))
        })
        .collect()
}

/// The error for pieces that do not fit the columns they name (a bug: every thread's columns
/// come from `Columns::into_columns`, and the pieces from the rows each thread normalised).
pub fn mismatched() -> pyo3::PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(
        "normalize_arrow: the threads' columns do not fit together",
    )
}
