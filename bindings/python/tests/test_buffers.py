"""The output buffers `normalize_arrow` keeps for its next call (`src/pool.rs`): only once pyarrow
has released them, never more than 1 GiB, and `release_buffers()` frees them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import numauth
from test_batch import expected_row, mixed_rows

MIB = 1 << 20
MAX_KEPT = 1 << 30


@pytest.fixture(scope="module")
def big(log_path: Path) -> pa.Array:
    """1M rows: every UTF-8 column's buffers are past the 1 MiB below which none is kept."""
    return pa.array(mixed_rows(log_path, 1_000_000))


def kept_buffers(batch: pa.RecordBatch) -> int:
    """The bytes of `batch`'s buffers of 1 MiB or more (each kept buffer's capacity is at least
    its size)."""
    sizes = (b.size for column in batch.columns for b in column.buffers() if b is not None)
    return sum(size for size in sizes if size >= MIB)


def run_and_drop(array: pa.Array, threads: int) -> None:
    """A call whose batch is released as soon as it returns."""
    numauth.normalize_arrow(array, threads=threads)


def test_a_released_batch_is_kept_and_the_next_call_writes_into_it(big: pa.Array) -> None:
    numauth.release_buffers()
    batch = numauth.normalize_arrow(big, threads=1)
    # Alive, its buffers are the batch's: one thread gives nothing back on its own.
    assert numauth.release_buffers() == 0
    size = kept_buffers(batch)
    assert size > 150 * MIB
    del batch
    kept = numauth.release_buffers()
    assert kept >= size, f"released a 1M-row batch of {size} bytes of big buffers, kept {kept}"
    # Kept again, then taken by the next call of the same size: nothing left over.
    run_and_drop(big, 1)
    again = numauth.normalize_arrow(big, threads=1)
    assert numauth.release_buffers() == 0
    assert again.num_rows == len(big)


def test_a_batch_still_held_is_never_written_by_later_calls(log_path: Path, big: pa.Array) -> None:
    numauth.release_buffers()
    first = numauth.normalize_arrow(big, threads=2)
    reference = numauth.normalize_arrow(big, threads=1)
    # Other rows, through the kept buffers again and again (one thread and two).
    lines = [line for line in mixed_rows(log_path, 300_000) if line]
    other = pa.array(list(reversed(lines)))
    for threads in (1, 2, 1, 2):
        run_and_drop(other, threads)
    assert first.equals(reference)
    for i in range(0, len(big), 99_991):
        row = first.slice(i, 1).to_pylist()[0]
        want = expected_row(big[i].as_py())
        if want["error"] is not None:
            assert row["error"] is not None and set(row.values()) == {None, row["error"]}, i
            want["error"] = row["error"]
        assert row == want, i


def test_the_other_threads_columns_are_kept_once_copied(big: pa.Array) -> None:
    numauth.release_buffers()
    batch = numauth.normalize_arrow(big, threads=2)
    kept = numauth.release_buffers()
    # The other thread's 16 UTF-8 columns, each its `i32` offsets and its bytes, with the room
    # `src/columns.rs` reserves for every row it might take (16 bytes a row for an id, 48 for a
    # message): every one of them kept, once its rows are copied into the batch.
    rows = len(big)
    offsets = 16 * (rows + 1) * 4
    values = (14 * 16 + 2 * 48) * rows
    assert kept == offsets + values, f"kept {kept}, the other thread's columns {offsets} + {values}"
    assert batch.num_rows == rows


def test_at_most_1_gib_is_kept(big: pa.Array) -> None:
    numauth.release_buffers()
    batches = [numauth.normalize_arrow(big, threads=1) for _ in range(4)]
    size = sum(kept_buffers(b) for b in batches)
    # Their capacity is more than their size: 760 MiB written would do for 1 GiB kept.
    assert size > 700 * MIB
    del batches
    kept = numauth.release_buffers()
    assert MAX_KEPT - 64 * MIB <= kept <= MAX_KEPT, kept
    assert numauth.release_buffers() == 0


def test_a_smaller_call_does_not_take_a_big_calls_buffers(big: pa.Array) -> None:
    numauth.release_buffers()
    batch = numauth.normalize_arrow(big, threads=1)
    size = kept_buffers(batch)
    del batch
    # 100k rows want buffers of 1.6 MB and up: past the 1 MiB kept, but a tenth of the big
    # call's, which stay kept for a call of their size.
    small = numauth.normalize_arrow(pa.array(['{"code":"600008"}'] * 100_000), threads=1)
    assert small.column("outcome").to_pylist() == ["mobile_data_disabled"] * 100_000
    assert numauth.release_buffers() >= size
