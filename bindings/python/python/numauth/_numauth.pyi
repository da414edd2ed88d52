"""Type stubs for the native module `numauth._numauth`. The dicts it returns are the core
library's serde output, typed in `numauth._types`."""

from typing import Any, Optional, SupportsIndex, Union

import pyarrow

from ._types import Entry, Normalized

__all__ = [
    "DATA_VERSION",
    "MAX_INPUT_BYTES",
    "NormalizeError",
    "SPARK_SCHEMA",
    "explain",
    "lookup",
    "normalize",
    "normalize_arrow",
    "release_buffers",
]

DATA_VERSION: str
MAX_INPUT_BYTES: int
# The Spark DDL of `normalize_arrow`'s output, every column: the schema for `mapInArrow`.
SPARK_SCHEMA: str

class NormalizeError(ValueError): ...

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
    *,
    source: Optional[str] = None,
    platform: Optional[str] = None,
    os_version: Optional[str] = None,
    sdk_version: Optional[str] = None,
    threads: Optional[SupportsIndex] = None,
) -> pyarrow.RecordBatch: ...
# Frees the output buffers normalize_arrow keeps for its next call; the bytes of capacity freed.
def release_buffers() -> int: ...
