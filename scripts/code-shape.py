#!/usr/bin/env python3
"""The project's size limits, checked: no source file over 600 lines, no function over 80.

    scripts/code-shape.py [ROOT]      check the tracked files under ROOT (default: this repo)
    scripts/code-shape.py --self-test check that the checker finds a long file and long functions

Functions are measured from their `fn`/`fun`/`def` line to their last line: Rust and Kotlin by
matching braces outside strings, chars and comments; Python by indentation. Prints each file or
function over its limit with its path and line, then `shape: N passed, M failed` (one check for
files, one for functions). Exit status: non-zero when something is over a limit.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

MAX_FILE_LINES = 600
MAX_FN_LINES = 80
# Source that people write and read; data tables, docs and lock files have no such limit.
SOURCE = {".rs", ".py", ".pyi", ".kt", ".kts", ".js", ".html", ".c", ".h", ".sh", ".swift", ".dart"}
RUST_FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?((const|async|unsafe|extern\s+"C")\s+)*fn\s+\w+')
KOTLIN_FN = re.compile(r"^\s*((private|internal|public|override|inline|suspend|operator)\s+)*fun\s")
PY_DEF = re.compile(r"^(\s*)(async\s+)?def\s+\w+")


def code_only(text: str) -> str:
    """`text` with comments, strings and char literals blanked (newlines kept), so that the
    braces left are the code's own."""
    out, i, n = [], 0, len(text)

    def blank(j: int) -> None:
        out.append("".join(c if c == "\n" else " " for c in text[i:j]))

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif m := re.match(r'b?r(#*)"', text[i:i + 40]):
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
        elif c == '"' or text.startswith('b"', i):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
        elif m := re.match(r"b?'(\\.[^']*|[^\\'])'", text[i:i + 16]):
            j = i + m.end()
        else:
            out.append(c)
            i += 1
            continue
        blank(min(j, n))
        i = j
    return "".join(out)


def brace_functions(text: str, start: re.Pattern[str]) -> list[tuple[int, int]]:
    """(first line, line count) of each function with a body in Rust or Kotlin source."""
    code = code_only(text)
    lines = code.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found = []
    for number, line in enumerate(lines):
        if not start.match(line):
            continue
        depth, pos = 0, offsets[number]
        opened = False
        while pos < len(code):
            ch = code[pos]
            if ch == ";" and not opened and depth == 0:
                break  # a declaration without a body
            if ch in "({[":
                depth += 1
                opened |= ch == "{" and depth == 1
            elif ch in ")}]":
                depth -= 1
                if opened and depth == 0:
                    break
            elif ch == "=" and not opened and depth == 0 and code[pos + 1:pos + 2] != ">":
                break  # Kotlin's expression body `fun f() = ...`
            pos += 1
        if opened:
            last = code.count("\n", 0, pos)
            found.append((number + 1, last - number + 1))
    return found


def python_functions(text: str) -> list[tuple[int, int]]:
    """(first line, line count) of each `def`, to its last indented non-blank line."""
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines):
        m = PY_DEF.match(line)
        if not m:
            continue
        indent, last = len(m.group(1)), number
        for k in range(number + 1, len(lines)):
            body = lines[k]
            if body.strip() and len(body) - len(body.lstrip()) <= indent:
                if not body.lstrip().startswith(")"):
                    break
            if body.strip():
                last = k
        found.append((number + 1, last - number + 1))
    return found


def functions(path: Path, text: str) -> list[tuple[int, int]]:
    if path.suffix == ".rs":
        return brace_functions(text, RUST_FN)
    if path.suffix in {".kt", ".kts"}:
        return brace_functions(text, KOTLIN_FN)
    if path.suffix in {".py", ".pyi"}:
        return python_functions(text)
    return []


def check(root: Path, files: list[Path]) -> tuple[list[str], list[str]]:
    """The files over the line limit, and the functions over theirs."""
    long_files, long_fns = [], []
    for path in files:
        if path.suffix not in SOURCE:
            continue
        text = (root / path).read_text(encoding="utf-8", errors="replace")
        count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if count > MAX_FILE_LINES:
            long_files.append(f"{path}: {count} lines (limit {MAX_FILE_LINES})")
        for first, length in functions(path, text):
            if length > MAX_FN_LINES:
                long_fns.append(f"{path}:{first}: function of {length} lines (limit {MAX_FN_LINES})")
    return long_files, long_fns


def tracked(root: Path) -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=root, check=True, capture_output=True, text=True)
    return [Path(p) for p in out.stdout.splitlines() if (root / p).is_file()]


def self_test() -> list[str]:
    """What the checker gets wrong on files made to be over, and just under, each limit."""
    body = "\n".join(f"    let x{i} = {i};" for i in range(78))
    cases = {
        # 1 + 78 + 1 = 80 lines: at the limit; with one line more, over it.
        "ok.rs": f"fn ok() {{\n{body}\n}}\n",
        "long.rs": f"fn long() {{\n{body}\n    let s = \"}}\";\n}}\n",
        "decl.rs": "trait T {\n    fn f(&self);\n}\n" + f"fn g() {{\n{body}\n}}\n",
        "long.py": "def f():\n" + "\n".join(f"    x = {i}" for i in range(80)) + "\n\nx = 1\n",
        "ok.py": "def f():\n" + "\n".join(f"    x = {i}" for i in range(79)) + "\nx = 1\n",
        "Long.kt": "fun f() {\n" + "\n".join(f"    val x{i} = \"{{\"" for i in range(80)) + "\n}\n",
        "big.sh": "echo\n" * (MAX_FILE_LINES + 1),
        "fine.sh": "echo\n" * MAX_FILE_LINES,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in cases.items():
            (root / name).write_text(text)
        long_files, long_fns = check(root, [Path(n) for n in cases])
    errors = []
    if [f.split(":")[0] for f in long_files] != ["big.sh"]:
        errors.append(f"long files: expected only big.sh, got {long_files}")
    names = sorted(f.split(":")[0] for f in long_fns)
    if names != ["Long.kt", "long.py", "long.rs"]:
        errors.append(f"long functions: expected Long.kt, long.py, long.rs; got {long_fns}")
    if not any(f.startswith("long.rs:1: function of 81 lines") for f in long_fns):
        errors.append(f"long.rs: expected 81 lines at line 1, got {long_fns}")
    return errors


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        errors = self_test()
        for e in errors:
            print(f"self-test: {e}")
        print(f"shape-self-test: {1 if not errors else 0} passed, {len(errors) and 1} failed")
        return 1 if errors else 0
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
    long_files, long_fns = check(root, tracked(root))
    for line in long_files + long_fns:
        print(line)
    failed = bool(long_files) + bool(long_fns)
    print(f"shape: {2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
