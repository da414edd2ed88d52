"""The README's Spark, DuckDB, Polars and pandas recipes, run as written, against
`numauth report`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numauth
import pyarrow as pa
import pytest

from conftest import as_report_counts, readme_recipe


def exec_recipe(name: str, scope: dict) -> None:
    """Runs the README's recipe `name` with the names in `scope`, which gets what it defines."""
    exec(compile(readme_recipe(name), f"README.md recipe {name}", "exec"), scope)


def run_recipe(name: str, log_path: Path) -> Counter:
    scope: dict = {"LOG": str(log_path)}
    exec_recipe(name, scope)
    return as_report_counts(scope["counts"])


def test_duckdb_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("duckdb", log_path) == report_counts


def test_polars_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("polars", log_path) == report_counts


def test_pandas_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("pandas", log_path) == report_counts


@pytest.fixture(scope="module")
def spark_scope(log_path: Path) -> Iterator[dict]:
    """The names the Spark recipe defined (its session among them), the session stopped after."""
    scope: dict = {"LOG": str(log_path)}
    try:
        exec_recipe("spark", scope)
        yield scope
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()


def test_spark_recipe(spark_scope: dict, report_counts: Counter) -> None:
    assert as_report_counts(spark_scope["counts"]) == report_counts


def test_spark_full_schema_keeps_every_column_of_every_row(
    spark_scope: dict, log_path: Path
) -> None:
    exec_recipe("spark-full", spark_scope)
    lines = log_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    want = numauth.normalize_arrow(pa.array(lines))
    full = spark_scope["full"]
    assert full.columns == want.schema.names
    got = Counter(tuple(row) for row in full.collect())
    assert got == Counter(tuple(row.values()) for row in want.to_pylist())
    assert sum(got.values()) == len(lines)
