"""normalize_arrow: one row per input row, bad rows as errors, the same answers as the row API."""

from __future__ import annotations

import json
import os
import struct
import threading
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest

import numauth
from conftest import as_report_counts

COLUMNS = [
    "source", "code", "known", "outcome", "category", "actor", "retryable", "action",
    "message_zh", "message_en", "root_source", "root_code", "carrier", "request_id",
    "advice_id", "advice_zh", "advice_en", "error",
]
GOOD = '{"code":"600011","msg":"获取token失败","vendorName":"cm_zyhl","requestId":"r9",' \
       '"carrierFailedResultData":"{\\"resultCode\\":\\"103119\\"}"}'


def test_schema_and_a_row_that_agrees_with_normalize() -> None:
    batch = numauth.normalize_arrow(pa.array([GOOD]))
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.names == COLUMNS
    assert batch.schema.field("known").type == pa.bool_()
    assert batch.schema.field("retryable").type == pa.bool_()
    assert batch.schema.field("outcome").type == pa.string()
    row = batch.to_pylist()[0]
    n = numauth.normalize(GOOD)
    assert row == {
        "source": n["source"], "code": n["code"], "known": n["known"], "outcome": n["outcome"],
        "category": n["category"], "actor": n["actor"], "retryable": n["retryable"],
        "action": n["action"], "message_zh": n["message"]["zh"], "message_en": n["message"]["en"],
        "root_source": "cmcc", "root_code": "103119", "carrier": "cmcc", "request_id": "r9",
        "advice_id": None, "advice_zh": None, "advice_en": None, "error": None,
    }
    assert n["advice"] is None


IOS_600004 = '{"resultCode":"600004","msg":"获取运营商配置信息失败"}'


def test_advice_columns_follow_platform_and_versions() -> None:
    # numauth's advice table: 600004 on iOS 16.4+ with an SDK before 2.12.14 -> upgrade the SDK.
    array = pa.array([IOS_600004, "600000", None])  # 600000 (success) has no rule
    old = numauth.normalize_arrow(array, platform="ios", os_version="16.4", sdk_version="2.12.13")
    assert old.column("advice_id").to_pylist() == ["ios_16_4_carrier_config", None, None]
    assert "2.12.14" in old.column("advice_en")[0].as_py()
    assert "2.12.14" in old.column("advice_zh")[0].as_py()
    for os_version, sdk_version in [("16.3", "2.12.13"), ("16.4", "2.12.14")]:
        batch = numauth.normalize_arrow(
            array, platform="ios", os_version=os_version, sdk_version=sdk_version)
        assert batch.column("advice_id")[0].as_py() != "ios_16_4_carrier_config", os_version
    row = numauth.normalize(IOS_600004, platform="ios", os_version="17.0", sdk_version="2.11")
    assert row["advice"]["id"] == "ios_16_4_carrier_config"
    assert row["advice"]["actor"] == "developer"
    with pytest.raises(ValueError, match="sdk_version"):
        numauth.normalize_arrow(array, sdk_version="two")
    with pytest.raises(ValueError, match="os_version"):
        numauth.normalize(IOS_600004, os_version="sixteen")


BAD = [None, "", "   ", "x" * (1 << 20), "user tapped the banner", "{" * 100]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_bad_rows_are_errors_and_never_lose_the_batch(kind: pa.DataType) -> None:
    values = [GOOD, *BAD, GOOD]
    batch = numauth.normalize_arrow(pa.array(values, type=kind))
    assert batch.num_rows == len(values)
    errors = batch.column("error").to_pylist()
    assert errors[0] is None and errors[-1] is None
    assert all(e for e in errors[1:-1]), errors
    assert "null" in errors[1] and "empty" in errors[2] and "over the limit" in errors[4]
    for name in COLUMNS[:-1]:
        column = batch.column(name).to_pylist()
        assert column[1:-1] == [None] * len(BAD), name
    assert batch.column("outcome").to_pylist()[-1] == "invalid_configuration"


@pytest.mark.parametrize("kind", [pa.binary(), pa.large_binary(), pa.binary_view()])
def test_binary_input_and_invalid_utf8(kind: pa.DataType) -> None:
    batch = numauth.normalize_arrow(pa.array([b"\xff\xfe{", GOOD.encode(), None], type=kind))
    errors = batch.column("error").to_pylist()
    assert "not UTF-8" in errors[0] and errors[1] is None and "null" in errors[2]
    assert batch.column("root_code").to_pylist()[1] == "103119"


