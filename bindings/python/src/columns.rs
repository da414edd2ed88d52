//! The output columns of `normalize_arrow`: built row by row for one part of the input; the
//! columns of the first part then take those of the others, part after part, and make one
//! record batch.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use numauth::{normalize_with, Hint, Normalized};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

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
struct Text {
    name: &'static str,
    builder: StringBuilder,
}

impl Text {
    // Sixteen calls a row: inlined, they cost 160 fewer instructions a row (callgrind).
    #[inline(always)]
    fn push(&mut self, value: Option<&str>) -> PyResult<()> {
        match value {
            None => self.builder.append_null(),
            Some(v) => {
                if self.builder.values_slice().len() + v.len() > i32::MAX as usize {
                    return Err(too_big(self.name));
                }
                self.builder.append_value(v);
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.builder.finish())
    }
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
        // generated log). Growing a buffer copies it (Arrow's 64-byte alignment rules out an
        // in-place `realloc`), and capacity never written to costs no memory.
        let text = |name, per_row: usize| Text {
            name,
            builder: StringBuilder::with_capacity(rows, rows * per_row),
        };
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

    /// The finished columns, in the order of [`NAMES`].
    fn into_arrays(mut self) -> [ArrayRef; 18] {
        [
            self.source.finish(),
            self.code.finish(),
            Arc::new(self.known.finish()),
            self.outcome.finish(),
            self.category.finish(),
            self.actor.finish(),
            Arc::new(self.retryable.finish()),
            self.action.finish(),
            self.message_zh.finish(),
            self.message_en.finish(),
            self.root_source.finish(),
            self.root_code.finish(),
            self.carrier.finish(),
            self.request_id.finish(),
            self.advice_id.finish(),
            self.advice_zh.finish(),
            self.advice_en.finish(),
            self.error.finish(),
        ]
    }

    /// These columns as a record batch.
    pub fn finish(self) -> PyResult<RecordBatch> {
        record_batch(self.into_arrays().into())
    }

    /// Appends the columns of the parts that follow these, in order, as many columns at a time
    /// as there are threads. Each part's column is freed once it is appended.
    pub fn append(&mut self, parts: Vec<Columns>, threads: usize) -> PyResult<()> {
        let mut parts: Vec<_> = parts
            .into_iter()
            .map(|p| p.into_arrays().into_iter())
            .collect();
        let mut shares: Vec<Vec<(Column<'_>, Vec<ArrayRef>)>> =
            (0..threads.max(1)).map(|_| Vec::new()).collect();
        let count = shares.len();
        for (i, column) in self.columns_mut().into_iter().enumerate() {
            let tails = parts.iter_mut().filter_map(Iterator::next).collect();
            shares[i % count].push((column, tails));
        }
        std::thread::scope(|scope| {
            let workers: Vec<_> = shares
                .into_iter()
                .map(|share| {
                    scope.spawn(move || {
                        share
                            .into_iter()
                            .try_for_each(|(column, tails)| column.append(&tails))
                    })
                })
                .collect();
            workers
                .into_iter()
                .try_for_each(|worker| worker.join().map_err(|_| panicked())?)
        })
    }

    /// Every column, in the order of [`NAMES`], to append to.
    fn columns_mut(&mut self) -> [Column<'_>; 18] {
        use Column::{Bool, Text};
        [
            Text(&mut self.source),
            Text(&mut self.code),
            Bool(&mut self.known),
            Text(&mut self.outcome),
            Text(&mut self.category),
            Text(&mut self.actor),
            Bool(&mut self.retryable),
            Text(&mut self.action),
            Text(&mut self.message_zh),
            Text(&mut self.message_en),
            Text(&mut self.root_source),
            Text(&mut self.root_code),
            Text(&mut self.carrier),
            Text(&mut self.request_id),
            Text(&mut self.advice_id),
            Text(&mut self.advice_zh),
            Text(&mut self.advice_en),
            Text(&mut self.error),
        ]
    }
}

/// One column being built, of either type.
enum Column<'a> {
    Text(&'a mut Text),
    Bool(&'a mut BooleanBuilder),
}

impl Column<'_> {
    /// Appends `tails` (finished arrays of this column's type) after the values built so far.
    fn append(self, tails: &[ArrayRef]) -> PyResult<()> {
        match self {
            Column::Bool(builder) => {
                for tail in tails {
                    builder.append_array(tail.as_boolean());
                }
            }
            Column::Text(text) => {
                for tail in tails {
                    text.builder
                        .append_array(tail.as_string::<i32>())
                        .map_err(|_| too_big(text.name))?;
                }
            }
        }
        Ok(())
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
