#!/usr/bin/env bash
# Load test of the live preview on loopback: `portal serve` on the example
# site, then wrk for 10 s with 100 connections on 2 threads against a
# service page. Bounded in time, loopback only. Prints wrk's figures and
# the machine's load. Usage: bench/serve-load.sh [PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-/leistungen/wohngeld/}
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
cargo build --release --locked -q
log=$(mktemp)
target/release/portal serve --root . --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^Serving' "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
echo "load before: $(uptime)"
wrk -t2 -c100 -d10s --latency "${url%/}$page"
echo "load after:  $(uptime)"
