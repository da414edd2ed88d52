"""The dicts numauth returns, as ``TypedDict`` classes: the core library's serde output, in the
shapes ``numauth export --format json`` and ``numauth normalize`` print. Ids are snake_case
strings (``pns``, ``mobile_data_disabled``), kept as ``str`` because the catalog keeps gaining
them. Defined at run time too, so that ``numauth.Entry`` in an annotation that Python evaluates
(a module-level variable's) resolves."""

from typing import Any, Dict, List, Optional, TypedDict


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
    provenance: List[str]


class Entry(_EntryRequired, total=False):
    """A catalog row in the shape `numauth export --format json` prints."""

    match: Dict[str, str]
    suggestion: Text
    http_status: int
    carrier: str
    platforms: List[str]
    since: str
    until: str
    translated: List[str]
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
    params: Optional[Dict[str, Any]]
    extra: Dict[str, Any]
    advice: Optional[Dict[str, Any]]
