#!/usr/bin/env bash
# numauth in a user's build (issue 12 §3): tests/deps-html5ever is a binary that depends on
# numauth and on web_atoms 0.3 (html5ever 0.40's atoms), whose build script writes phf_codegen
# struct literals. Those stop compiling when any crate in the build turns on phf's `ptrhash`
# feature (rust-phf issue 428), which numauth once did. Builds the binary and runs it.
#
# Needs only cargo and crates.io. It shares the main target dir, so on a fresh 2-core machine
# after the workspace build it compiles web_atoms and its few dependencies: about a minute.
# Prints `deps: N passed, M failed` last and fails if anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
manifest=tests/deps-html5ever/Cargo.toml

passed=0
failed=0
# `cargo run` builds first: a build failure (E0560 "no field named `disps`") fails this check.
if cargo run --manifest-path "$manifest"; then
  passed=$((passed + 1))
else
  echo "deps: numauth beside web_atoms did not build or run" >&2
  failed=$((failed + 1))
fi

echo "deps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
