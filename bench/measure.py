#!/usr/bin/env python3
"""Runs `portal build` RUNS times per site; prints median wall time and peak RSS.

usage: measure.py RUNS BINARY NAME=ROOT [NAME=ROOT ...]
"""
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

runs, binary, sites = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
for spec in sites:
    name, root = spec.split("=", 1)
    out = tempfile.mkdtemp()
    times, rss, pages = [], [], "?"
    for _ in range(runs):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            log = os.open(os.path.join(out, "log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(log, 1)
            os.dup2(devnull, 2)
            os.execv(binary, [binary, "build", "--root", root, "--out", os.path.join(out, "public")])
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        rss.append(usage.ru_maxrss / 1024)
        if status != 0:
            sys.exit(f"{name}: portal build failed")
        m = re.search(r"Built (\d+) pages", open(os.path.join(out, "log")).read())
        pages = m.group(1) if m else "?"
    print(f"{name:8} {pages:>6} pages  median {statistics.median(times):6.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f})  median peak RSS {statistics.median(rss):6.1f} MiB")
    subprocess.run(["rm", "-rf", out])
