"""Two or more builds of numauth side by side: normalize_arrow's time on the same log, each build
in a child process of its own, the builds taking turns round after round (every other round in
reverse order).

    python bindings/python/bench/wheels.py BASE_DIR OTHER_DIR [...] [--lines 1000000] [--rounds 7]

Each DIR holds an installed `numauth` package (`pip install --no-deps --target DIR WHEEL`), for
instance a plain `maturin build` and the profile-guided one of `pgo/build.sh`. A child times one
call with `threads=1` and one on all cores, twice each, after an untimed first call. Prints, for
each build after the first, the medians of the rounds' time ratios to BASE_DIR (below 1: faster),
since this machine's speed drifts by tens of percent within a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from callbacks import write_log  # noqa: E402

CHILD = r"""
import json, sys, time
import pyarrow as pa
import numauth
with open(sys.argv[1], encoding="utf-8") as f:
    array = pa.array(f.read().rstrip("\n").split("\n"))
numauth.normalize_arrow(array, threads=1)
seconds = {"one": 0.0, "all": 0.0}
for key in ("one", "all", "all", "one"):
    start = time.perf_counter()
    numauth.normalize_arrow(array, threads=1 if key == "one" else None)
    seconds[key] += (time.perf_counter() - start) / 2
print(json.dumps({"file": numauth.__file__, **seconds}))
"""


def timed(site: Path, log: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(site))
    out = subprocess.run([sys.executable, "-c", CHILD, str(log)], env=env, check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out)
    if not result["file"].startswith(str(site)):
        raise SystemExit(f"{site} has no numauth package: {result['file']} was imported")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sites", nargs="+", type=Path, help="directories with numauth installed")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if len(args.sites) < 2:
        parser.error("give at least two directories: the base build and one to compare")
    sites = [s.resolve() for s in args.sites]
    ratios: dict[Path, dict[str, list[float]]] = {s: {"one": [], "all": []} for s in sites[1:]}
    with tempfile.TemporaryDirectory() as tmp:
        log = write_log(Path(tmp) / "callbacks.ndjson", args.lines)
        for round_ in range(args.rounds):
            # Every other round in reverse order, so that a drift in the machine's speed does
            # not always favour the builds measured first.
            order = range(len(sites)) if round_ % 2 == 0 else reversed(range(len(sites)))
            times = {i: timed(sites[i], log) for i in order}
            base = times[0]
            line = [f"round {round_ + 1}/{args.rounds}: base {base['one']:.3f} s / {base['all']:.3f} s"]
            for i, site in enumerate(sites[1:], 1):
                other = times[i]
                for key in ("one", "all"):
                    ratios[site][key].append(other[key] / base[key])
                line.append(f"{site.name} {other['one']:.3f} s / {other['all']:.3f} s")
            print(", ".join(line) + " (one thread / all cores)", file=sys.stderr)
    print(f"normalize_arrow time against {sites[0]}, medians of {args.rounds} rounds "
          f"({args.lines:,} lines):")
    for site, r in ratios.items():
        print(f"  {site}: one thread {statistics.median(r['one']):.3f}, "
              f"all cores {statistics.median(r['all']):.3f}")


if __name__ == "__main__":
    main()
