#!/usr/bin/env python3
"""Benchmark of the live preview: time from writing a file to the rebuilt
page being served, and how many pages each edit rendered again.

usage: serve.py BINARY SITE_ROOT [EDITS]

Starts `BINARY serve --port 0` on SITE_ROOT (a site made by gen_site.py),
then edits one news article EDITS times and one service EDITS times (a new
title each time), polling the page over HTTP until the new title is served.
Prints median and worst latency and the pages rendered per edit.
"""
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

binary, root = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20

server = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
lines = []
ready = threading.Event()
base = None


def read():
    global base
    for line in server.stdout:
        lines.append(line.strip())
        m = re.match(r"Serving (http://\S+)", line)
        if m:
            base = m.group(1)
            ready.set()


threading.Thread(target=read, daemon=True).start()
if not ready.wait(300):
    sys.exit("portal serve did not start")
print(lines[0])


def get(path):
    with urllib.request.urlopen(base + path.lstrip("/")) as response:
        return response.read().decode()


def set_title(path, title):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def measure(label, file, page):
    latencies, rendered, phases = [], [], {}
    for n in range(edits):
        title = f"Bearbeitet {label} {n} {time.time_ns()}"
        before = len(lines)
        start = time.perf_counter()
        set_title(file, title)
        while title not in get(page):
            time.sleep(0.002)
        latencies.append(time.perf_counter() - start)
        # The terminal line of this rebuild.
        deadline = time.time() + 10
        while time.time() < deadline:
            done = [l for l in lines[before:] if "pages rendered" in l]
            if done:
                rendered.append(int(re.search(r"(\d+) of (\d+) pages", done[-1]).group(1)))
                pages = int(re.search(r"(\d+) of (\d+) pages", done[-1]).group(2))
                for name, value in re.findall(r"(\w+) (\d+)[,)]", done[-1].split("(", 1)[1]):
                    phases.setdefault(name, []).append(int(value))
                break
            time.sleep(0.005)
        time.sleep(0.1)
    ms = [t * 1000 for t in latencies]
    print(f"{label:8} {edits} edits: write→served median {statistics.median(ms):6.1f} ms, "
          f"worst {max(ms):6.1f} ms; pages rendered per edit: median {statistics.median(rendered)} "
          f"(min {min(rendered)}, max {max(rendered)}) of {pages}")
    print("         rebuild phases, median ms: " +
          ", ".join(f"{name} {statistics.median(v):.0f}" for name, v in phases.items()))


try:
    news = sorted(os.listdir(os.path.join(root, "content/news")))[0]
    year = re.search(r"^date: (\d{4})", open(os.path.join(root, "content/news", news)).read(), re.M).group(1)
    measure("news", os.path.join(root, "content/news", news), f"/aktuelles/{year}/{news[:-3]}/")
    service = sorted(os.listdir(os.path.join(root, "content/services")))[0]
    measure("service", os.path.join(root, "content/services", service), f"/leistungen/{service[:-3]}/")
finally:
    server.terminate()
    server.wait()
