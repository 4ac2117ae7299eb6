#!/usr/bin/env bash
# The main command (`npm start`): installs what is missing, builds the package and the pages, prints
# the Node-side comparison (`highwater-compare --quick`: node:stream, highwater, web streams and both
# libraries' web adapters over the playground's presets), then serves the playground on 127.0.0.1
# and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
npm run build:www
echo
echo "== comparison in Node (quick run; full run: npm run compare)"
node bin/highwater-compare.js --quick || echo "!! the comparison reported failures (FAIL lines above)"
echo
exec node scripts/serve.js www/dist "${PORT:-8080}"
