#!/usr/bin/env bash
# Builds the numauth wheel with profile-guided optimisation (PGO), as a release ships it:
#   1. a wheel instrumented to count its branches and calls (`-Cprofile-generate`);
#   2. a training run of that wheel over the payloads this repository keeps (pgo/train.py: the
#      fuzz seeds and data/samples, not the benchmark's generated log);
#   3. the wheel built again with those counts (`-Cprofile-use`), into --out.
# normalize_arrow takes about a fifth less time a row than a plain build (bindings/python/README.md,
# "Benchmark"). Usage, from anywhere in the repository:
#   bindings/python/pgo/build.sh --python PY --out DIR
# PY needs pyarrow (the training run calls normalize_arrow). Needs the toolchain's llvm-profdata
# (`rustup component add llvm-tools`); without it this says so on stderr and builds the wheel
# without PGO, unless NUMAUTH_PGO=required, which makes that an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "pgo/build.sh: unknown argument $1 (expected --python PY --out DIR)" >&2; exit 2 ;;
  esac
done
if [ -z "$python" ] || [ -z "$out" ]; then
  echo "pgo/build.sh: usage: pgo/build.sh --python PY --out DIR" >&2
  exit 2
fi
python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
maturin="$(dirname "$python")/maturin"
[ -x "$maturin" ] || maturin=maturin

build() { # RUSTFLAGS to add, output directory
  (cd "$root/bindings/python" && RUSTFLAGS="${RUSTFLAGS:-} $1" \
    "$maturin" build --quiet --interpreter "$python" --out "$2")
}

profdata="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  msg="llvm-profdata not found at $profdata (rustup component add llvm-tools)"
  if [ "${NUMAUTH_PGO:-}" = required ]; then
    echo "pgo/build.sh: $msg" >&2
    exit 1
  fi
  echo "pgo/build.sh: WARNING: $msg: building the wheel WITHOUT profile-guided optimisation" >&2
  build "" "$out"
  exit 0
fi

# The instrumented build has its own target dir: other RUSTFLAGS would rebuild the normal one.
work="$root/target/pgo"
rm -rf "$work/profiles" "$work/wheel" "$work/site"
mkdir -p "$work/profiles"
echo "== pgo: instrumented build"
CARGO_TARGET_DIR="$work/target" build "-Cprofile-generate=$work/profiles" "$work/wheel"
# Build scripts ran instrumented too: their counts are not the wheel's.
rm -rf "$work/profiles"/*
"$python" -m pip install -q --disable-pip-version-check --no-deps --target "$work/site" "$work"/wheel/numauth-*.whl
echo "== pgo: training run"
PYTHONPATH="$work/site" "$python" "$here/train.py"
"$profdata" merge -o "$work/numauth.profdata" "$work/profiles"
echo "== pgo: optimised build"
build "-Cprofile-use=$work/numauth.profdata" "$out"