def test_chunked_arrays_empty_arrays_and_null_arrays() -> None:
    chunked = pa.chunked_array([[GOOD, None], ["600008"]])
    assert numauth.normalize_arrow(chunked).column("outcome").to_pylist() == [
        "invalid_configuration", None, "mobile_data_disabled"]
    empty = numauth.normalize_arrow(pa.array([], type=pa.string()))
    assert empty.num_rows == 0 and empty.schema.names == COLUMNS
    nulls = numauth.normalize_arrow(pa.array([None, None]))
    assert nulls.column("error").null_count == 0 and nulls.num_rows == 2


def test_arrow_streams_of_other_libraries_are_read() -> None:
    import polars as pl

    series = pl.Series("payload", [GOOD, None, "600008"])
    assert numauth.normalize_arrow(series).column("outcome").to_pylist() == [
        "invalid_configuration", None, "mobile_data_disabled"]
    # A stream of a table, not of one column, is not a column of payloads.
    with pytest.raises(TypeError, match="string, large_string") as e:
        numauth.normalize_arrow(pl.DataFrame({"payload": [GOOD]}))
    assert "struct" in str(e.value).lower()


def test_spark_schema_names_every_column_with_its_type() -> None:
    batch = numauth.normalize_arrow(pa.array([GOOD, None]))
    spark_types = {"string": pa.string(), "boolean": pa.bool_()}
    columns = [column.split(" ") for column in numauth.SPARK_SCHEMA.split(", ")]
    assert [(name, spark_types[kind]) for name, kind in columns] == [
        (field.name, field.type) for field in batch.schema]


def test_sliced_arrays_keep_their_offset() -> None:
    array = pa.array(["600008", GOOD, "700000"]).slice(1, 2)
    assert numauth.normalize_arrow(array).column("code").to_pylist() == ["600011", "700000"]


@pytest.mark.parametrize(
    "bad, named",
    [([GOOD], "list"), ("600011", "str"), (None, "NoneType"),
     (pa.array([1, 2]), "int64"), (pa.array([[GOOD]]), "list")],
)
def test_wrong_types_raise_type_error_saying_what_was_expected(bad: object, named: str) -> None:
    with pytest.raises(TypeError, match="string, large_string") as e:
        numauth.normalize_arrow(bad)  # type: ignore[arg-type]
    assert named.lower() in str(e.value).lower()


def test_a_table_or_record_batch_is_a_type_error() -> None:
    # A red-team find: anything with a `combine_chunks` (a Table) was taken for a ChunkedArray
    # and failed with AttributeError.
    table = pa.table({"payload": [GOOD]})
    for bad in (table, table.to_batches()[0]):
        with pytest.raises(TypeError, match="string, large_string") as e:
            numauth.normalize_arrow(bad)  # type: ignore[arg-type]
        assert "struct" in str(e.value).lower() or "table" in str(e.value).lower()


class OtherArray:
    """Another library's array: only the Arrow PyCapsule interface, no pyarrow methods."""

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __arrow_c_array__(self, requested_schema: object = None) -> object:
        return self.array.__arrow_c_array__(requested_schema)


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_another_librarys_string_array_with_bad_utf8_keeps_the_batch(kind: pa.DataType) -> None:
    # A red-team find: pyarrow arrays were read as binary (a bad row gets `error`), another
    # producer's were imported with their UTF-8 checked at once, and one bad row raised.
    data = b'{"code":"600008"}' + b"\xff\xff" + b'{"code":"600001"}'
    offsets = pa.array([0, 17, 19, 36], pa.int32() if kind == pa.string() else pa.int64())
    array = pa.Array.from_buffers(kind, 3, [None, offsets.buffers()[1], pa.py_buffer(data)])
    batch = numauth.normalize_arrow(OtherArray(array))
    assert batch.column("code").to_pylist() == ["600008", None, "600001"]
    errors = batch.column("error").to_pylist()
    assert errors[0] is None and errors[2] is None
    assert "not UTF-8" in errors[1]
    # And a good one reads as the pyarrow array itself does.
    good = pa.array([GOOD, None, "600008"])
    assert numauth.normalize_arrow(OtherArray(good)).equals(numauth.normalize_arrow(good))


