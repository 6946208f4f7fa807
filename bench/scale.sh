#!/usr/bin/env bash
# Benchmark of issue 21: `portal build` with every feature on, at several
# sizes of the benchmark corpus (default 10000 100000), one build each into
# a fresh folder. Prints per size: wall time, CPU time, peak memory, output
# size and file count, the build's own phase timings, and what the search
# page downloads to start and to run one query (gzip), measured in Chromium
# (bench/search-query.mjs), plus the machine's load before and after.
#
# usage: bash bench/scale.sh [PAGES ...]
#   WORK=/path  where corpora and outputs go (default: the RAM disk when it
#               has room, else TMPDIR); a million pages needs about 35 GB.
#   KEEP=1      keep the corpora (gen_site.py is deterministic, so a kept
#               corpus is reused by the next run).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000)
cargo build --release --locked -q
bash scripts/install-test-deps.sh >/dev/null
biggest=0
for n in "${sizes[@]}"; do ((n > biggest)) && biggest=$n; done
need_kib=$((biggest * 350))
work=${WORK:-}
if [[ -z $work ]]; then
  work=${TMPDIR:-/tmp}
  if [[ -d /dev/shm && -w /dev/shm ]] &&
    (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > need_kib)); then
    work=/dev/shm
  fi
  work=$work/portal-scale
fi
mkdir -p "$work"
cp target/release/portal "$work/portal"
echo "load before: $(uptime)"
echo "cores: $(nproc); work dir: $work; portal $(git rev-parse --short HEAD)"
for n in "${sizes[@]}"; do
  site=$work/site-$n
  out=$work/out-$n
  [[ -d $site/content ]] || python3 bench/gen_site.py "$n" "$site" >/dev/null
  rm -rf "$out"
  echo
  echo "== $n pages (corpus $(du -sh --apparent-size "$site/content" | cut -f1))"
  python3 - "$work/portal" "$site" "$out" <<'EOF'
import os, sys, time
portal, site, out = sys.argv[1:]
log = out + ".log"
start = time.perf_counter()
pid = os.posix_spawn(portal, [portal, "build", "--root", site, "--out", out, "--timings"], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
                                   (os.POSIX_SPAWN_DUP2, 1, 2)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
text = open(log, encoding="utf-8").read()
if status != 0:
    sys.exit(text[-3000:])
files = size = 0
for folder, _, names in os.walk(out):
    for name in names:
        files += 1
        size += os.lstat(os.path.join(folder, name)).st_size
print(f"wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s, "
      f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB ({usage.ru_maxrss / 1024 / 1024:.3f} GiB), "
      f"output {size / 1e9:.2f} GB in {files:,} files")
for line in text.splitlines():
    if line.startswith(("Built", "Search index")) or line.startswith("  ") and " ms" in line and ".html" not in line:
        print("  " + line.strip())
EOF
  node bench/search-query.mjs "$out" Antrag "Termin Gebühr" Schnittst
  [[ ${KEEP:-} == 1 ]] || rm -rf "$site"
  rm -rf "$out" "$out.log"
done
echo
echo "load after: $(uptime)"
