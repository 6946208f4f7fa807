#!/usr/bin/env python3
"""Times portal against Hugo and Hugo + Pagefind on the same site (issue 10).

usage: compare.py RUNS WORK PORTAL HUGO PAGEFIND

WORK holds site/ (bench/gen_site.py's output) and hugo/ (bench/hugo_site.py's
output); every build writes below WORK. Run through bench/compare.sh, which
builds and installs the tools and makes WORK.

Contenders, run in RUNS interleaved rounds (the order rotates by one each
round) after one untimed warm-up round:

  portal --no-search   portal build --root SITE --out OUT --no-search
  portal               portal build --root SITE --out OUT
  hugo                 hugo --source HUGO --destination OUT --quiet
                            --cacheDir CACHE (CACHE emptied before each run)
  hugo + pagefind      the same, then pagefind --site OUT (times added up,
                       peak memory the larger of the two)
  cp -r floor          cp -r PORTAL_OUT OUT (copying portal's full output)

Each run's output folder does not exist when it starts (the previous one is
deleted outside the timed part). Wall time is time.perf_counter() around
posix_spawn .. wait4; CPU time (user + sys) and peak RSS come from wait4's
rusage. Pages are the .html files of the output.
"""
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

MIB = 1024 * 1024


class Failed(Exception):
    pass


