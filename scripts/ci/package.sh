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
check cargo publish --dry-run --allow-dirty -p numauth-codegen -p numauth
echo "package: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
