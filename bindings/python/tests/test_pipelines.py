"""The README's Spark, DuckDB, Polars and pandas recipes, run as written, against `numauth report`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import as_report_counts, readme_recipe


def run_recipe(name: str, log_path: Path) -> Counter:
    scope: dict = {"LOG": str(log_path)}
    exec(compile(readme_recipe(name), f"README.md recipe {name}", "exec"), scope)
    return as_report_counts(scope["counts"])


def test_duckdb_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("duckdb", log_path) == report_counts


def test_polars_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("polars", log_path) == report_counts


def test_pandas_recipe(log_path: Path, report_counts: Counter) -> None:
    assert run_recipe("pandas", log_path) == report_counts


def test_spark_recipe(log_path: Path, report_counts: Counter) -> None:
    try:
        assert run_recipe("spark", log_path) == report_counts
    finally:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()
