#!/usr/bin/env bash
# The measurements of bindings/ffi/README.md, each against a baseline in the same run:
#   - C ABI numauth_normalize vs Rust normalize + serde_json::to_string (criterion);
#   - stripped x86_64 cdylib size, and the catalog's share (the core's size_catalog minus
#     size_baseline examples, stripped the same way);
#   - Kotlin: normalize per call vs normalizeMany per item (needs scripts/ci/ffi.sh run first,
#     for the Kotlin test jar).
# Usage: scripts/ffi-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

mean() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mean"]["point_estimate"])' \
  "target/criterion/ffi_android_json_nested/$1/new/estimates.json"; }
cargo bench -q -p numauth-ffi --bench ffi -- --warm-up-time 2 --measurement-time 5 >/dev/null 2>&1
base=$(mean baseline_normalize_serde_json)
capi=$(mean c_abi_numauth_normalize)
awk -v b="$base" -v c="$capi" 'BEGIN {printf "ffi bench: C ABI numauth_normalize %.0f ns, Rust normalize + serde_json %.0f ns: %.2fx (budget 1.2x)\n", c, b, c / b}'

cargo build -q -p numauth-ffi --release --lib
cargo build -q -p numauth --release --example size_catalog --example size_baseline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
strip -o "$out/lib.so" target/release/libnumauth_ffi.so
for b in size_catalog size_baseline; do strip -o "$out/$b" "target/release/examples/$b"; done
size=$(stat -c %s "$out/lib.so")
catalog=$(( $(stat -c %s "$out/size_catalog") - $(stat -c %s "$out/size_baseline") ))
awk -v s="$size" -v c="$catalog" 'BEGIN {printf "ffi size: stripped libnumauth_ffi.so %.0f KiB (%.2fx the 2.5 MiB budget), of which the catalog about %.0f KiB (%.0f%%)\n", s / 1024, s / (2.5 * 1048576), c / 1024, 100 * c / s}'

jar=target/ffi-ci/kotlin-test.jar
if [ -f "$jar" ]; then
  java -Djna.library.path="$PWD/target/release" -cp "$jar:/usr/share/java/jna.jar" NumauthTestKt \
    data/samples/callbacks.ndjson target/ffi-ci/expected.txt --bench | grep '^kotlin bench'
else
  echo "ffi bench: no $jar: run scripts/ci/ffi.sh first for the Kotlin bench"
fi
