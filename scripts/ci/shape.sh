#!/usr/bin/env bash
# The size limits of the developers' guide: no source file over 600 lines, no function over 80
# (Rust, Kotlin, Python). First the checker's self-test (it must find a file and functions made
# to be over the limits, and pass ones made to be at them), then the tracked files.
# Needs python3 and git. Prints `shape: N passed, M failed` last and fails if anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
passed=0 failed=0
for args in --self-test ""; do
  # shellcheck disable=SC2086 # the empty argument list is meant to vanish
  out="$(python3 scripts/code-shape.py $args)"
  status=$?
  echo "$out"
  line="$(grep -E "^[a-z-]+: [0-9]+ passed, [0-9]+ failed" <<<"$out" | tail -1)"
  p="$(sed -E 's/^[a-z-]+: ([0-9]+) passed.*/\1/' <<<"$line")"
  f="$(sed -E 's/^[a-z-]+: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")"
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-1}))
  [ "$status" -eq 0 ] || [ "${f:-1}" -gt 0 ] || failed=$((failed + 1))
done
echo "shape: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
