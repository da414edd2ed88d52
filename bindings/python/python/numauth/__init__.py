"""Typed, explained outcomes for the result codes of China's one-click mobile-number login.

The row API (``lookup``, ``explain``, ``normalize``) returns plain dicts with the field names and
ids of ``numauth export`` and ``numauth normalize``; ``normalize_arrow`` normalises a whole Arrow
array of raw callbacks into a ``pyarrow.RecordBatch`` without a Python loop per row.
"""

from ._numauth import (
    DATA_VERSION,
    MAX_INPUT_BYTES,
    NormalizeError,
    SPARK_SCHEMA,
    explain,
    lookup,
    normalize,
    normalize_arrow,
    release_buffers,
)
from ._types import Entry, Normalized, Text

__all__ = [
    "DATA_VERSION",
    "Entry",
    "MAX_INPUT_BYTES",
    "NormalizeError",
    "Normalized",
    "SPARK_SCHEMA",
    "Text",
    "explain",
    "lookup",
    "normalize",
    "normalize_arrow",
    "release_buffers",
]
