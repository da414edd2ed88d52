#!/usr/bin/env bash
# Load and abuse figures for `numauth serve`, measured against baselines in the same run.
# Loopback only; every step is bounded (wrk runs DUR seconds, abuse clients at most 120 s).
# Needs wrk (Debian `wrk`), curl and python3. Results: target/serve-bench/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${DUR:-10}
LINES=${LINES:-500000}
OUT=target/serve-bench
mkdir -p "$OUT"
cargo build --release -q -p numauth-cli
cargo build --release -q -p numauth-server --example bare
BIN=target/release/numauth
BARE=target/release/examples/bare
ulimit -n 8192 2>/dev/null || true

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

port_of() { # wait for "...listening on http://127.0.0.1:PORT" in $1
  for _ in $(seq 100); do
    p=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$1")
    [ -n "$p" ] && { echo "$p"; return; }
    sleep 0.1
  done
  echo "no listening line in $1" >&2; exit 1
}

"$BIN" serve --listen 127.0.0.1:0 --timeout 15 > "$OUT/server.txt" &
SPID=$!; pids+=("$SPID")
PORT=$(port_of "$OUT/server.txt")
SIZE=$(curl -s "http://127.0.0.1:$PORT/v1/codes/pns/600011" | wc -c)
"$BARE" 127.0.0.1:0 "$SIZE" > "$OUT/bare.txt" &
pids+=("$!")
BPORT=$(port_of "$OUT/bare.txt")

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
p99() { sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$1"; }

wrk -t2 -c64 -d"${DUR}s" --latency "http://127.0.0.1:$BPORT/v1/codes/pns/600011" > "$OUT/wrk-bare.txt"
wrk -t2 -c64 -d"${DUR}s" --latency "http://127.0.0.1:$PORT/v1/codes/pns/600011" > "$OUT/wrk-serve.txt"
wrk -t2 -c1000 -d"${DUR}s" --latency "http://127.0.0.1:$PORT/v1/codes/pns/600011" > "$OUT/wrk-1000.txt"

# The 1 GiB body goes to a server with the default --timeout (300 s): reading 256 MiB through
# the report takes longer than the 15 s the other server allows.
"$BIN" serve --listen 127.0.0.1:0 > "$OUT/server-big.txt" &
BIGPID=$!; pids+=("$BIGPID")
python3 server/bench/abuse.py "$(port_of "$OUT/server-big.txt")" big > "$OUT/abuse.txt"
python3 server/bench/abuse.py "$PORT" slow-headers >> "$OUT/abuse.txt"
python3 server/bench/abuse.py "$PORT" slow-body >> "$OUT/abuse.txt"

# NDJSON throughput: the sample log repeated to $LINES lines.
LOG="$OUT/big.ndjson"
python3 - "$LOG" "$LINES" <<'PY'
import sys, itertools
lines = open("data/samples/callbacks.ndjson").read().splitlines()
with open(sys.argv[1], "w") as f:
    for line in itertools.islice(itertools.cycle(lines), int(sys.argv[2])):
        f.write(line + "\n")
PY
secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); python3 -c "print(round($e-$s,3))"; }
T_CLI1=$(secs "$BIN" normalize --jobs 1 "$LOG")
T_CLI=$(secs "$BIN" normalize "$LOG")
T_HTTP=$(secs curl -sS -X POST -T "$LOG" -H 'content-type: application/x-ndjson' "http://127.0.0.1:$PORT/v1/normalize" -o /dev/null)
curl -sS -X POST -T "$LOG" -H 'content-type: application/x-ndjson' "http://127.0.0.1:$PORT/v1/normalize" > "$OUT/http.ndjson"
"$BIN" normalize "$LOG" > "$OUT/cli.ndjson"
SAME=$(cmp -s "$OUT/http.ndjson" "$OUT/cli.ndjson" && echo identical || echo DIFFERENT)
RSS=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$SPID/status")
BIG_RSS=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$BIGPID/status")
MB=$(du -m "$LOG" | cut -f1)

python3 - <<PY | tee "$OUT/summary.txt"
bare, serve, c1000 = float("$(rps "$OUT/wrk-bare.txt")"), float("$(rps "$OUT/wrk-serve.txt")"), float("$(rps "$OUT/wrk-1000.txt")")
print("GET /v1/codes/pns/600011, 64 connections, ${DUR}s (wrk -t2):")
print("  bare axum handler, same body size ($SIZE B): %.0f req/s, p99 $(p99 "$OUT/wrk-bare.txt")" % bare)
print("  numauth serve: %.0f req/s, p99 $(p99 "$OUT/wrk-serve.txt") -> %.2fx the bare handler" % (serve, serve / bare))
print("1000 keep-alive connections: %.0f req/s, p99 $(p99 "$OUT/wrk-1000.txt"); $(grep -E 'Socket errors|Non-2xx' "$OUT/wrk-1000.txt" | tr '\n' ' ' || true)" % c1000)
print("POST /v1/normalize NDJSON, $LINES lines ($MB MB):")
print("  numauth normalize --jobs 1: ${T_CLI1}s; numauth normalize (one job per core): ${T_CLI}s")
print("  numauth serve (curl -T): ${T_HTTP}s -> %.2fx the CLI --jobs 1, %.2fx the CLI default; output $SAME" % ($T_CLI1 / $T_HTTP, $T_CLI / $T_HTTP))
print("abuse:")
for line in open("$OUT/abuse.txt"):
    print("  " + line.rstrip())
print("server peak RSS (VmHWM) through all of the above: %.1f MB; the 1 GiB-body server: %.1f MB" % ($RSS / 1024, $BIG_RSS / 1024))
PY
