#!/usr/bin/env bash
# Benchmark of issue 22: the same services as one XZuFi catalogue (with a
# small Markdown file adding status and topics to each) against the same
# services written as Markdown, at PAGES pages of the benchmark corpus
# (default 10000: 6,000 services with code blocks, tables and lists, plus
# news and the rest). Builds each RUNS times (default 3) into a fresh folder
# and prints the median wall time and peak memory (max RSS) of each, their
# ratio, and the machine's load.
#
# usage: bash bench/catalogue.sh [PAGES]    (RUNS=n, WORK=dir)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${RUNS:-3}
work=${WORK:-/dev/shm/portal-catalogue}
cargo build --release --locked -q
mkdir -p "$work"
for variant in markdown catalogue; do
  site=$work/$variant-$pages
  if [[ ! -d $site/content ]]; then
    flag=""
    [[ $variant == catalogue ]] && flag=--catalogue
    python3 bench/gen_site.py "$pages" "$site" $flag >/dev/null
  fi
done
echo "load before: $(uptime)"
echo "cores: $(nproc); portal $(git rev-parse --short HEAD); $pages pages, $runs builds each"
python3 - "$PWD/target/release/portal" "$work" "$pages" "$runs" <<'PY'
import os, resource, statistics, subprocess, sys, time
portal, work, pages, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
results = {}
for variant in ["markdown", "catalogue"]:
    site = f"{work}/{variant}-{pages}"
    times, peaks = [], []
    for _ in range(runs):
        out = f"{work}/out-{variant}"
        subprocess.run(["rm", "-rf", out], check=True)
        start = time.perf_counter()
        proc = subprocess.Popen([portal, "build", "--root", site, "--out", out],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, err = proc.communicate()
        _, status, usage = os.wait4(proc.pid, 0) if False else (None, proc.returncode, None)
        times.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"{variant}: build failed\n{err.decode()}")
    # Peak memory: one more build under GNU time's accounting of the child.
    for _ in range(runs):
        out = f"{work}/out-{variant}"
        subprocess.run(["rm", "-rf", out], check=True)
        r = subprocess.run(["/usr/bin/time", "-f", "%M", portal, "build", "--root", site, "--out", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        peaks.append(int(r.stderr.strip().splitlines()[-1]) / 1024)
    files = sum(len(f) for _, _, f in os.walk(f"{work}/out-{variant}"))
    sources = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{site}/content") for f in fs)
    results[variant] = (statistics.median(times), statistics.median(peaks))
    print(f"{variant:9}  median {results[variant][0]:.2f} s  (runs {', '.join(f'{t:.2f}' for t in times)})"
          f"  peak {results[variant][1]:.0f} MiB  content {sources / 1e6:.1f} MB  output {files} files")
m, c = results["markdown"], results["catalogue"]
print(f"catalogue / markdown: time {c[0] / m[0]:.2f}, peak memory {c[1] / m[1]:.2f}")
PY
echo "load after: $(uptime)"
