#!/usr/bin/env bash
# Benchmark: what a further language costs. Builds the generated site of
# PAGES pages (default 10000: code blocks, tables, long lists) once in
# German only and once with `translations: [en]` and an English
# translation of every SHARE-th service and news article (default 5, so
# a fifth), and prints medians of RUNS runs, peak memory and the load.
# Usage: bench/languages.sh [PAGES] [RUNS] [SHARE]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-3}
share=${3:-5}
cargo build --release --locked -q
# Output into memory where there is some: writing 12,000 files to a disk
# varied by a factor of three between runs here, hiding what is measured.
if [ -d /dev/shm ] && [ -z "${TMPDIR:-}" ]; then export TMPDIR=/dev/shm; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_site.py "$pages" "$work/de" >/dev/null
cp -r "$work/de" "$work/en"
python3 - "$work/en" "$share" <<'PY'
import os, re, sys
root, share = sys.argv[1], int(sys.argv[2])
site = os.path.join(root, "content/site.yaml")
text = open(site).read()
text = re.sub(r"^language: (\S+)$", r"language: \1\ntranslations: [en]", text, count=1, flags=re.M)
open(site, "w").write(text)
made = 0
for folder in ("services", "news"):
    path = os.path.join(root, "content", folder)
    names = sorted(n for n in os.listdir(path) if n.endswith(".md") and n.count(".") == 1)
    for i, name in enumerate(names):
        if i % share:
            continue
        source = open(os.path.join(path, name)).read()
        front, body = source[4:].split("\n---\n", 1)
        title = re.search(r"^title: (.*)$", front, re.M).group(1)
        summary = re.search(r"^summary: (.*)$", front, re.M)
        lines = [f"title: {title} (English)"]
        if summary:
            lines.append(f"summary: {summary.group(1)}")
        # The same text: a translation is about as long as its original.
        open(os.path.join(path, name[:-3] + ".en.md"), "w").write(
            "---\n" + "\n".join(lines) + "\n---\n" + body)
        made += 1
print(f"{made} translations written")
PY
echo "load before: $(uptime)"
echo "cores: $(nproc), runs per site: $runs"
python3 bench/measure.py "$runs" target/release/portal "de-only=$work/de" "with-en=$work/en"
echo "load after:  $(uptime)"
