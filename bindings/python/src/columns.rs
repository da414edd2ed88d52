//! The output columns of `normalize_arrow`, built row by row by each thread for the rows it
//! claimed; the calling thread's then take the other threads' rows in order (`join.rs`) and
//! make one record batch.

use std::ops::Range;
use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{Array, ArrayRef, BinaryArray, RecordBatch};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema};
use numauth::{normalize_with, Hint, Normalized};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

pub use crate::join::Piece;
use crate::join::{self, Column};
use crate::pool;
use crate::validity::Validity;

/// One input row, as it comes out of whichever array type was passed.
pub enum Row<'a> {
    Null,
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// The output columns' names, in order.
pub const NAMES: [&str; 18] = [
    "source",
    "code",
    "known",
    "outcome",
    "category",
    "actor",
    "retryable",
    "action",
    "message_zh",
    "message_en",
    "root_source",
    "root_code",
    "carrier",
    "request_id",
    "advice_id",
    "advice_zh",
    "advice_en",
    "error",
];

/// The 2 GiB a UTF-8 column of `i32` offsets can hold, as the `ValueError` names it.
fn too_big(name: &str) -> pyo3::PyErr {
    PyValueError::new_err(format!(
        "the output column {name} would pass 2 GiB: pass smaller batches"
    ))
}

/// A UTF-8 output column that refuses, rather than panics, past Arrow's 2 GiB per array.
///
/// Its values are pushed as `&str`, so they are UTF-8 by construction. It finishes as a binary
/// array (`string_columns` in `batch.rs` views it as `string` at no cost): a string array built
/// from parts checks every byte again (7.5% more instructions a call, callgrind). It keeps its
/// own offsets and values rather than Arrow's `StringBuilder`, whose pushes (16 a row) took
/// about twice the instructions.
pub struct Text {
    name: &'static str,
    values: Vec<u8>,
    /// One per row, after the first `0`: where each row's value ends.
    offsets: Vec<i32>,
    valid: Validity,
}

impl Text {
    fn new(name: &'static str, rows: usize, bytes: usize) -> Self {
        let mut offsets = pool::take(rows + 1);
        offsets.push(0);
        Text {
            name,
            values: pool::take(bytes),
            offsets,
            valid: Validity::with_capacity(rows),
        }
    }

    #[inline(always)]
    fn push(&mut self, value: Option<&str>) -> PyResult<()> {
        if let Some(v) = value {
            self.values.extend_from_slice(v.as_bytes());
        }
        self.valid.push(value.is_some());
        self.end_row()
    }

    #[inline(always)]
    fn end_row(&mut self) -> PyResult<()> {
        let end = i32::try_from(self.values.len()).map_err(|_| too_big(self.name))?;
        self.offsets.push(end);
        Ok(())
    }

    /// Appends the rows `rows` of `tail` (another thread's column) after these.
    pub fn append_rows(&mut self, tail: &Text, rows: Range<usize>) -> PyResult<()> {
        let ends = tail.offsets.get(rows.start..=rows.end);
        let (Some(ends), Some(base)) = (ends, self.offsets.last().copied()) else {
            return Err(join::mismatched());
        };
        let (from, to) = (ends.first().copied(), ends.last().copied());
        let values = from
            .zip(to)
            .and_then(|(from, to)| tail.values.get(from as usize..to as usize));
        let (Some(from), Some(values)) = (from, values) else {
            return Err(join::mismatched());
        };
        if self.values.len() + values.len() > i32::MAX as usize {
            return Err(too_big(self.name));
        }
        if !self.valid.append_range(&tail.valid, rows) {
            return Err(join::mismatched());
        }
        self.values.extend_from_slice(values);
        // Below 2 GiB in total (checked above), so no sum overflows.
        let shift = base - from;
        self.offsets
            .extend(ends.iter().skip(1).map(|end| shift + end));
        Ok(())
    }

    /// Gives the buffers back for a later call, once their rows are copied.
    pub fn recycle(self) {
        pool::give(self.values);
        pool::give(self.offsets);
    }

    pub fn finish(self) -> PyResult<ArrayRef> {
        let Text {
            name,
            values,
            offsets,
            valid,
        } = self;
        let ends = offsets.len();
        let offsets = OffsetBuffer::new(ScalarBuffer::new(pool::buffer(offsets), 0, ends));
        BinaryArray::try_new(offsets, pool::buffer(values), valid.finish())
            .map(|a| Arc::new(a) as ArrayRef)
            .map_err(|e| PyValueError::new_err(format!("the output column {name}: {e}")))
    }
}

/// The output's schema as Spark DDL (`source string, code string, known boolean, ...`), the
/// schema `mapInArrow` needs to keep every column: read off an empty batch as it is built, so
/// that it cannot drift from what `normalize_arrow` returns.
pub fn spark_schema() -> PyResult<String> {
    let schema = Columns::new(0).finish(Vec::new(), Vec::new(), 1)?.schema();
    let columns = schema.fields().iter().map(|field| {
        let kind = match field.data_type() {
            // Built binary, returned viewed as `string` (see `Text`).
            DataType::Binary => "string",
            DataType::Boolean => "boolean",
            other => {
                return Err(PyValueError::new_err(format!(
                    "the output column {} has a type with no Spark name here: {other}",
                    field.name()
                )))
            }
        };
        Ok(format!("{} {kind}", field.name()))
    });
    Ok(columns.collect::<PyResult<Vec<_>>>()?.join(", "))
}

