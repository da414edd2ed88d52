"""Type stubs for numauth. The dicts are the core library's serde output; ids are snake_case
strings (`pns`, `mobile_data_disabled`) kept as `str` because the catalog keeps gaining them."""

from typing import Any, Optional, TypedDict, Union

import pyarrow

DATA_VERSION: str
MAX_INPUT_BYTES: int
# The Spark DDL of `normalize_arrow`'s output, every column: the schema for `mapInArrow`.
SPARK_SCHEMA: str

class NormalizeError(ValueError): ...

class Text(TypedDict):
    zh: str
    en: str

class _EntryRequired(TypedDict):
    source: str
    code: str
    message: Text
    outcome: str
    category: str
    actor: str
    retryable: bool
    action: str
    provenance: list[str]

class Entry(_EntryRequired, total=False):
    """A catalog row in the shape `numauth export --format json` prints."""

    match: dict[str, str]
    suggestion: Text
    http_status: int
    carrier: str
    platforms: list[str]
    since: str
    until: str
    translated: list[str]
    note: str

class Normalized(TypedDict):
    """One callback, normalised, in the shape `numauth normalize` prints."""

    source: str
    code: str
    known: bool
    outcome: str
    category: str
    actor: str
    retryable: bool
    action: str
    message: Optional[Text]
    raw_msg: Optional[str]
    root_cause: Optional["Normalized"]
    carrier: Optional[str]
    request_id: Optional[str]
    params: Optional[dict[str, Any]]
    extra: dict[str, Any]
    advice: Optional[dict[str, Any]]

def lookup(source: str, code: str, msg: Optional[str] = None) -> Optional[Entry]: ...
def explain(
    code: str, source: Optional[str] = None, msg: Optional[str] = None
) -> list[Entry]: ...
def normalize(
    raw: Union[str, bytes],
    platform: Optional[str] = None,
    source: Optional[str] = None,
    os_version: Optional[str] = None,
    sdk_version: Optional[str] = None,
) -> Normalized: ...
def normalize_arrow(
    array: Union[pyarrow.Array, pyarrow.ChunkedArray, Any],
    source: Optional[str] = None,
    platform: Optional[str] = None,
    os_version: Optional[str] = None,
    sdk_version: Optional[str] = None,
    threads: Optional[int] = None,
) -> pyarrow.RecordBatch: ...
