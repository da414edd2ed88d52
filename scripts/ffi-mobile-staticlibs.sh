#!/usr/bin/env bash
# Builds libnumauth_ffi.a for the mobile targets: Android (aarch64, x86_64) and iOS (device,
# Apple-silicon simulator), and checks that each archive's symbol index lists every function
# that include/numauth.h declares (with the leading `_` of Mach-O on iOS). A staticlib needs no
# linker, so this runs on Linux; packaging them into an AAR / XCFramework needs the NDK / Xcode
# (see bindings/ffi/README.md, not tested here).
#
# Each target is installed on its own (`rustup target add`, its wait bounded): one the toolchain
# server does not have is reported as SKIPPED by name and the others are still built and checked.
# Ends with one line "ffi-mobile: N passed, M failed, K skipped". Exits non-zero only when a
# build or a symbol check fails.
# Usage (from anywhere): scripts/ffi-mobile-staticlibs.sh
set -uo pipefail
cd "$(dirname "$0")/.."

targets=(aarch64-linux-android x86_64-linux-android aarch64-apple-ios aarch64-apple-ios-sim)
header=bindings/ffi/include/numauth.h
mapfile -t functions < <(grep -oE '\bnumauth_[a-z_]+\(' "$header" | tr -d '(' | sort -u)
if [ "${#functions[@]}" -eq 0 ]; then
  echo "ffi-mobile: FAILED: no numauth_* function found in $header"
  exit 1
fi

passed=0
failed=0
skipped=()
installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${targets[@]}"; do
  if ! grep -qx "$t" <<<"$installed"; then
    # rustup hangs rather than failing when its server is out of reach: bound the wait.
    if ! timeout "${RUSTUP_TARGET_TIMEOUT:-120}" rustup target add "$t" >/dev/null 2>&1; then
      echo "ffi-mobile: SKIPPED $t: 'rustup target add $t' could not install it here (no access to the Rust toolchain server, or the server lacks it); its staticlib was NOT built or checked"
      skipped+=("$t")
      continue
    fi
  fi
  # `cargo rustc --crate-type staticlib` builds only the archive: the cdylib would need the
  # target's linker.
  if ! cargo rustc -q -p numauth-ffi --lib --release --target "$t" --crate-type staticlib; then
    echo "ffi-mobile: FAILED $t: the staticlib did not build"
    failed=$((failed + 1))
    continue
  fi
  lib="target/$t/release/libnumauth_ffi.a"
  prefix=""
  [[ "$t" == *apple* ]] && prefix="_"
  index=$(python3 scripts/archive-symbols.py "$lib") || { failed=$((failed + 1)); continue; }
  missing=()
  for f in "${functions[@]}"; do
    grep -qx "$prefix$f" <<<"$index" || missing+=("$prefix$f")
  done
  if ((${#missing[@]})); then
    echo "ffi-mobile: FAILED $t: $lib does not export ${missing[*]}"
    failed=$((failed + 1))
  else
    echo "ffi-mobile: $t: $lib ($(($(stat -c %s "$lib") / 1024)) KiB), exports all ${#functions[@]} functions of numauth.h"
    passed=$((passed + 1))
  fi
done
echo "ffi-mobile: $passed passed, $failed failed, ${#skipped[@]} skipped${skipped:+ (${skipped[*]})}"
[ "$failed" -eq 0 ]
