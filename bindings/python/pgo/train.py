"""The training run of a PGO build (bindings/python/pgo/build.sh): the payloads this repository
keeps as examples, not the benchmark's generated log, through the batch and row APIs.

    python bindings/python/pgo/train.py   # with the instrumented build importable

- fuzz/seeds/normalize: every shape the normaliser reads, odd ones included;
- data/samples/callbacks.ndjson: the SDKs' callbacks as apps log them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

import numauth

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 300


def payloads() -> list[bytes]:
    seeds = sorted((ROOT / "fuzz" / "seeds" / "normalize").iterdir())
    samples = (ROOT / "data" / "samples" / "callbacks.ndjson").read_bytes().splitlines()
    found = [p.read_bytes() for p in seeds] + samples
    if len(found) < 100:
        sys.exit(f"pgo/train.py: only {len(found)} payloads found under {ROOT}: is this the repository?")
    return found


def main() -> None:
    rows = payloads()
    array = pa.array(rows * ROUNDS, type=pa.binary())
    for _ in range(3):
        numauth.normalize_arrow(array, threads=1)
    for row in rows:
        try:
            numauth.normalize(row)
        except ValueError:
            pass  # an unusable payload: its path is trained too
    print(f"pgo/train.py: {len(rows)} payloads, {len(array) * 3:,} batch rows")


if __name__ == "__main__":
    main()
