//! `normalize_arrow`: an Arrow array of raw callbacks in, a record batch of typed columns out,
//! one row per input row. Data crosses through the Arrow C Data Interface (PyCapsules), never as
//! Python objects, and the GIL is released while the rows are normalised.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{make_array, Array, ArrayRef, RecordBatch};
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::{DataType, Field, Schema};
use numauth::{normalize_with, Hint, Normalized};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// The input types accepted, as the `TypeError` names them.
const EXPECTED: &str = "a pyarrow Array or ChunkedArray of string, large_string, string_view, \
                        binary, large_binary or binary_view";

/// One input row, as it comes out of whichever array type was passed.
enum Row<'a> {
    Null,
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// Normalises every payload of `array` (a pyarrow string or binary array; nulls allowed) into a
/// `pyarrow.RecordBatch` with one row per input row.
///
/// A row that cannot be used (null, empty, not UTF-8, over the size limit, no code) has its
/// `error` column set and every other column null; it never raises. Wrong argument types raise
/// `TypeError`; a bad `source` or `platform` id, or a version that is not one, raises
/// `ValueError`. `platform`, `os_version` and `sdk_version` apply to every row and pick the
/// `advice_*` columns; a payload's own version fields (`sdkVersion`, `release`) count too.
#[pyfunction]
#[pyo3(signature = (array, source=None, platform=None, os_version=None, sdk_version=None))]
pub fn normalize_arrow<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    source: Option<&str>,
    platform: Option<&str>,
    os_version: Option<&str>,
    sdk_version: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let hint = crate::hint(source, platform, os_version, sdk_version)?;
    let data = import(array)?;
    let batch = py.detach(|| build(&data, hint))?;
    batch.to_pyarrow(py)
}

/// The input as Arrow data, checked to be of a type we read.
fn import(array: &Bound<'_, PyAny>) -> PyResult<ArrayData> {
    // A ChunkedArray (a table's column) has no single-array capsule: join its chunks first.
    let array = if array.hasattr("combine_chunks")? && !array.hasattr("__arrow_c_array__")? {
        array.call_method0("combine_chunks")?
    } else {
        array.clone()
    };
    if !array.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err(format!(
            "normalize_arrow expects {EXPECTED}, got {}",
            array.get_type().name()?
        )));
    }
    let data = ArrayData::from_pyarrow_bound(&array)?;
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

/// Normalises every row of `data` (one of the types [`import`] accepts).
fn build(data: &ArrayData, hint: Hint) -> PyResult<RecordBatch> {
    let array = make_array(data.clone());
    let rows = array.len();
    let mut out = Columns::new(rows);
    match array.data_type() {
        DataType::Utf8 => out.fill(array.as_string::<i32>().iter().map(text), hint),
        DataType::LargeUtf8 => out.fill(array.as_string::<i64>().iter().map(text), hint),
        DataType::Utf8View => out.fill(array.as_string_view().iter().map(text), hint),
        DataType::Binary => out.fill(array.as_binary::<i32>().iter().map(bytes), hint),
        DataType::LargeBinary => out.fill(array.as_binary::<i64>().iter().map(bytes), hint),
        DataType::BinaryView => out.fill(array.as_binary_view().iter().map(bytes), hint),
        _ => out.fill((0..rows).map(|_| Row::Null), hint),
    }?;
    out.finish()
}

fn text(value: Option<&str>) -> Row<'_> {
    value.map_or(Row::Null, Row::Text)
}

fn bytes(value: Option<&[u8]>) -> Row<'_> {
    value.map_or(Row::Null, Row::Bytes)
}

/// A UTF-8 output column that refuses, rather than panics, past Arrow's 2 GiB per array.
struct Text {
    name: &'static str,
    builder: StringBuilder,
}

impl Text {
    fn push(&mut self, value: Option<&str>) -> PyResult<()> {
        match value {
            None => self.builder.append_null(),
            Some(v) => {
                if self.builder.values_slice().len() + v.len() > i32::MAX as usize {
                    return Err(PyValueError::new_err(format!(
                        "the output column {} would pass 2 GiB: pass smaller batches",
                        self.name
                    )));
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
struct Columns {
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
    fn new(rows: usize) -> Self {
        // Ids are a few bytes, messages a few dozen: a first guess that saves most regrowing.
        let text = |name| Text {
            name,
            builder: StringBuilder::with_capacity(rows, rows * 16),
        };
        Columns {
            source: text("source"),
            code: text("code"),
            known: BooleanBuilder::with_capacity(rows),
            outcome: text("outcome"),
            category: text("category"),
            actor: text("actor"),
            retryable: BooleanBuilder::with_capacity(rows),
            action: text("action"),
            message_zh: text("message_zh"),
            message_en: text("message_en"),
            root_source: text("root_source"),
            root_code: text("root_code"),
            carrier: text("carrier"),
            request_id: text("request_id"),
            advice_id: text("advice_id"),
            advice_zh: text("advice_zh"),
            advice_en: text("advice_en"),
            error: text("error"),
        }
    }

    fn fill<'a>(&mut self, rows: impl Iterator<Item = Row<'a>>, hint: Hint) -> PyResult<()> {
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

    fn finish(mut self) -> PyResult<RecordBatch> {
        let columns: [(&str, ArrayRef); 18] = [
            ("source", self.source.finish()),
            ("code", self.code.finish()),
            ("known", Arc::new(self.known.finish())),
            ("outcome", self.outcome.finish()),
            ("category", self.category.finish()),
            ("actor", self.actor.finish()),
            ("retryable", Arc::new(self.retryable.finish())),
            ("action", self.action.finish()),
            ("message_zh", self.message_zh.finish()),
            ("message_en", self.message_en.finish()),
            ("root_source", self.root_source.finish()),
            ("root_code", self.root_code.finish()),
            ("carrier", self.carrier.finish()),
            ("request_id", self.request_id.finish()),
            ("advice_id", self.advice_id.finish()),
            ("advice_zh", self.advice_zh.finish()),
            ("advice_en", self.advice_en.finish()),
            ("error", self.error.finish()),
        ];
        let fields: Vec<Field> = columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect();
        let arrays = columns.into_iter().map(|(_, array)| array).collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
