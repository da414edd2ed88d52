//! `normalize_arrow`: an Arrow array of raw callbacks in, a record batch of typed columns out,
//! one row per input row. Data crosses through the Arrow C Data Interface (PyCapsules), never as
//! Python objects, and the GIL is released while the rows are normalised.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use arrow_array::cast::AsArray;
use arrow_array::{make_array, Array, ArrayRef, GenericBinaryArray, OffsetSizeTrait, RecordBatch};
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::DataType;
use numauth::{Detail, Hint};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::columns::{panicked, Columns, Piece, Row};

/// Fewer rows than this per thread are not worth a thread: each row takes a microsecond or two,
/// starting a thread some tens of microseconds. A thread also claims this many rows at a time.
const MIN_ROWS_PER_THREAD: usize = 4096;
// A chunk is whole words of validity bits, appended a word at a time (`Validity::append_range`).
const _: () = assert!(MIN_ROWS_PER_THREAD.is_multiple_of(64));

/// The input types accepted, as the `TypeError` names them.
const EXPECTED: &str = "a pyarrow Array or ChunkedArray, another library's array \
                        (`__arrow_c_array__`) or an Arrow stream of one column \
                        (`__arrow_c_stream__`: a Polars Series), of string, large_string, \
                        string_view, binary, large_binary or binary_view";

/// Normalises every payload of `array` (a pyarrow string or binary array, or a column exporting
/// `__arrow_c_stream__` such as a Polars Series; nulls allowed) into a `pyarrow.RecordBatch`
/// with one row per input row.
///
/// A row that cannot be used (null, empty, not UTF-8, over the size limit, no code) has its
/// `error` column set and every other column null; it never raises. Wrong argument types raise
/// `TypeError`; a bad `source` or `platform` id, or a version that is not one, raises
/// `ValueError`. `platform`, `os_version` and `sdk_version` apply to every row and pick the
/// `advice_*` columns; a payload's own version fields (`sdkVersion`, `release`) count too.
///
/// `threads` is how many threads share the rows: `None` means one per core the process may use;
/// a batch gets at most one thread per 4,096 rows. Pass `threads=1` where the engine already
/// runs one call per core (Spark's `mapInArrow`). The answer is the same for any count.
#[pyfunction]
#[pyo3(signature = (array, *, source=None, platform=None, os_version=None, sdk_version=None, threads=None))]
pub fn normalize_arrow<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    source: Option<&str>,
    platform: Option<&str>,
    os_version: Option<&str>,
    sdk_version: Option<&str>,
    threads: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // The columns hold no callback's own text (`raw_msg`, `extra`): it is not kept, nor redacted.
    let hint = Hint {
        detail: Detail::Outcome,
        ..crate::hint(source, platform, os_version, sdk_version)?
    };
    let threads = thread_count(threads)?;
    let data = import(array)?;
    let batch = py.detach(|| build(&data, hint, threads))?;
    string_columns(&batch.to_pyarrow(py)?)
}

