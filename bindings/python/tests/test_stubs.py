"""The shipped types (the native module's .pyi stub, the TypedDicts in `numauth._types`): mypy
accepts correct use and catches wrong use, the stub matches the module, and the code mypy
accepts runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mypy import api

GOOD = '''
from typing import Optional
import numauth

entry: Optional[numauth.Entry] = numauth.lookup("cmcc", "103119", msg=None)
if entry is not None:
    outcome: str = entry["outcome"]
    zh: str = entry["message"]["zh"]
n = numauth.normalize(b"600008", platform="android", source=None)
retry: bool = n["retryable"]
cause = n["root_cause"]
code: Optional[str] = cause["code"] if cause is not None else None
meanings: list[numauth.Entry] = numauth.explain("600001")
version: str = numauth.DATA_VERSION
schema: str = numauth.SPARK_SCHEMA
'''

BAD = '''
import numauth

numauth.lookup("cmcc", 103119)
numauth.normalize("600008")["outcom"]
flag: int = numauth.normalize("600008")["carrier"]
'''


def check(tmp_path: Path, name: str, source: str) -> tuple[str, int]:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    out, err, status = api.run([
        "--no-incremental", "--cache-dir", str(tmp_path / ".mypy_cache"),
        "--python-executable", sys.executable, "--ignore-missing-imports", "--strict", str(path),
    ])
    return out + err, status


def test_mypy_accepts_correct_use(tmp_path: Path) -> None:
    out, status = check(tmp_path, "good.py", GOOD)
    assert status == 0, out


def test_the_correct_use_runs(tmp_path: Path) -> None:
    # A red-team find: mypy accepted `entry: Optional[numauth.Entry] = ...`, and Python, which
    # evaluates a module-level annotation, raised AttributeError: no `numauth.Entry` at run time.
    path = tmp_path / "good.py"
    path.write_text(GOOD, encoding="utf-8")
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_stubtest_finds_the_stub_and_the_module_agree(tmp_path: Path) -> None:
    # Every name the stub declares exists at run time with that signature, and none is missing.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nignore_missing_imports = True\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "numauth", "--mypy-config-file", str(config)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success" in run.stdout, run.stdout


def test_mypy_catches_wrong_use(tmp_path: Path) -> None:
    out, status = check(tmp_path, "bad.py", BAD)
    assert status == 1, out
    assert 'Argument 2 to "lookup" has incompatible type "int"' in out, out
    assert '"outcom"' in out, out
    assert "incompatible types in assignment" in out.lower(), out


def test_the_readmes_row_example_passes_mypy_strict(tmp_path: Path) -> None:
    # A red-team find: the example indexed the optional root cause, which --strict refuses.
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Row API", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert "numauth.normalize(" in example
    out, status = check(tmp_path, "readme.py", example)
    assert status == 0, out