/// The output columns being built. Every column is nullable: a row that could not be used has
/// only `error` set.
pub struct Columns {
    source: Text,
    code: Text,
    known: BooleanBuilder,
    outcome: Text,
    category: Text,
    actor: Text,
    retryable: BooleanBuilder,
    action: Text,
    message_zh: Text,
    message_en: Text,
    root_source: Text,
    root_code: Text,
    carrier: Text,
    request_id: Text,
    advice_id: Text,
    advice_zh: Text,
    advice_en: Text,
    error: Text,
}

impl Columns {
    pub fn new(rows: usize) -> Self {
        // Bytes per row: ids take a few, messages a few dozen (22 and 28 on average in the
        // generated log). Capacity never written to costs no memory.
        let text = |name, per_row: usize| Text::new(name, rows, rows * per_row);
        let id = |name| text(name, 16);
        Columns {
            source: id("source"),
            code: id("code"),
            known: BooleanBuilder::with_capacity(rows),
            outcome: id("outcome"),
            category: id("category"),
            actor: id("actor"),
            retryable: BooleanBuilder::with_capacity(rows),
            action: id("action"),
            message_zh: text("message_zh", 48),
            message_en: text("message_en", 48),
            root_source: id("root_source"),
            root_code: id("root_code"),
            carrier: id("carrier"),
            request_id: id("request_id"),
            advice_id: id("advice_id"),
            advice_zh: id("advice_zh"),
            advice_en: id("advice_en"),
            error: id("error"),
        }
    }

    pub fn fill<'a>(&mut self, rows: impl Iterator<Item = Row<'a>>, hint: Hint) -> PyResult<()> {
        for row in rows {
            let text = match row {
                Row::Null => Err("the payload is null".to_owned()),
                Row::Text(t) => Ok(t),
                Row::Bytes(b) => {
                    std::str::from_utf8(b).map_err(|e| format!("the payload is not UTF-8: {e}"))
                }
            };
            match text.and_then(|t| normalize_with(t, hint).map_err(|e| e.to_string())) {
                Ok(n) => self.push(&n)?,
                Err(e) => self.push_error(&e)?,
            }
        }
        Ok(())
    }

    fn push(&mut self, n: &Normalized<'_>) -> PyResult<()> {
        // The deepest cause, as `numauth report` counts root causes.
        let root = n.root_cause.as_ref().map(|_| n.deepest_cause());
        self.source.push(Some(n.source.as_str()))?;
        self.code.push(Some(&n.code))?;
        self.known.append_value(n.known);
        self.outcome.push(Some(n.outcome.as_str()))?;
        self.category.push(Some(n.category.as_str()))?;
        self.actor.push(Some(n.actor.as_str()))?;
        self.retryable.append_value(n.retryable);
        self.action.push(Some(n.action.as_str()))?;
        self.message_zh.push(n.message.map(|m| m.zh))?;
        self.message_en.push(n.message.map(|m| m.en))?;
        self.root_source.push(root.map(|r| r.source.as_str()))?;
        self.root_code.push(root.map(|r| r.code.as_ref()))?;
        self.carrier.push(n.carrier.map(|c| c.as_str()))?;
        self.request_id.push(n.request_id.as_deref())?;
        let advice = n.advice.as_deref();
        self.advice_id.push(advice.map(|a| &*a.id))?;
        self.advice_zh.push(advice.map(|a| &*a.zh))?;
        self.advice_en.push(advice.map(|a| &*a.en))?;
        self.error.push(None)
    }

    fn push_error(&mut self, error: &str) -> PyResult<()> {
        for column in [
            &mut self.source,
            &mut self.code,
            &mut self.outcome,
            &mut self.category,
            &mut self.actor,
            &mut self.action,
            &mut self.message_zh,
            &mut self.message_en,
            &mut self.root_source,
            &mut self.root_code,
            &mut self.carrier,
            &mut self.request_id,
            &mut self.advice_id,
            &mut self.advice_zh,
            &mut self.advice_en,
        ] {
            column.push(None)?;
        }
        self.known.append_null();
        self.retryable.append_null();
        self.error.push(Some(error))
    }

    /// How many rows the columns hold.
    pub fn rows(&self) -> usize {
        self.error.valid.len()
    }

    /// Every column, in the order of [`NAMES`].
    fn into_columns(self) -> [Column; 18] {
        use Column::{Bool, Text};
        [
            Text(self.source),
            Text(self.code),
            Bool(self.known),
            Text(self.outcome),
            Text(self.category),
            Text(self.actor),
            Bool(self.retryable),
            Text(self.action),
            Text(self.message_zh),
            Text(self.message_en),
            Text(self.root_source),
            Text(self.root_code),
            Text(self.carrier),
            Text(self.request_id),
            Text(self.advice_id),
            Text(self.advice_zh),
            Text(self.advice_en),
            Text(self.error),
        ]
    }

    /// The record batch of these columns followed by `pieces`, rows of `tails` (the columns of
    /// the other threads), in order (the UTF-8 columns as binary: see [`Text`]). See
    /// [`join::finish`].
    pub fn finish(
        self,
        tails: Vec<Columns>,
        pieces: Vec<Piece>,
        threads: usize,
    ) -> PyResult<RecordBatch> {
        let tails = tails
            .into_iter()
            .map(|t| t.into_columns().into_iter())
            .collect();
        let arrays = join::finish(self.into_columns(), tails, &pieces, threads)?;
        record_batch(arrays)
    }
}

/// The error for a worker thread that panicked (a bug: the rows never panic).
pub fn panicked() -> pyo3::PyErr {
    pyo3::exceptions::PyRuntimeError::new_err("a normalize_arrow thread panicked")
}

/// The batch of `columns`, in the order of [`NAMES`]; every column nullable.
fn record_batch(columns: Vec<ArrayRef>) -> PyResult<RecordBatch> {
    let fields: Vec<Field> = NAMES
        .iter()
        .zip(&columns)
        .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
        .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}
