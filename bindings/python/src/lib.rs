//! The `numauth` Python package's native module, `numauth._numauth`.
//!
//! A thin layer over the `numauth` crate: the row API hands the core's own serde output to
//! Python (`json.loads` of what `numauth export` / `numauth normalize` print), so a field the
//! core gains shows up here without a change; the batch API (`normalize_arrow`) takes and
//! returns Arrow data through the C Data Interface.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod batch;
mod columns;
mod join;
mod pool;
mod validity;

use std::borrow::Cow;

use numauth::{Hint, Platform, Source, Version};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

create_exception!(
    numauth,
    NormalizeError,
    PyValueError,
    "No result code could be taken from the input (empty, too large, too deep, or no code)."
);

/// A Rust value serialised by serde, as the Python object `json.loads` makes of it.
fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// An id given from Python (`"pns"`, `"android"`), parsed by the core's `FromStr`; a bad id is a
/// `ValueError` listing the valid ones.
fn parse_id<T>(id: Option<&str>) -> PyResult<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    id.map(|s| {
        s.parse()
            .map_err(|e: T::Err| PyValueError::new_err(e.to_string()))
    })
    .transpose()
}

/// What the caller knows about every callback, from the `source=`, `platform=`,
/// `os_version=` and `sdk_version=` arguments; a bad one is a `ValueError` saying what is valid.
fn hint(
    source: Option<&str>,
    platform: Option<&str>,
    os_version: Option<&str>,
    sdk_version: Option<&str>,
) -> PyResult<Hint> {
    let version = |name: &str, v: Option<&str>| {
        v.map(|v| {
            v.parse::<Version>()
                .map_err(|e| PyValueError::new_err(format!("{name}: {e}")))
        })
        .transpose()
    };
    Ok(Hint {
        source: parse_id::<Source>(source)?,
        platform: parse_id::<Platform>(platform)?,
        os_version: version("os_version", os_version)?,
        sdk_version: version("sdk_version", sdk_version)?,
        ..Hint::default()
    })
}

/// The catalog entry for `code` in `source` (with `msg`, the message the SDK sent, for China
/// Unicom's `1` + message rows), as a dict in the export shape; `None` when the catalog does not
/// know it.
#[pyfunction]
#[pyo3(signature = (source, code, msg=None))]
fn lookup<'py>(
    py: Python<'py>,
    source: &str,
    code: &Bound<'py, PyString>,
    msg: Option<&Bound<'py, PyString>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let source: Source = source
        .parse()
        .map_err(|e: numauth::ParseIdError| PyValueError::new_err(e.to_string()))?;
    let code = str_arg(code)?;
    let entry = match msg.map(str_arg).transpose()? {
        Some(m) => numauth::lookup_with_msg(source, &code, &m),
        None => numauth::lookup(source, &code),
    };
    entry.map(|e| to_python(py, e)).transpose()
}

/// Every meaning of `code`, highest-ranked source first, as `numauth explain CODE --json` prints
/// them ([`numauth::meanings`]): one entry per source that knows the code (only `source` when
/// given), and one per platform where a source documents the code per platform.
#[pyfunction]
#[pyo3(signature = (code, source=None, msg=None))]
fn explain<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyString>,
    source: Option<&str>,
    msg: Option<&Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    let msg = msg.map(str_arg).transpose()?;
    let found = numauth::meanings(&str_arg(code)?, parse_id::<Source>(source)?, msg.as_deref());
    to_python(py, &found)
}

/// A `str` holding lone surrogates, with each read as one U+FFFD (PyO3's `to_string_lossy`
/// makes three of each, one per byte of its UTF-8 form).
fn lossy<'a>(s: &Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    let encoded = s.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]))
        .collect();
    Ok(Cow::Owned(String::from_utf16_lossy(&units)))
}

/// A `str` argument's text, a lone surrogate read as U+FFFD ([`lossy`]), as `normalize` reads
/// one: a code or message cut from a log is looked up, not refused with `UnicodeEncodeError`.
fn str_arg<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    s.to_cow().or_else(|_| lossy(s))
}

/// Text from a `str` or UTF-8 `bytes` argument.
fn text_arg<'a>(raw: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = raw.cast::<PyString>() {
        // A lone surrogate (from `json.loads` of a cut `\ud83d`, or `surrogateescape`) is read
        // as U+FFFD, as the CLI reads that escape: the rest of the callback still counts.
        return str_arg(s);
    }
    if let Ok(b) = raw.cast::<PyBytes>() {
        return std::str::from_utf8(b.as_bytes())
            .map(Cow::Borrowed)
            .map_err(|e| NormalizeError::new_err(format!("the payload is not UTF-8: {e}")));
    }
    Err(PyTypeError::new_err(format!(
        "normalize expects the callback as str or bytes, got {}",
        raw.get_type().name()?
    )))
}

/// One raw callback, normalised: a dict with the fields `numauth normalize` prints. Raises
/// `NormalizeError` (a `ValueError`) when no code can be found. `platform`, `os_version` and
/// `sdk_version` pick the advice (`advice` in the result) for where the callback came from.
#[pyfunction]
#[pyo3(signature = (raw, platform=None, source=None, os_version=None, sdk_version=None))]
fn normalize<'py>(
    py: Python<'py>,
    raw: &Bound<'py, PyAny>,
    platform: Option<&str>,
    source: Option<&str>,
    os_version: Option<&str>,
    sdk_version: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let hint = hint(source, platform, os_version, sdk_version)?;
    let text = text_arg(raw)?;
    match numauth::normalize_with(&text, hint) {
        Ok(n) => to_python(py, &n),
        Err(e) => Err(NormalizeError::new_err(e.to_string())),
    }
}

/// Frees the output buffers `normalize_arrow` keeps for its next call (those of the batches it
/// returned that pyarrow has since released, up to 1 GiB of capacity); returns the bytes of
/// capacity freed. A long-lived process that is done with big batches calls it to give the
/// memory back.
#[pyfunction]
fn release_buffers(py: Python<'_>) -> usize {
    py.detach(pool::release)
}

/// The Python module `numauth._numauth`.
#[pymodule]
fn _numauth(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(batch::normalize_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(release_buffers, m)?)?;
    m.add("NormalizeError", m.py().get_type::<NormalizeError>())?;
    m.add("DATA_VERSION", numauth::DATA_VERSION)?;
    m.add("MAX_INPUT_BYTES", numauth::MAX_INPUT_BYTES)?;
    m.add("SPARK_SCHEMA", columns::spark_schema()?)?;
    Ok(())
}