def spawn(argv, log):
    """Runs argv with stdout and stderr to log.out / log.err.

    Returns (wall s, cpu s, peak RSS MiB); raises Failed on a non-zero exit.
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, log + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, log + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        code = os.waitstatus_to_exitcode(status)
        err = read(log + ".err") + read(log + ".out")
        raise Failed(f"`{' '.join(argv)}` exited with {code}:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def tree(path):
    """(number of .html files, total bytes of all files) below path."""
    html = size = 0
    for folder, _, files in os.walk(path):
        for name in files:
            size += os.lstat(os.path.join(folder, name)).st_size
            html += name.endswith(".html")
    return html, size


def remove(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


def machine_busy():
    """CPU seconds the whole machine has been busy, from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu():
    """CPU seconds of this process and all the processes it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def slug(name):
    """A file name for a contender: "hugo + pagefind" -> "hugo-pagefind"."""
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")


def version(argv):
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    runs, work, portal, hugo, pagefind = int(sys.argv[1]), *sys.argv[2:]
    site, hugo_site = os.path.join(work, "site"), os.path.join(work, "hugo")
    logs, cache = os.path.join(work, "logs"), os.path.join(work, "hugo-cache")
    os.makedirs(logs, exist_ok=True)
    out = {}

    def out_dir(name):
        return out.setdefault(name, os.path.join(work, "out-" + slug(name)))

    help_text = subprocess.run([portal, "build", "--help"], capture_output=True,
                               text=True, check=True).stdout
    has_no_search = "--no-search" in help_text

    # Each contender: a name and a function that runs it once into a fresh
    # folder and returns (wall, cpu, rss, parts), parts being the per-process
    # figures when there are several.
    def portal_run(name, extra):
        def run():
            o = out_dir(name)
            remove(o)
            w, c, r = spawn([portal, "build", "--root", site, "--out", o, *extra],
                            os.path.join(logs, slug(name)))
            return w, c, r, None
        return run

    def hugo_once(name):
        o = out_dir(name)
        remove(o)
        remove(cache)
        remove(os.path.join(hugo_site, "resources"))
        os.makedirs(cache)
        return spawn([hugo, "--source", hugo_site, "--destination", o, "--quiet",
                      "--cacheDir", cache], os.path.join(logs, slug(name) + ".hugo"))

    def hugo_run():
        return (*hugo_once("hugo"), None)

    def hugo_pagefind_run():
        hw, hc, hr = hugo_once("hugo + pagefind")
        pw, pc, pr = spawn([pagefind, "--site", out_dir("hugo + pagefind")],
                           os.path.join(logs, "hugo-pagefind.pagefind"))
        return hw + pw, hc + pc, max(hr, pr), (pw, pc, pr)

    def copy_run():
        o = out_dir("cp -r floor")
        remove(o)
        # The source is the newest full portal output (the warm-up round
        # makes one before any timed copy).
        w, c, r = spawn(["/bin/cp", "-r", out_dir("portal"), o], os.path.join(logs, "cp"))
        return w, c, r, None

    contenders = []
    if has_no_search:
        contenders.append(("portal --no-search", portal_run("portal --no-search", ["--no-search"])))
    contenders += [
        ("portal", portal_run("portal", [])),
        ("hugo", hugo_run),
        ("hugo + pagefind", hugo_pagefind_run),
        ("cp -r floor", copy_run),
    ]
    names = [n for n, _ in contenders]
    # The copy needs a portal output first: the warm-up round runs in this order.
    warm_order = [c for c in contenders if c[0] != "cp -r floor"] + [contenders[-1]]

    git = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True,
                         text=True, check=False).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "themes", "Cargo.toml",
                            "Cargo.lock"], capture_output=True, text=True, check=False).stdout
    print(f"uptime before: {version(['uptime'])}")
    print(f"nproc: {os.cpu_count()} (affinity {len(os.sched_getaffinity(0))}); work dir: {work}")
    print(f"portal: {version([portal, '--version'])}, commit {git}"
          + (" + uncommitted changes in src/themes/Cargo" if dirty.strip() else ""))
    print(f"hugo: {version([hugo, 'version'])}")
    print(f"pagefind: {version([pagefind, '--version'])} ({pagefind})")
    if not has_no_search:
        print("NOTE: `portal build --help` has no --no-search: that row is left out.")

    # Hugo must build the site cleanly: one untimed build with warnings shown.
    check = os.path.join(work, "hugo-check")
    try:
        spawn([hugo, "--source", hugo_site, "--destination", check, "--logLevel", "warn",
               "--cacheDir", cache], os.path.join(logs, "hugo-check"))
    except Failed as e:
        sys.exit(f"Hugo check build failed: {e}")
    noise = [l for l in (read(os.path.join(logs, "hugo-check.out"))
                         + read(os.path.join(logs, "hugo-check.err"))).splitlines()
             if re.match(r"\s*(WARN|ERROR)", l)]
    if noise:
        sys.exit("Hugo check build printed warnings or errors:\n" + "\n".join(noise))
    remove(check)

    results = {n: [] for n in names}
    parts = []
    busy_start, own_start, clock_start = machine_busy(), own_cpu(), time.monotonic()
    for rnd in range(-1, runs):
        order = warm_order if rnd < 0 else contenders[rnd % len(contenders):] + contenders[:rnd % len(contenders)]
        for name, run in order:
            try:
                wall, cpu, rss, part = run()
            except Failed as e:
                sys.exit(f"{name}: build failed: {e}")
            if rnd >= 0:
                results[name].append((wall, cpu, rss))
                if part:
                    parts.append(part)
        if rnd < 0:
            built = re.search(r"Built \d+ pages.*", read(os.path.join(logs, "portal.out")))
            indexed = re.findall(r"Indexed \d+ pages?",
                                 read(os.path.join(logs, "hugo-pagefind.pagefind.out")))
            print(f"warm-up: portal: {built.group(0) if built else '?'}")
            print(f"warm-up: pagefind on Hugo's output: {', '.join(indexed) or '?'}")
        else:
            print(f"round {rnd + 1}/{runs}: " + ", ".join(
                f"{n} {results[n][-1][0]:.2f} s" for n, _ in order), flush=True)
    busy_end, own_end, elapsed = machine_busy(), own_cpu(), time.monotonic() - clock_start
    print(f"uptime after:  {version(['uptime'])}")
    if busy_start is not None:
        # Whatever else ran meanwhile took CPU from the contenders.
        others = max(0.0, (busy_end - busy_start) - (own_end - own_start))
        capacity = elapsed * len(os.sched_getaffinity(0))
        print(f"other processes' CPU during the runs: {others:.1f} s of {capacity:.0f} s "
              f"({100 * others / capacity:.1f} % of the machine; near 0 for a quiet machine)")

    trees = {n: tree(out_dir(n)) for n in names}
    med = {n: tuple(statistics.median(r[i] for r in results[n]) for i in range(3)) for n in names}

    print()
    print(f"{runs} interleaved runs each after one warm-up round; medians.\n")
    print("| contender | pages (.html files) | wall s (median) | wall s (min–max) | CPU s (median) "
          "| peak RSS MiB (median) | pages/s | output bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        walls = [r[0] for r in results[n]]
        html, size = trees[n]
        w, c, r = med[n]
        print(f"| {n} | {html:,} | {w:.2f} | {min(walls):.2f}–{max(walls):.2f} | {c:.2f} "
              f"| {r:.0f} | {html / w:,.0f} | {size:,} |")
    if parts:
        pw, pc, pr = (statistics.median(p[i] for p in parts) for i in range(3))
        print(f"\nPagefind's part of hugo + pagefind: median {pw:.2f} s wall, {pc:.2f} s CPU, "
              f"{pr:.0f} MiB peak RSS.")

    def ratio(a, b, i, what):
        if a not in med or b not in med:
            print(f"- {what}: n/a ({a} not measured)")
            return
        print(f"- {what}: {med[a][i]:.2f} / {med[b][i]:.2f} = **{med[a][i] / med[b][i]:.2f}×**")

    print("\nRatios of medians (below 1: portal is faster or smaller):\n")
    ratio("portal --no-search", "hugo", 0, "wall time, portal --no-search / hugo")
    ratio("portal", "hugo + pagefind", 0, "wall time, portal / (hugo + pagefind)")
    ratio("portal --no-search", "hugo", 2, "peak RSS, portal --no-search / hugo")
    ratio("portal", "hugo + pagefind", 2, "peak RSS, portal / (hugo + pagefind)")
    ratio("portal", "cp -r floor", 0, "wall time, portal / cp -r floor")

    print("\nWall time of every run, in round order (s):\n")
    for n in names:
        print(f"- {n}: " + ", ".join(f"{r[0]:.2f}" for r in results[n]))


if __name__ == "__main__":
    main()
