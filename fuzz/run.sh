#!/usr/bin/env bash
# Fuzzes the parse-and-render path for SECONDS (default 600) seconds.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain the
# nightly-only sanitizer flags are enabled with RUSTC_BOOTSTRAP=1.
# The corpus starts from the example content and the mistakes fixture.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
mkdir -p corpus/parse_render
i=0
for f in ../content/*/*.md ../content/governance/*/*.md ../tests/fixtures/mistakes/content/*/*.md; do
  i=$((i + 1))
  for t in 0 1 2 3 4; do
    (printf "\\x$t"; cat "$f") > "corpus/parse_render/seed-$i-$t"
  done
done
RUSTC_BOOTSTRAP=1 cargo fuzz run parse_render corpus/parse_render -- \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1