/// `batch` (as built: its UTF-8 columns binary, see `columns::Text`) with each binary column
/// viewed as `string`: the same buffers, not copied or checked again.
fn string_columns<'py>(batch: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let pyarrow = batch.py().import("pyarrow")?;
    let (binary, string) = (
        pyarrow.call_method0("binary")?,
        pyarrow.call_method0("string")?,
    );
    let arrays = batch
        .getattr("columns")?
        .try_iter()?
        .map(|column| {
            let column = column?;
            if column.getattr("type")?.eq(&binary)? {
                column.call_method1("view", (&string,))
            } else {
                Ok(column)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    pyarrow
        .getattr("RecordBatch")?
        .call_method1("from_arrays", (arrays, crate::columns::NAMES))
}

/// The `threads=` argument as a count: `None` is the cores this process may use. An `int`, or
/// what Python takes as one (`operator.index`: a NumPy integer), but not a `bool`, of at least
/// 1; one too large for a count is as many as the batch can use.
fn thread_count(threads: Option<&Bound<'_, PyAny>>) -> PyResult<NonZeroUsize> {
    let Some(threads) = threads.filter(|t| !t.is_none()) else {
        return Ok(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    };
    let index = if threads.is_instance_of::<pyo3::types::PyBool>() {
        None
    } else {
        threads.call_method0("__index__").ok()
    };
    let Some(index) = index.filter(|i| i.is_instance_of::<pyo3::types::PyInt>()) else {
        return Err(PyTypeError::new_err(format!(
            "threads must be an int (or None for one per core), got {}",
            threads.get_type().name()?
        )));
    };
    // Compared in Python: an int past any machine type is still below 1 when negative.
    if index.lt(1)? {
        return Err(PyValueError::new_err(format!(
            "threads must be at least 1 (or None for one per core), got {}",
            index.str()?
        )));
    }
    let count = index.extract::<usize>().ok().and_then(NonZeroUsize::new);
    Ok(count.unwrap_or(NonZeroUsize::MAX))
}

/// The input as Arrow data, checked to be of a type we read. Whatever its producer, it is
/// imported by pyarrow first (a pyarrow array as it is): pyarrow's import does not check a
/// string array's UTF-8, so a bad row gets `error` rather than failing the batch (see
/// [`binary_view_of`]).
fn import(array: &Bound<'_, PyAny>) -> PyResult<ArrayData> {
    let pyarrow = array.py().import("pyarrow")?;
    let array = if array.is_instance(&pyarrow.getattr("Array")?)? {
        array.clone()
    } else if array.is_instance(&pyarrow.getattr("ChunkedArray")?)? {
        // A table's column has no single-array capsule: its chunks are joined first.
        joined(array)?
    } else if array.hasattr("__arrow_c_array__")? {
        // Another library's array (its schema says what it is; a record batch is a struct).
        pyarrow.call_method1("array", (array,))?
    } else if array.hasattr("__arrow_c_stream__")? {
        // Another library's column (a Polars Series), read as a ChunkedArray through its
        // stream capsule, then joined. A table's stream is one of structs, refused below.
        joined(&pyarrow.call_method1("chunked_array", (array,))?)?
    } else {
        return Err(PyTypeError::new_err(format!(
            "normalize_arrow expects {EXPECTED}, got {}",
            array.get_type().name()?
        )));
    };
    let data = ArrayData::from_pyarrow_bound(&binary_view_of(&array)?)?;
    match data.data_type() {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::Null => Ok(data),
        other => Err(PyTypeError::new_err(format!(
            "normalize_arrow expects {EXPECTED}, got an array of {other}"
        ))),
    }
}

/// A ChunkedArray's chunks joined into one array; as `large_string` (`large_binary`) when its
/// bytes are more than `string`'s 32-bit offsets reach (2 GiB), where joining it as it is fails
/// (`offset overflow while concatenating arrays`).
fn joined<'py>(chunked: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let bytes: u64 = chunked.getattr("nbytes")?.extract().unwrap_or(0);
    let large = match chunked.getattr("type")?.str()?.to_cow()?.as_ref() {
        "string" => Some("large_string"),
        "binary" => Some("large_binary"),
        _ => None,
    };
    match large.filter(|_| bytes > i32::MAX as u64) {
        Some(kind) => {
            let kind = chunked.py().import("pyarrow")?.call_method0(kind)?;
            chunked
                .call_method1("cast", (kind,))?
                .call_method0("combine_chunks")
        }
        None => chunked.call_method0("combine_chunks"),
    }
}

/// A pyarrow string array as the binary array of the same bytes (a zero-copy `view`), so that
/// importing it does not check all of its UTF-8 at once with the GIL held: each row is checked
/// as it is normalised, in the worker threads (a bad row gets `error`). Other arrays as they are.
fn binary_view_of<'py>(array: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let binary = match array.getattr("type")?.str()?.to_cow()?.as_ref() {
        "string" => "binary",
        "large_string" => "large_binary",
        "string_view" => "binary_view",
        _ => return Ok(array.clone()),
    };
    let binary = array.py().import("pyarrow")?.call_method0(binary)?;
    array.call_method1("view", (binary,))
}

/// Normalises every row of `data` (one of the types [`import`] accepts). With more than one
/// thread, the rows are claimed [`MIN_ROWS_PER_THREAD`] at a time: this thread takes them from
/// the front, into columns sized for every row, and the others from the back, each into columns
/// of its own, until they meet, so that no thread waits for another's share (on this VM one of
/// two equal halves often finished 15–50 ms, up to a tenth of the call, after the other). Only
/// the other threads' rows are copied again, appended in order; the columns are then joined
/// and finished on as many threads as took part.
fn build(data: &ArrayData, hint: Hint, threads: NonZeroUsize) -> PyResult<RecordBatch> {
    let array = make_array(data.clone());
    let rows = array.len();
    let count = threads.get().min(rows / MIN_ROWS_PER_THREAD).max(1);
    let claims = Claims(Mutex::new(0..rows));
    // Another thread's columns are sized for twice its even share (all the rows on two
    // threads): how many it gets depends on the others' pace, and capacity never written to
    // costs no memory, but a column that grew would be copied.
    let share = (rows / count).saturating_mul(2).min(rows);
    let (first, tails) = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..count)
            .map(|_| scope.spawn(|| from_back(&array, &claims, share, hint)))
            .collect();
        let mut first = Columns::new(rows);
        while let Some(chunk) = claims.front() {
            fill(&array.slice(chunk.start, chunk.len()), &mut first, hint)?;
        }
        let tails = workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_else(|_| Err(panicked())))
            .collect::<PyResult<Vec<_>>>()?;
        Ok::<_, pyo3::PyErr>((first, tails))
    })?;
    // The later rows in order: every chunk of every other thread, by where it starts.
    let mut pieces: Vec<(usize, Piece)> = tails
        .iter()
        .enumerate()
        .flat_map(|(part, (_, chunks))| {
            chunks.iter().map(move |(start, rows)| {
                let rows = rows.clone();
                (*start, Piece { part, rows })
            })
        })
        .collect();
    pieces.sort_unstable_by_key(|(start, _)| *start);
    let pieces = pieces.into_iter().map(|(_, piece)| piece).collect();
    let tails = tails.into_iter().map(|(columns, _)| columns).collect();
    first.finish(tails, pieces, count)
}

