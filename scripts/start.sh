#!/usr/bin/env bash
# The main command (`npm start`): installs what is missing, builds the package and the demo page,
# prints a Node-side comparison (highwater vs node:stream and peers), then serves the page on
# 127.0.0.1 and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
npm run build:www
echo
echo "== comparison in Node (short run; full run: npm run bench)"
BENCH_QUICK=1 BENCH_RUNS=3 node bench/readable.js
echo
exec node scripts/serve.js www/dist "${PORT:-8080}"