def test_options_are_keywords() -> None:
    # A red-team find: `normalize(raw, platform, source)` but `normalize_arrow(array, source,
    # platform)`, so `normalize_arrow(arr, "ios")` read "ios" as a source. Named only, now.
    with pytest.raises(TypeError, match="positional"):
        numauth.normalize_arrow(pa.array(["600001"]), "ios")  # type: ignore[misc]


def test_hints_apply_to_every_row() -> None:
    batch = numauth.normalize_arrow(pa.array(["600001", "600001"]), source="fusion")
    assert batch.column("source").to_pylist() == ["fusion", "fusion"]
    batch = numauth.normalize_arrow(pa.array(["600004"]), platform="web")
    assert batch.column("source").to_pylist() == ["pns_web"]
    with pytest.raises(ValueError, match="pns"):
        numauth.normalize_arrow(pa.array(["600001"]), source="nope")


def test_counts_agree_with_numauth_report(log_path: Path, report: dict, report_counts: Counter) -> None:
    lines = log_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    batch = numauth.normalize_arrow(pa.array(lines))
    assert batch.num_rows == report["lines"]
    errors = batch.column("error")
    assert errors.null_count == report["callbacks"]
    assert len(errors) - errors.null_count == report["unusable"]
    usable = batch.filter(errors.is_null())
    counts = Counter(zip(usable.column("outcome").to_pylist(), usable.column("carrier").to_pylist()))
    assert as_report_counts(counts) == report_counts
    assert usable.column("known").to_pylist().count(False) == report["unknown_codes"]


def test_the_gil_is_released_while_rows_are_normalised() -> None:
    # A Python thread keeps counting while one big call runs: with the GIL held it could not.
    lines = pa.array([GOOD] * 300_000)
    ticks = 0
    running = True

    def count() -> None:
        nonlocal ticks
        while running:
            ticks += 1
            time.sleep(0)

    thread = threading.Thread(target=count)
    thread.start()
    time.sleep(0.05)
    before = ticks
    numauth.normalize_arrow(lines)
    during = ticks - before
    running = False
    thread.join()
    assert during > 100, f"the other thread ran only {during} times during the call"


