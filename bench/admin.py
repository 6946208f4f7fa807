#!/usr/bin/env python3
"""Benchmark of the forms' saves through `portal serve` (docs/admin.md):
what a save costs beside the same edit written by a text editor.

usage: admin.py BINARY SITE_ROOT [SAVES]

Starts `BINARY serve --port 0` on SITE_ROOT (a site made by gen_site.py),
then, SAVES times each:
- "file write": the service's title changed by writing the file, timed from
  the write until the page serves the new title (as bench/serve.py does);
- "form save": the same change sent as the CMS sends it (persistEntry,
  the whole file in the CMS's YAML style), timed from the request until the
  page serves the new title: the save is checked (load and resolve with the
  new text), merged, written and rebuilt before the answer;
- "refused save": an invalid status, timed until the refusal arrives (the
  check alone; nothing is written);
- "services list": the list of services the CMS loads for its collection
  view and relation search (fields only, no texts).
Prints the medians and the ratio of a form save to a file write.
"""
import json
import os
import re
import statistics
import sys
import time
import urllib.request

import preview

binary, root = sys.argv[1], sys.argv[2]
saves = int(sys.argv[3]) if len(sys.argv) > 3 else 10

server, lines, base = preview.start(binary, root)
host = base.split("//", 1)[1].rstrip("/")


def get(path):
    with urllib.request.urlopen(base + path.lstrip("/")) as response:
        return response.read().decode()


def protocol(action, params):
    request = urllib.request.Request(
        base + "api/v1",
        data=json.dumps({"action": action, "params": params}).encode(),
        headers={"Content-Type": "application/json", "Origin": f"http://{host}"},
        method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


service = "leistung-0"
relative = f"content/services/{service}.md"
path = os.path.join(root, relative)
page = f"/leistungen/{service}/"


def with_title(text, title):
    if re.search(r"^title: ", text, re.M):
        return re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    return re.sub(r"\A---$", f"---\ntitle: {title}", text, count=1, flags=re.M)


def as_the_cms_writes(text):
    """Lists in block style and quotes the CMS's way: what the merge undoes."""
    return re.sub(r"^(\w+): \[(.*)\]$",
                  lambda m: m.group(1) + ":\n" + "".join(f"  - {v.strip()}\n" for v in m.group(2).split(",")).rstrip("\n"),
                  text, flags=re.M)


def wait_served(title):
    while title not in get(page):
        time.sleep(0.002)


results = {"file write": [], "form save": [], "refused save": [], "services list": []}
listed_bytes = 0
try:
    # What the CMS loads to list the services and to search a relation.
    for _ in range(saves):
        start = time.perf_counter()
        status, listing = protocol("entriesByFolder", {"folder": "content/services", "extension": "md", "depth": 1})
        results["services list"].append(time.perf_counter() - start)
        assert status == 200
        listed_bytes = len(json.dumps(listing))
    print(f"services list: {len(listing)} entries, {listed_bytes / 1e6:.1f} MB of JSON")

    for n in range(saves):
        title = f"Datei {n} {time.time_ns()}"
        text = open(path, encoding="utf-8").read()
        start = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(with_title(text, title))
        wait_served(title)
        results["file write"].append(time.perf_counter() - start)
        time.sleep(0.3)

        status, _ = protocol("getEntry", {"path": relative})
        assert status == 200
        title = f"Formular {n} {time.time_ns()}"
        text = open(path, encoding="utf-8").read()
        raw = as_the_cms_writes(with_title(text, title))
        start = time.perf_counter()
        status, answer = protocol("persistEntry", {"dataFiles": [{"path": relative, "slug": service, "raw": raw}], "assets": [], "options": {}})
        assert status == 200, answer
        wait_served(title)
        results["form save"].append(time.perf_counter() - start)
        time.sleep(0.3)

        bad = re.sub(r"^status: .*$", "status: fertig", raw, count=1, flags=re.M)
        start = time.perf_counter()
        status, answer = protocol("persistEntry", {"dataFiles": [{"path": relative, "slug": service, "raw": bad}], "assets": [], "options": {}})
        results["refused save"].append(time.perf_counter() - start)
        assert status == 422, answer
        time.sleep(0.3)
finally:
    server.terminate()
    server.wait()

if os.environ.get("SHOW_LOG"):
    print("\n".join(lines[-40:]))

medians = {k: statistics.median(v) * 1000 for k, v in results.items()}
for name, ms in medians.items():
    print(f"{name:13} {saves} times: median {ms:6.1f} ms (min {min(results[name]) * 1000:.1f}, max {max(results[name]) * 1000:.1f})")
print(f"form save / file write: {medians['form save'] / medians['file write']:.2f}x")
