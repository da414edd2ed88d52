#!/usr/bin/env bash
# Builds libnumauth_ffi.a for the mobile targets: Android (aarch64, x86_64) and iOS (device,
# Apple-silicon simulator). A staticlib needs no linker, so this runs on Linux; packaging them
# into an AAR / XCFramework needs the NDK / Xcode (see bindings/ffi/README.md, not tested here).
#
# When `rustup target add` cannot install the targets (no network to the Rust toolchain
# server), it prints one line saying so and exits 0. Exits non-zero only when a build fails.
# Usage (from anywhere): scripts/ffi-mobile-staticlibs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(aarch64-linux-android x86_64-linux-android aarch64-apple-ios aarch64-apple-ios-sim)
installed=$(rustup target list --installed 2>/dev/null || true)
missing=()
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$installed" || missing+=("$t")
done
if ((${#missing[@]})); then
  # rustup hangs rather than failing when its server is out of reach: bound the wait.
  if ! timeout "${RUSTUP_TARGET_TIMEOUT:-30}" rustup target add "${missing[@]}" >/dev/null 2>&1; then
    echo "ffi-mobile: skipped: 'rustup target add ${missing[*]}' could not install the targets here (no access to the Rust toolchain server?); mobile staticlibs not built"
    exit 0
  fi
fi

for t in "${targets[@]}"; do
  # `cargo rustc --crate-type staticlib` builds only the archive: the cdylib would need the
  # target's linker.
  cargo rustc -q -p numauth-ffi --lib --release --target "$t" --crate-type staticlib
  lib="target/$t/release/libnumauth_ffi.a"
  echo "ffi-mobile: $t: $lib ($(( $(stat -c %s "$lib") / 1024 )) KiB)"
done
