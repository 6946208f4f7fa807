#!/usr/bin/env bash
# Installs what the browser tests, the HTML check, the server and deploy
# tests and Lighthouse need:
#   - Debian's Chromium (+ chromedriver) when /usr/bin/chromium is missing
#   - Java (for the Nu Html Checker) when no java is on PATH
#   - Debian's nginx (for the web-server configuration test)
#   - tests/deploy/.venv, a Python virtual environment with moto's S3 server
#     and boto3 (for the deploy test), when missing or older than
#     tests/deploy/requirements.txt (python3-venv from Debian if needed)
#   - tests/browser/node_modules via `npm ci` when missing or older than
#     package-lock.json
# Idempotent, non-interactive (works with CI=true and no stdin), quiet when
# there is nothing to do. Never downloads a browser build of its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_DIR="$ROOT/tests/browser"
DEPLOY_DIR="$ROOT/tests/deploy"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

fail() {
  echo "install-test-deps: $1" >&2
  if [ -s "$LOG" ]; then
    echo "---- last lines of output ----" >&2
    tail -n 40 "$LOG" >&2
  fi
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    fail "need root (or password-less sudo) to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "apt-get not found; install $* by hand"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get -o DPkg::Lock::Timeout=300 update -qq </dev/null >>"$LOG" 2>&1 \
      || fail "apt-get update failed"
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" </dev/null >>"$LOG" 2>&1 \
    || fail "apt-get install $* failed"
}

# 1. Chromium from Debian (Playwright's own browser download cannot work here).
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium-driver
  [ -x /usr/bin/chromium ] || fail "chromium was installed but /usr/bin/chromium is missing"
  echo "install-test-deps: installed chromium"
fi

# 2. Java 17+ for vnu.jar.
if ! command -v java >/dev/null 2>&1; then
  apt_install openjdk-17-jre-headless
  command -v java >/dev/null 2>&1 || fail "java is still not on PATH after installing openjdk-17-jre-headless"
  echo "install-test-deps: installed java"
fi

# 3. nginx, for the test of docs/nginx/portal.conf (Debian's package; the
# test starts its own instance on loopback, the system service is not used).
if [ ! -x /usr/sbin/nginx ]; then
  apt_install nginx
  [ -x /usr/sbin/nginx ] || fail "nginx was installed but /usr/sbin/nginx is missing"
  echo "install-test-deps: installed nginx"
fi

# 4. moto's S3 server and boto3 for the deploy test, in a virtual environment
# (every package pinned by requirements.txt; PyPI is one of the registries).
command -v python3 >/dev/null 2>&1 || apt_install python3
venv="$DEPLOY_DIR/.venv"
venv_stamp="$venv/.requirements-installed"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv_stamp" ] || [ "$DEPLOY_DIR/requirements.txt" -nt "$venv_stamp" ]; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" </dev/null >>"$LOG" 2>&1; then
    # Debian's python3 has no ensurepip, which venv needs, without
    # python3-venv.
    rm -rf "$venv"
    apt_install python3-venv
    python3 -m venv "$venv" </dev/null >>"$LOG" 2>&1 \
      || fail "python3 -m venv tests/deploy/.venv failed"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$DEPLOY_DIR/requirements.txt" </dev/null >>"$LOG" 2>&1 \
    || fail "pip install -r tests/deploy/requirements.txt failed"
  touch "$venv_stamp"
  echo "install-test-deps: installed moto and boto3 in tests/deploy/.venv"
fi

# 5. Node packages (pinned by package-lock.json).
command -v node >/dev/null 2>&1 || fail "node not found (Node.js 20+ is needed)"
command -v npm >/dev/null 2>&1 || fail "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node.js $(node -v) is too old; 20 or newer is needed"

stamp="$BROWSER_DIR/node_modules/.package-lock.json"
if [ ! -d "$BROWSER_DIR/node_modules" ] || [ ! -f "$stamp" ] || [ "$BROWSER_DIR/package-lock.json" -nt "$stamp" ]; then
  # --ignore-scripts: the only install script (vnu-jar's) would fetch a Java
  # runtime from outside the registries when no java is found.
  (cd "$BROWSER_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null >>"$LOG" 2>&1) \
    || fail "npm ci in tests/browser failed"
  touch "$stamp"
  echo "install-test-deps: installed node packages in tests/browser"
fi
