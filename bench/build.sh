#!/usr/bin/env bash
# Benchmark: release build time and peak memory of the example site and of
# a generated site of PAGES pages (default 10000). Prints medians of RUNS
# runs and the machine's load. Usage: bench/build.sh [PAGES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-5}
cargo build --release --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_site.py "$pages" "$work/large" >/dev/null
echo "load before: $(uptime)"
echo "cores: $(nproc), runs per site: $runs"
python3 bench/measure.py "$runs" target/release/portal example=. "large=$work/large"
echo "load after:  $(uptime)"