def mixed_rows(log_path: Path, rows: int) -> list:
    """`rows` lines of the generated log, with nulls, empty and non-UTF-8-safe rows mixed in."""
    lines: list = log_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines = (lines * (rows // len(lines) + 1))[:rows]
    for i in range(0, rows, 997):
        lines[i] = None if i % 2 else ""
    return lines


def expected_row(line: str | None) -> dict:
    """What `normalize_arrow` should give for one line, from the row API (`numauth.normalize`)."""
    names = COLUMNS[:-1]
    if not line:
        return dict.fromkeys(names) | {"error": "null" if line is None else "empty"}
    try:
        n = numauth.normalize(line)
    except numauth.NormalizeError:
        return dict.fromkeys(names) | {"error": "unusable"}
    root = n["root_cause"]
    while root is not None and root["root_cause"] is not None:
        root = root["root_cause"]
    message, advice = n["message"] or {}, n["advice"] or {}
    return {
        "source": n["source"], "code": n["code"], "known": n["known"], "outcome": n["outcome"],
        "category": n["category"], "actor": n["actor"], "retryable": n["retryable"],
        "action": n["action"], "message_zh": message.get("zh"), "message_en": message.get("en"),
        "root_source": root and root["source"], "root_code": root and root["code"],
        "carrier": n["carrier"], "request_id": n["request_id"], "advice_id": advice.get("id"),
        "advice_zh": advice.get("zh"), "advice_en": advice.get("en"), "error": None,
    }


@pytest.mark.parametrize("threads", [1, 3])
def test_every_row_and_null_agrees_with_the_row_api(log_path: Path, threads: int) -> None:
    # Each cell, null or not, at every position. The validity bits are packed 64 rows a word:
    # 3 threads split 13,058 rows into parts of 4,353, 4,353 and 4,352 rows, so the later parts
    # are appended one bit past a word's end, and then a whole number of words.
    lines = mixed_rows(log_path, 13_058)
    batch = numauth.normalize_arrow(pa.array(lines), threads=threads)
    for i, (line, row) in enumerate(zip(lines, batch.to_pylist())):
        want = expected_row(line)
        if want["error"] is not None:
            assert row["error"] is not None and set(row.values()) == {None, row["error"]}, i
            want["error"] = row["error"]
        assert row == want, f"row {i}: {line!r}"
    for name in COLUMNS:
        nulls = sum(expected_row(line)[name] is None for line in lines[:200])
        assert batch.column(name).slice(0, 200).null_count == nulls, name


@pytest.mark.parametrize("rows", [4095, 4096, 8191, 8192, 20_000, 20_003])
def test_any_thread_count_gives_the_batch_of_one_thread(log_path: Path, rows: int) -> None:
    # Parts of at least 4,096 rows, joined in order: every count must give the same batch,
    # row for row, including at the parts' edges.
    array = pa.array(mixed_rows(log_path, rows))
    one = numauth.normalize_arrow(array, threads=1)
    assert one.num_rows == rows
    assert one.column("error").null_count < rows  # the rows are mostly usable
    for threads in (2, 3, 7, None):
        many = numauth.normalize_arrow(array, threads=threads)
        assert many.schema == one.schema
        assert many.equals(one), f"threads={threads} differs from one thread on {rows} rows"


def test_binary_rows_split_across_threads_keep_their_errors(log_path: Path) -> None:
    lines = [s.encode() if s is not None else None for s in mixed_rows(log_path, 12_288)]
    lines[4095], lines[4096] = b"\xff\xfe{", GOOD.encode()  # the first two parts' edge
    array = pa.array(lines, type=pa.binary())
    batch = numauth.normalize_arrow(array, threads=3)
    assert batch.equals(numauth.normalize_arrow(array, threads=1))
    assert "not UTF-8" in batch.column("error")[4095].as_py()
    assert batch.column("code")[4096].as_py() == "600011"


def most_threads_during(call) -> int:
    """The most threads this process had while `call()` ran (Linux: /proc/self/task)."""
    most, running = 0, True

    def watch() -> None:
        nonlocal most
        while running:
            most = max(most, len(os.listdir("/proc/self/task")))

    watcher = threading.Thread(target=watch)
    watcher.start()
    time.sleep(0.02)
    before = most
    try:
        call()
    finally:  # a call that raises must not leave the watcher spinning
        running = False
        watcher.join()
    return most - before


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc to count threads")
def test_threads_share_a_large_batch_and_a_small_one_stays_on_the_callers_thread() -> None:
    large = pa.array([GOOD] * 200_000)
    # Two threads: the caller's and one more (for a part of the rows, then half the columns).
    assert most_threads_during(lambda: numauth.normalize_arrow(large, threads=2)) == 1
    assert most_threads_during(lambda: numauth.normalize_arrow(large, threads=1)) == 0
    # 8,191 rows make one part of at least 4,096: no thread is started.
    small = pa.array([GOOD] * 8191)
    assert most_threads_during(lambda: numauth.normalize_arrow(small, threads=4)) == 0


@pytest.mark.parametrize("threads", [0, -1, -(2**127) - 1, -(2**200)])
def test_a_thread_count_below_one_is_a_value_error(threads: int) -> None:
    # Past any machine integer too (a red-team find: -(2**127) - 1 ran as many threads as useful).
    with pytest.raises(ValueError, match=f"threads must be at least 1.*got {threads}$"):
        numauth.normalize_arrow(pa.array([GOOD]), threads=threads)


class Index:
    """An integer type other than `int`, as NumPy's are: Python reads it through `__index__`."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc to count threads")
def test_a_thread_count_of_another_integer_type_is_read_as_its_int() -> None:
    array = pa.array([GOOD] * 10_000)
    assert most_threads_during(lambda: numauth.normalize_arrow(array, threads=Index(2))) == 1
    assert numauth.normalize_arrow(array, threads=Index(2)).equals(
        numauth.normalize_arrow(array, threads=1)
    )
    with pytest.raises(ValueError, match="got 0$"):
        numauth.normalize_arrow(array, threads=Index(0))


@pytest.mark.parametrize("threads, kind", [("2", "str"), (True, "bool"), (2.0, "float")])
def test_a_thread_count_that_is_not_an_int_is_a_type_error(threads: object, kind: str) -> None:
    # `True` is an int to Python, but no count (a red-team find: it ran as one thread).
    with pytest.raises(TypeError, match=f"threads must be an int.*got {kind}"):
        numauth.normalize_arrow(pa.array([GOOD]), threads=threads)  # type: ignore[arg-type]


def test_a_thread_count_past_any_machine_is_as_many_as_useful() -> None:
    # Before, 2**63 raised OverflowError while 10**6 worked.
    one = numauth.normalize_arrow(pa.array([GOOD] * 3), threads=1)
    for threads in (10**6, 2**63, 2**200):
        assert numauth.normalize_arrow(pa.array([GOOD] * 3), threads=threads).equals(one)


@pytest.mark.parametrize("kind, offset", [(pa.string(), "<3i"), (pa.large_string(), "<3q")])
def test_a_string_array_holding_bad_utf8_gives_that_row_an_error(kind: pa.DataType, offset: str) -> None:
    # pyarrow builds such an array from raw buffers without checking: the import reads string
    # arrays as bytes, so the bad row gets `error` and the other rows are still normalised.
    data = b"\xff\xfe" + GOOD.encode()
    offsets = pa.py_buffer(struct.pack(offset, 0, 2, len(data)))
    array = pa.Array.from_buffers(kind, 2, [None, offsets, pa.py_buffer(data)])
    batch = numauth.normalize_arrow(array, threads=1)
    assert "not UTF-8" in batch.column("error")[0].as_py()
    assert batch.column("code").to_pylist() == [None, "600011"]


@pytest.mark.parametrize(
    "kind, offset",
    [(pa.string(), "<4i"), (pa.binary(), "<4i"), (pa.large_string(), "<4q"), (pa.large_binary(), "<4q")],
)
def test_rows_that_split_a_character_are_errors_though_the_whole_is_utf8(
    kind: pa.DataType, offset: str
) -> None:
    # The rows' bytes are checked as UTF-8 all at once: "中" (3 bytes) is cut after its second
    # byte, so the whole is UTF-8 while neither of the first two rows is on its own.
    cut = "中".encode()
    data = cut[:2] + cut[2:] + GOOD.encode() + b"600008"
    ends = (0, 2, 3 + len(GOOD.encode()), len(data))
    array = pa.Array.from_buffers(kind, 3, [None, pa.py_buffer(struct.pack(offset, *ends)), pa.py_buffer(data)])
    batch = numauth.normalize_arrow(array, threads=1)
    errors = batch.column("error").to_pylist()
    assert "not UTF-8" in errors[0] and "not UTF-8" in errors[1] and errors[2] is None, errors
    assert batch.column("code").to_pylist() == [None, None, "600008"]


def test_a_null_row_over_bad_bytes_does_not_spoil_the_other_rows() -> None:
    # A null slot may span any bytes: here bytes that are not UTF-8, so the all-at-once check
    # fails and every row is checked on its own.
    data = GOOD.encode() + b"\xff\xfe" + b"600008"
    good = len(GOOD.encode())
    offsets = pa.py_buffer(struct.pack("<4i", 0, good, good + 2, len(data)))
    validity = pa.py_buffer(bytes([0b101]))
    array = pa.Array.from_buffers(pa.binary(), 3, [validity, offsets, pa.py_buffer(data)])
    batch = numauth.normalize_arrow(array, threads=1)
    assert batch.column("code").to_pylist() == ["600011", None, "600008"]
    assert "null" in batch.column("error")[1].as_py()


def test_a_chunked_string_column_past_2_gib_is_read_whole() -> None:
    # A red-team find: joining its chunks as `string` overflowed the 32-bit offsets
    # (ArrowInvalid). About 8 s and 2.4 GB here: one 60 MB chunk shared 37 times, joined once.
    row = '{"code":"600011","msg":"' + "x" * 59950 + '"}'
    chunked = pa.chunked_array([pa.array([row] * 1000)] * 37)
    assert chunked.nbytes > 2**31
    batch = numauth.normalize_arrow(chunked)
    assert batch.num_rows == 37_000
    assert set(batch.column("outcome").to_pylist()) == {"token_failed"}
    assert batch.column("error").null_count == 37_000
