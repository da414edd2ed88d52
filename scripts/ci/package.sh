#!/usr/bin/env bash
# The library as crates.io would get it: the packaged file list holds the data tables, and both
# crates package and build from their .crate files (`cargo publish --dry-run` verifies them in
# a clean directory against a local registry overlay; nothing is uploaded). Also the MSRV claim.
set -euo pipefail
cd "$(dirname "$0")/../.."
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "package: FAILED: $*" >&2; fi; }
has_data() { cargo package -p numauth --list --allow-dirty 2>/dev/null | grep -qx 'data/sources.yaml'; }
check has_data
check scripts/msrv --check
# Cargo treats a registry crate as immutable: it reuses the copy it unpacked under
# $CARGO_HOME/registry/src/-<hash of the overlay's path>/ and the artifacts built from it, so a
# checkout at the same path as an earlier run (CI's) would verify numauth against the earlier
# run's codegen. Our own crates are never on crates.io: remove every unpacked copy of them, and
# verify in a target dir of its own, emptied first.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/numauth-codegen-* \
  "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/numauth-[0-9]*
verify_dir=target/package-verify
rm -rf "$verify_dir"
check cargo publish --dry-run --allow-dirty --target-dir "$verify_dir" -p numauth-codegen -p numauth
rm -rf "$verify_dir" # emptied before every run anyway; ~0.3 GiB
echo "package: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
