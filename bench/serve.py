#!/usr/bin/env python3
"""Benchmark of the live preview: time from writing a file to the rebuilt
page being served, and how many pages each edit rendered again.

usage: serve.py BINARY SITE_ROOT [EDITS]

Starts `BINARY serve --port 0` on SITE_ROOT (a site made by gen_site.py),
then makes five kinds of edit EDITS times each (a news body, a service's
title, a service's status, a topic's title, a person's role), polling the
changed page over HTTP until the new text is served. Prints median, 95th
percentile and worst latency and the pages rendered per edit.
"""
import os
import re
import statistics
import sys
import time
import urllib.request

import preview

binary, root = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20

server, lines, base = preview.start(binary, root)


def get(path):
    with urllib.request.urlopen(base + path.lstrip("/")) as response:
        return response.read().decode()


def rewrite(path, pattern, replacement):
    """Replaces the first match of `pattern` (multiline) in a file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert new != text or replacement in text, f"{pattern} not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(label, page, edit):
    """`edit(n)` changes a file and returns a text the page then shows."""
    latencies, rendered, phases = [], [], {}
    pages = 0
    for n in range(edits):
        before = len(lines)
        start = time.perf_counter()
        marker = edit(n)
        while marker not in get(page):
            time.sleep(0.002)
        latencies.append(time.perf_counter() - start)
        # The terminal line of this rebuild.
        deadline = time.time() + 10
        while time.time() < deadline:
            done = [l for l in lines[before:] if "pages rendered" in l]
            if done:
                rendered.append(int(re.search(r"(\d+) of (\d+) pages", done[-1]).group(1)))
                pages = int(re.search(r"(\d+) of (\d+) pages", done[-1]).group(2))
                phases.setdefault("total", []).append(int(re.search(r"in (\d+) ms", done[-1]).group(1)))
                for name, value in re.findall(r"(\w+) (\d+)[,)]", done[-1].split("(", 1)[1]):
                    phases.setdefault(name, []).append(int(value))
                break
            time.sleep(0.005)
        time.sleep(0.15)
    ms = [t * 1000 for t in latencies]
    print(f"{label:15} {edits} edits: write→served median {statistics.median(ms):6.1f} ms, "
          f"p95 {percentile(ms, 0.95):6.1f} ms, worst {max(ms):6.1f} ms; pages rendered per edit: "
          f"median {statistics.median(rendered) if rendered else '?'} "
          f"(min {min(rendered, default=0)}, max {max(rendered, default=0)}) of {pages}")
    if phases:
        print("                rebuild phases, median ms: " +
              ", ".join(f"{name} {statistics.median(v):.0f}" for name, v in phases.items()))


content = os.path.join(root, "content")
try:
    # An original, not a translation (`news-0.en.md`).
    news = sorted(n for n in os.listdir(os.path.join(content, "news")) if n.count(".") == 1)[0]
    news_file = os.path.join(content, "news", news)
    year = re.search(r"^date: (\d{4})", open(news_file).read(), re.M).group(1)

    def news_body(n):
        word = f"Bearbeitet{n}x{time.time_ns()}"
        with open(news_file, "a", encoding="utf-8") as f:
            f.write(f"\n{word}\n")
        return word

    measure("news body", f"/aktuelles/{year}/{news[:-3]}/", news_body)

    service = "leistung-0"
    service_file = os.path.join(content, "services", service + ".md")

    def service_title(n):
        title = f"Bearbeitet Leistung {n} {time.time_ns()}"
        if re.search(r"^title: ", open(service_file, encoding="utf-8").read(), re.M):
            rewrite(service_file, r"^title: .*$", f"title: {title}")
        else:
            # A file adding to a catalogue's record (gen_site.py --catalogue):
            # a title of its own overrides the catalogue's.
            rewrite(service_file, r"\A---$", f"---\ntitle: {title}")
        return title

    measure("service title", f"/leistungen/{service}/", service_title)

    # A service with an online address, between rollout and online: the
    # dashboard, its lists and the status lists change.
    online = "leistung-4"
    online_file = os.path.join(content, "services", online + ".md")

    def service_status(n):
        status = ["rollout", "online"][n % 2]
        rewrite(online_file, r"^status: .*$", f"status: {status}")
        return f"status--{status}"

    measure("service status", f"/leistungen/{online}/", service_status)

    topics_file = os.path.join(content, "topics.yaml")

    def topic_title(n):
        title = f"Thema bearbeitet {n} {time.time_ns()}"
        rewrite(topics_file, r"^  title: .*$", f"  title: {title}")
        return title

    measure("topic title", "/themen/thema-0/", topic_title)

    person_file = os.path.join(content, "governance", "people", "person-0.md")

    def role_title(n):
        title = f"Rolle {n} {time.time_ns()}"
        rewrite(person_file, r"^  - title: .*$", f"  - title: {title}")
        return title

    measure("person role", "/personen/person-0/", role_title)
finally:
    server.terminate()
    server.wait()