/// The rows no thread has claimed yet.
struct Claims(Mutex<Range<usize>>);

impl Claims {
    fn left(&self) -> std::sync::MutexGuard<'_, Range<usize>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next rows from the front, if any are left.
    fn front(&self) -> Option<Range<usize>> {
        let mut left = self.left();
        let end = left.end.min(left.start.saturating_add(MIN_ROWS_PER_THREAD));
        let chunk = left.start..end;
        left.start = end;
        (!chunk.is_empty()).then_some(chunk)
    }

    /// The next rows from the back, if any are left.
    fn back(&self) -> Option<Range<usize>> {
        let mut left = self.left();
        let start = left.end.saturating_sub(MIN_ROWS_PER_THREAD).max(left.start);
        let chunk = start..left.end;
        left.end = start;
        (!chunk.is_empty()).then_some(chunk)
    }
}

/// A thread's columns of the rows it claimed from the back, and where each chunk came from:
/// its first row in the input, and its rows in these columns.
type FromBack = (Columns, Vec<(usize, Range<usize>)>);

/// Claims rows from the back of `array` until none are left, into columns sized for `rows` rows
/// (they grow if this thread takes more).
fn from_back(array: &ArrayRef, claims: &Claims, rows: usize, hint: Hint) -> PyResult<FromBack> {
    let mut out = Columns::new(rows);
    let mut chunks = Vec::new();
    while let Some(chunk) = claims.back() {
        let before = out.rows();
        fill(&array.slice(chunk.start, chunk.len()), &mut out, hint)?;
        chunks.push((chunk.start, before..out.rows()));
    }
    Ok((out, chunks))
}

/// The rows of `array` (a slice of the input) appended to `out`.
fn fill(array: &ArrayRef, out: &mut Columns, hint: Hint) -> PyResult<()> {
    match array.data_type() {
        DataType::Utf8 => out.fill(array.as_string::<i32>().iter().map(text), hint),
        DataType::LargeUtf8 => out.fill(array.as_string::<i64>().iter().map(text), hint),
        DataType::Utf8View => out.fill(array.as_string_view().iter().map(text), hint),
        DataType::Binary => fill_binary(out, array.as_binary::<i32>(), hint),
        DataType::LargeBinary => fill_binary(out, array.as_binary::<i64>(), hint),
        DataType::BinaryView => out.fill(array.as_binary_view().iter().map(bytes), hint),
        _ => out.fill((0..array.len()).map(|_| Row::Null), hint),
    }
}

/// The rows of a binary array (a string array's bytes, see [`binary_view_of`]). Their bytes are
/// checked as UTF-8 all at once (SIMD; per row, the check took 6% of the time); a row is then a
/// slice of that text on character boundaries, and a slice of valid UTF-8 between boundaries is
/// valid. Where the whole is not UTF-8, each row is checked on its own, so that only the bad rows
/// get `error`, with the reason.
fn fill_binary<O: OffsetSizeTrait>(
    out: &mut Columns,
    array: &GenericBinaryArray<O>,
    hint: Hint,
) -> PyResult<()> {
    let offsets = array.value_offsets();
    let start = offsets.first().map_or(0, |o| o.as_usize());
    let end = offsets.last().map_or(0, |o| o.as_usize());
    let whole = array.values().get(start..end);
    let Some(Ok(text)) = whole.map(simdutf8::basic::from_utf8) else {
        return out.fill(array.iter().map(bytes), hint);
    };
    let rows = array.iter().zip(offsets.windows(2)).map(|(value, ends)| {
        value.map_or(Row::Null, |value| {
            // Not on character boundaries means not UTF-8 alone: the row's own check says why.
            // (Offsets out of order, which the import refuses, would land there too.)
            let at = |end: &O| end.as_usize().wrapping_sub(start);
            text.get(at(&ends[0])..at(&ends[1]))
                .map_or(Row::Bytes(value), Row::Text)
        })
    });
    out.fill(rows, hint)
}

fn text(value: Option<&str>) -> Row<'_> {
    value.map_or(Row::Null, Row::Text)
}

fn bytes(value: Option<&[u8]>) -> Row<'_> {
    value.map_or(Row::Null, Row::Bytes)
}
