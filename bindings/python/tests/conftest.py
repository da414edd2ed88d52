"""Shared fixtures: a generated callback log, and `numauth report --json` run on it by the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from callbacks import write_log

ROOT = Path(__file__).resolve().parents[3]
README = Path(__file__).resolve().parents[1] / "README.md"
# 20k lines in CI; NUMAUTH_LOG_LINES=200000 for the documented benchmark run.
LOG_LINES = int(os.environ.get("NUMAUTH_LOG_LINES", "20000"))
# The carriers `numauth report` splits its counts by; any other value counts as "unknown".
REPORT_CARRIERS = ("cmcc", "cucc", "ctcc")


@pytest.fixture(scope="session")
def log_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_log(tmp_path_factory.mktemp("log") / "callbacks.ndjson", LOG_LINES)


def run_cli(*args: str) -> str:
    """The real CLI, built by cargo (or NUMAUTH_CLI, a path to an already built binary)."""
    cli = os.environ.get("NUMAUTH_CLI")
    cmd = [cli, *args] if cli else ["cargo", "run", "-q", "-p", "numauth-cli", "--", *args]
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def report(log_path: Path) -> dict:
    return json.loads(run_cli("report", "--json", "--top", "1000000", str(log_path)))


@pytest.fixture(scope="session")
def report_counts(report: dict) -> Counter:
    """outcome × carrier counts of the usable callbacks, read from the report's JSON."""
    counts: Counter = Counter()
    for row in report["top_outcomes"]:
        for carrier, n in row["carriers"].items():
            if n:
                counts[(row["outcome"], carrier)] += n
    assert sum(counts.values()) == report["callbacks"], "--top must list every outcome"
    return counts


def as_report_counts(counts: dict) -> Counter:
    """outcome × carrier counts from a pipeline, with carriers named as the report names them."""
    out: Counter = Counter()
    for (outcome, carrier), n in counts.items():
        out[(outcome, carrier if carrier in REPORT_CARRIERS else "unknown")] += n
    return out


def readme_recipe(name: str) -> str:
    """The Python block that follows `<!-- recipe: NAME -->` in the README."""
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"<!-- recipe: {name} -->\s*```python\n(.*?)```", text, re.S)
    assert m, f"README has no recipe {name}"
    return m.group(1)
