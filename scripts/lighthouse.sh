#!/usr/bin/env bash
# Lighthouse (performance, accessibility, best-practices, seo) for the home
# page and the first service page of a built site, served on loopback.
#
#   scripts/lighthouse.sh SITE_DIR
#
# Prints the four scores per page; JSON reports go to tests/browser/lighthouse/.
# LIGHTHOUSE_PRESET=desktop scores as desktop (default mobile);
# LIGHTHOUSE_MIN=N fails the run when a score is below N (default: no gate).
# Needs scripts/install-test-deps.sh to have run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "lighthouse: $*" >&2; exit 2; }

[ $# -eq 1 ] || die "usage: scripts/lighthouse.sh SITE_DIR"
[ -d "$1" ] || die "site folder not found: $1"
[ -d "$ROOT/tests/browser/node_modules/lighthouse" ] || die "lighthouse is not installed (run scripts/install-test-deps.sh)"
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || die "chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium} (run scripts/install-test-deps.sh)"

exec node "$ROOT/tests/browser/lighthouse.mjs" "$(cd "$1" && pwd)"
