"""normalize_arrow against the CLI and a plain-Python baseline, in one run, on the same file.

    python bindings/python/bench/bench.py [--lines 1000000] [--rounds 5]

Generates a callback log (tests/callbacks.py), then, round after round, measures each of:
- `numauth normalize --jobs 1 FILE > /dev/null` (a release build of the CLI);
- `numauth.normalize_arrow` over the whole log as one string array, with `threads=1` and with
  one thread per core (`threads=None`), timed around the call (after a first, untimed call; the
  mean of two calls each) in a child process;
- a plain-Python baseline, in a child too: `json.loads` per line and a dict lookup of the code
  in a table built from `numauth export`.
Peak memory is the peak RSS of a child that reads the file, builds the array and makes one
`normalize_arrow` call on all cores. The ratios are the medians of each round's ratios: this machine's speed drifts by tens of
percent within a minute, and measuring one side after the other would put that drift into the
ratios. Prints the ratios and a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "tests"))

from callbacks import write_log  # noqa: E402


def run_child(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in KiB and stdout of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, cwd=ROOT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed with {proc.returncode}")
    return seconds, usage.ru_maxrss, out


def rss_child(path: str) -> None:
    """Runs in a child: one normalize_arrow call on all cores, for the peak RSS of that alone."""
    import pyarrow as pa

    import numauth

    with open(path, encoding="utf-8") as f:
        array = pa.array(f.read().rstrip("\n").split("\n"))
    numauth.normalize_arrow(array)


def arrow_child(path: str) -> None:
    """Runs in a child: times normalize_arrow on the whole file, one thread and all cores."""
    import pyarrow as pa

    import numauth

    with open(path, encoding="utf-8") as f:
        array = pa.array(f.read().rstrip("\n").split("\n"))
    # A first call warms the allocator (the process's first big buffers are fresh pages; a later
    # call reuses freed ones, as a Spark worker's calls do); then one, all, all, one, so that
    # neither side always comes first.
    batch = numauth.normalize_arrow(array, threads=1)
    seconds = {1: 0.0, 0: 0.0}
    for threads in (1, 0, 0, 1):
        start = time.perf_counter()
        batch = numauth.normalize_arrow(array, threads=threads or None)
        seconds[threads] += (time.perf_counter() - start) / 2
    print(json.dumps({"one": seconds[1], "all": seconds[0], "cores": os.cpu_count(),
                      "rows": batch.num_rows, "errors": len(batch) - batch.column("error").null_count,
                      "input_bytes": array.nbytes, "output_bytes": batch.nbytes}))


def python_child(path: str, table_path: str) -> None:
    """Runs in a child: json.loads + a dict lookup of the code per line, what a data team writes
    without numauth; prints JSON."""
    with open(table_path, encoding="utf-8") as f:
        table: dict[str, str] = json.load(f)
    with open(path, encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    start = time.perf_counter()
    found = 0
    for line in lines:
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            code = obj.get("code", obj.get("resultCode", obj.get("result", obj.get("error_code"))))
            if table.get(str(code)) is not None:
                found += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(lines), "found": found}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--arrow-child", help=argparse.SUPPRESS)
    parser.add_argument("--python-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    if args.arrow_child:
        arrow_child(args.arrow_child)
        return
    if args.python_child:
        python_child(*args.python_child)
        return

    subprocess.run(["cargo", "build", "-q", "--release", "-p", "numauth-cli"], cwd=ROOT, check=True)
    cli = str(ROOT / "target" / "release" / "numauth")
    rates: dict[str, list[float]] = {"cli": [], "one": [], "all": [], "python": []}
    cli_rss = 0
    with tempfile.TemporaryDirectory() as tmp:
        log = write_log(Path(tmp) / "callbacks.ndjson", args.lines)
        size_mb = log.stat().st_size / 1e6
        # Every side runs in a child of this small process: a child forked from a big one would
        # count the parent's pages in its peak RSS until it execs.
        _, _, export = run_child([cli, "export", "--format", "json"], stdout=subprocess.PIPE)
        table = Path(tmp) / "table.json"
        table.write_text(json.dumps({e["code"]: e["outcome"] for e in json.loads(export)}))
        for round_ in range(args.rounds):
            seconds, rss, _ = run_child([cli, "normalize", "--jobs", "1", str(log)])
            rates["cli"].append(args.lines / seconds)
            cli_rss = max(cli_rss, rss)
            _, _, out = run_child([sys.executable, __file__, "--arrow-child", str(log)],
                                    stdout=subprocess.PIPE)
            arrow = json.loads(out)
            rates["one"].append(args.lines / arrow["one"])
            rates["all"].append(args.lines / arrow["all"])
            _, _, out = run_child([sys.executable, __file__, "--python-child", str(log), str(table)],
                                  stdout=subprocess.PIPE)
            plain = json.loads(out)
            rates["python"].append(plain["rows"] / plain["seconds"])
            print(f"round {round_ + 1}/{args.rounds}: " + ", ".join(
                f"{k} {v[-1]:,.0f} rows/s" for k, v in rates.items()), file=sys.stderr)

        _, arrow_rss, _ = run_child([sys.executable, __file__, "--rss-child", str(log)])

    def ratio(a: str, b: str) -> float:
        return statistics.median(x / y for x, y in zip(rates[a], rates[b]))

    def rate(a: str) -> float:
        return statistics.median(rates[a])

    cores = arrow["cores"]
    print(f"log: {args.lines} lines, {size_mb:.0f} MB; {arrow['errors']} unusable rows; "
          f"medians of {args.rounds} rounds")
    print("| what | rows/s | ratio to the CLI |")
    print("|---|---:|---:|")
    print(f"| `numauth normalize --jobs 1` (CLI, whole process) | {rate('cli'):,.0f} | 1.00 |")
    print(f"| `normalize_arrow(threads=1)` (one {args.lines:,}-row array) | {rate('one'):,.0f} | {ratio('one', 'cli'):.2f} |")
    print(f"| `normalize_arrow` on {cores} cores | {rate('all'):,.0f} | {ratio('all', 'cli'):.2f} |")
    print(f"| plain Python `json.loads` + dict lookup | {rate('python'):,.0f} | {ratio('python', 'cli'):.2f} |")
    print(f"normalize_arrow / CLI: {ratio('one', 'cli'):.2f}x (target >= 0.8)")
    print(f"normalize_arrow / plain Python: {ratio('one', 'python'):.1f}x on one thread, "
          f"{ratio('all', 'python'):.1f}x on {cores} cores (target >= 5)")
    print(f"peak RSS: one normalize_arrow call's process {arrow_rss / 1024:.0f} MiB "
          f"(input array {arrow['input_bytes'] / 2**20:.0f} MiB, output batch {arrow['output_bytes'] / 2**20:.0f} MiB); "
          f"CLI {cli_rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
