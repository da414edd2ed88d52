#!/usr/bin/env bash
# CI for the Python binding (bindings/python): installs its pinned test dependencies into a venv,
# builds the wheel with maturin (profile-guided: bindings/python/pgo/build.sh), installs it, runs
# pytest (Spark in local mode included), and ends with one line `python: N passed, M failed`.
# Exits non-zero on any failure, and when pytest ran no test at all (its exit 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TERM_COLOR=never

venv=target/python-ci-venv
summary() { echo "python: $1 passed, $2 failed"; }
trap 'status=$?; if [ "$status" -ne 0 ] && [ -z "${summarised:-}" ]; then summary 0 1; fi' EXIT

echo "== python: Java for the Spark test"
if ! command -v java >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q openjdk-17-jre-headless
  apt-get clean # the downloaded .deb files: disk, not needed once installed
fi
java -version 2>&1 | head -1

echo "== python: venv and pinned dependencies"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r bindings/python/requirements-test.txt

echo "== python: build and install the wheel (profile-guided, as the benchmark measures it)"
# llvm-profdata for the PGO build. If it cannot be installed, pgo/build.sh prints a WARNING and
# builds the wheel without PGO: the tests hold for either build.
rustup component add llvm-tools 2>&1 | tail -1 || echo "WARNING: rustup could not add llvm-tools"
rm -rf target/wheels-python
bindings/python/pgo/build.sh --python "$venv/bin/python" --out target/wheels-python
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels-python/numauth-*.whl
# The instrumented build (target/pgo, ~0.3 GiB) is rebuilt by every run of pgo/build.sh anyway.
rm -rf target/pgo

echo "== python: the CLI the tests compare against"
cargo build -q -p numauth-cli
export NUMAUTH_CLI="$PWD/target/debug/numauth"

echo "== python: pytest"
log="$(mktemp)"
set +e
(cd bindings/python && "../../$venv/bin/python" -m pytest tests -p no:cacheprovider -q -rfE) 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# pytest's closing line, e.g. "2 failed, 27 passed, 1 error in 99.1s".
last="$(grep -E '(passed|failed|error|no tests ran)' "$log" | tail -1 || true)"
count() { grep -oE "[0-9]+ ($1)" <<<"$last" | awk '{ n += $1 } END { print n + 0 }' || true; }
passed="$(count passed)"
failed="$(count 'failed|errors?')"
if [ "$rc" -eq 5 ]; then
  echo "pytest ran no tests: that is a failure here"
  failed=$((failed + 1))
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
summarised=1
summary "$passed" "$failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
