#!/usr/bin/env bash
# CI for `numauth serve` (server/): installs chromium, builds, runs the Rust integration tests
# and the real-browser test. Last line: `serve: N passed, M failed`; non-zero exit on failure.
set -uo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium > /dev/null || need+=(chromium)
command -v chromedriver > /dev/null || need+=(chromium-driver)
# A CJK font, so the zh screenshot shows characters rather than boxes.
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > /dev/null &&
    apt-get clean # the downloaded .deb files: disk, not needed once installed
fi

passed=0
failed=0
log=target/serve-ci
mkdir -p "$log"

# Rust: the server crate's unit tests, the CLI's unit tests (serve, report_html) and the
# integration tests that run `numauth serve` on a free port.
if [ -n "${NUMAUTH_TEST_ALL:-}" ]; then
  # scripts/test-all already ran these with `cargo test --workspace`: build only.
  cargo build -q -p numauth-cli || failed=$((failed + 1))
elif cargo build -q -p numauth-cli; then
  { cargo test -q -p numauth-server --lib 2>&1
    cargo test -q -p numauth-cli --bin numauth --test serve --test serve_limits 2>&1; } | tee "$log/cargo-test.txt"
  while read -r p f; do
    passed=$((passed + p)); failed=$((failed + f))
  done < <(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$log/cargo-test.txt")
  grep -q "^test result" "$log/cargo-test.txt" || failed=$((failed + 1))
  grep -q "error\[\|could not compile" "$log/cargo-test.txt" && failed=$((failed + 1))
else
  failed=$((failed + 1))
fi

# The browser: the page, the XSS check and the HTML report, in headless chromium.
if [ -x target/debug/numauth ]; then
  python3 server/tests/browser.py target/debug/numauth "$log/browser" 2>&1 | tee "$log/browser.txt"
  line=$(grep "^browser: " "$log/browser.txt" | tail -1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed 's/browser: \([0-9]*\) passed, \([0-9]*\) failed/\1/')
    f=$(echo "$line" | sed 's/browser: \([0-9]*\) passed, \([0-9]*\) failed/\2/')
    passed=$((passed + p)); failed=$((failed + f))
  else
    failed=$((failed + 1))
  fi
fi

echo "serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
