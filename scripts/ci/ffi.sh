#!/usr/bin/env bash
# CI for bindings/ffi (numauth-ffi): installs what it needs, then
#   1. cargo test -p numauth-ffi;
#   2. regenerates include/numauth.h with cbindgen and fails on any diff;
#   3. builds the C test with gcc and runs it under valgrind (errors and leaks fail);
#   4. generates the Kotlin and Swift bindings with the crate's own uniffi-bindgen;
#   5. compiles the Kotlin tests with kotlinc and runs them on the JVM with JNA;
#   6. builds the mobile staticlibs of every target rustup can install, checking each archive
#      exports the header's functions.
# Ends with one line "ffi: N passed, M failed"; exits non-zero if anything failed.
# FFI_BENCH=1 also runs the benches (criterion, Kotlin per call vs batch, cdylib size).
set -uo pipefail
cd "$(dirname "$0")/../.."

CBINDGEN_VERSION=0.29.4
FFI=bindings/ffi
OUT=target/ffi-ci
passed=0
failed=0

pass() { passed=$((passed + $1)); }
fail() { failed=$((failed + $1)); echo "ffi: FAILED: $2"; }
# Adds a runner's "N passed, M failed" (or cargo's "N passed; M failed") from its output.
count() {
  local p f
  p=$(grep -oE '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  pass "$p"
  failed=$((failed + f))
}
finish() {
  echo "ffi: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

install() {
  local need=()
  command -v valgrind >/dev/null || need+=(valgrind)
  command -v gcc >/dev/null || need+=(gcc)
  [ -f /usr/share/java/jna.jar ] || need+=(libjna-java)
  if ((${#need[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null &&
      apt-get clean # the downloaded .deb files: disk, not needed once installed
  fi
  # kotlinc, pinned by tests/kotlin/package-lock.json.
  [ -f "$FFI/tests/kotlin/node_modules/kotlin-compiler/lib/kotlin-compiler.jar" ] ||
    (cd "$FFI/tests/kotlin" && npm ci --no-audit --no-fund --silent)
  if [ "$(cbindgen --version 2>/dev/null)" != "cbindgen $CBINDGEN_VERSION" ]; then
    cargo install -q cbindgen --locked --version "$CBINDGEN_VERSION"
  fi
}
export PATH="$HOME/.cargo/bin:$PATH"
if ! install; then fail 1 "installing valgrind, libjna-java, kotlin-compiler or cbindgen"; finish; fi
mkdir -p "$OUT"

# 1. Rust tests (the crate's unit, integration and doc tests).
cargo build -q -p numauth-ffi --lib --example expected &&
  cargo build -q -p numauth-ffi --features bindgen --bin uniffi-bindgen ||
  { fail 1 "cargo build -p numauth-ffi"; finish; }
cargo test -q -p numauth-ffi >"$OUT/cargo-test.log" 2>&1 || fail 1 "cargo test -p numauth-ffi (see below)"
count "$OUT/cargo-test.log"
grep -E "FAILED|panicked|^error" "$OUT/cargo-test.log" | head -20

# 2. The checked-in header is what cbindgen makes from the source.
if cbindgen --quiet --config "$FFI/cbindgen.toml" --output "$OUT/numauth.h" "$FFI" &&
  diff -u "$FFI/include/numauth.h" "$OUT/numauth.h"; then
  pass 1
else
  fail 1 "include/numauth.h is stale: regenerate it (command in $FFI/cbindgen.toml)"
fi

# The README's snippets, extracted: the tests compile them, so the README cannot drift.
snippet() { awk -v tag="<!-- snippet: $1 " 'index($0, tag) == 1 {on = 1; next}
  on && /^```/ {if (body) exit; body = 1; next} on && body {print}' "$FFI/README.md"; }
snippet c >"$OUT/readme_snippet.c"
snippet kotlin >"$OUT/ReadmeSnippet.kt"

# 3. C under valgrind.
lib=target/debug
if gcc -std=c11 -Wall -Wextra -Werror -g -I "$FFI/include" -I "$OUT" "$FFI/tests/c/test_capi.c" \
  -o "$OUT/test_capi" -L "$lib" -lnumauth_ffi -lpthread -Wl,-rpath,"$PWD/$lib"; then
  valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible \
    "$OUT/test_capi" >"$OUT/c-test.log" 2>&1
  rc=$?
  grep -v '^{' "$OUT/c-test.log" | grep -vE '^(invalid_configuration /|pns )' | tail -20
  count "$OUT/c-test.log"
  [ "$rc" -eq 0 ] || fail 1 "C test under valgrind (exit $rc)"
else
  fail 1 "compiling tests/c/test_capi.c"
fi

# 4. Kotlin and Swift bindings from the built library.
bindgen() {
  rm -rf "$OUT/$1" && target/debug/uniffi-bindgen generate --library "$lib/libnumauth_ffi.so" \
    --language "$1" --out-dir "$OUT/$1" --no-format >"$OUT/bindgen-$1.log" 2>&1
}
if bindgen kotlin && [ -f "$OUT/kotlin/io/numauth/numauth.kt" ]; then pass 1; else
  fail 1 "generating Kotlin bindings"; cat "$OUT/bindgen-kotlin.log"; fi
if bindgen swift && [ -f "$OUT/swift/Numauth.swift" ] && [ -f "$OUT/swift/numauthFFI.h" ] &&
  [ -f "$OUT/swift/numauthFFI.modulemap" ]; then pass 1; else
  fail 1 "generating Swift bindings"; cat "$OUT/bindgen-swift.log"; fi
# The error's Display, exported for Swift's `description` (the README's note); Swift cannot be
# compiled here, so the generated code is read: the property sits in NumauthError's body.
if awk '/^(public )?enum NumauthError:/ {e = 1} e && /^public var description: String/ {f = 1}
  e && /^}/ {exit} END {exit !f}' "$OUT/swift/Numauth.swift"; then pass 1; else
  fail 1 "Swift NumauthError has no description (the exported Display)"; fi

# 5. Kotlin tests on the JVM, against the Rust library's own results for the sample log.
kotlinc=(bash "$FFI/tests/kotlin/node_modules/kotlin-compiler/bin/kotlinc")
samples=data/samples/callbacks.ndjson
if target/debug/examples/expected "$samples" >"$OUT/expected.txt" &&
  "${kotlinc[@]}" -nowarn -cp /usr/share/java/jna.jar -include-runtime -d "$OUT/kotlin-test.jar" \
    "$OUT/kotlin/io/numauth/numauth.kt" "$OUT/ReadmeSnippet.kt" "$FFI/tests/kotlin/NumauthTest.kt" \
    2>"$OUT/kotlinc.log"; then
  java -Djna.library.path="$PWD/$lib" -cp "$OUT/kotlin-test.jar:/usr/share/java/jna.jar" \
    NumauthTestKt "$samples" "$OUT/expected.txt" >"$OUT/kotlin-test.log" 2>&1
  rc=$?
  tail -20 "$OUT/kotlin-test.log"
  count "$OUT/kotlin-test.log"
  [ "$rc" -eq 0 ] || fail 1 "Kotlin tests (exit $rc)"
else
  fail 1 "compiling the Kotlin tests"; tail -30 "$OUT/kotlinc.log"
fi

# 6. Mobile staticlibs: each target built and its archive index checked against the header (a
#    target rustup cannot install here is named as SKIPPED).
scripts/ffi-mobile-staticlibs.sh 2>&1 | tee "$OUT/mobile.log"
rc=${PIPESTATUS[0]}
count "$OUT/mobile.log"
[ "$rc" -eq 0 ] || grep -q "[1-9][0-9]* failed" "$OUT/mobile.log" || fail 1 "mobile staticlibs (exit $rc)"

if [ "${FFI_BENCH:-0}" = 1 ]; then
  scripts/ffi-bench.sh || fail 1 "benches"
fi
finish
