#!/usr/bin/env python3
"""Generates a large, valid portal site for benchmarks.

usage: gen_site.py PAGES OUTDIR

Writes OUTDIR/content with services, news, bodies and people in the
proportions of a real catalogue, so that `portal build` writes about PAGES
HTML pages. Deterministic: the same arguments give the same files.
"""
import os
import random
import sys

# The legal pages' own fields (see docs/content-model.md, "Legal pages").
LEGAL_FIELDS = {
    "accessibility": """accessibility:
  conformity: partially_compliant
  standards: [bitv_2_0, en_301_549, wcag_2_1_aa]
  method: self_assessment
  prepared: 2026-09-01
  reviewed: 2026-10-01
  barriers:
    - content: Alte PDF-Dateien
      reason: non_conformity
      alternative: Auf Anfrage als barrierefreies Dokument
  enforcement:
    name: Schlichtungsstelle (Beispiel)
    legal_basis: § 16 BGG
    address: Beispielweg 2, 55116 Mainz
    url: https://schlichtung.example/
""",
    "imprint": """imprint:
  provider: {name: Beispielministerium, address: "Beispielstraße 1, 55116 Mainz"}
  represented_by: die Ministerin
  email: kontakt@example.org
  phone: "+49 6131 000000"
  content_responsible: {name: Erika Mustermann, address: "Beispielstraße 1, 55116 Mainz"}
""",
}

pages, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
content = os.path.join(out, "content")
for sub in ["services", "news", "governance/bodies", "governance/people", "pages"]:
    os.makedirs(os.path.join(content, sub), exist_ok=True)

# Shares of the pages, as in issue 10's corpus: 60 % services, 35 % news and
# 5 % other pages (2 % bodies, 1 % people, 1 % topics, 1 % free pages).
n_services = pages * 60 // 100
n_news = pages * 35 // 100
n_bodies = max(pages * 2 // 100, 3)
n_people = max(pages // 100, 2)
n_topics = max(pages // 100, 2)
n_pages = max(pages // 100, 1)
per_page = 20

words = ("Antrag Verwaltung digital Leistung Kommune Land Bürgerinnen Bürger Nachweis "
         "Bescheid Verfahren online Portal Konto Frist Gebühr Unterlagen Daten Schutz "
         "Sicherheit Standard Schnittstelle Register Nachricht Termin Beratung").split()


def para(n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def body(links):
    parts = []
    for h in ["Übersicht", "Wer kann das beantragen?", "So funktioniert es"]:
        parts.append(f"## {h}\n\n{para(40)} {para(30)}\n")
    parts.append("\n".join(f"{i}. {para(8)}" for i in range(1, 5)) + "\n")
    parts.append("Mehr dazu: " + ", ".join(f"[{t}]({u})" for t, u in links) + ".\n")
    return "\n".join(parts)


LANGS = ["json", "yaml", "xml", "bash", "python"]


def code_block(i):
    """A ~10-line fenced block, as a service page shows an API or form example."""
    lang = LANGS[i % len(LANGS)]
    if lang == "json":
        lines = ["{", f'  "leistung": "L{i}",', '  "status": "online",', '  "felder": [']
        lines += [f'    {{"name": "feld{k}", "pflicht": {"true" if k % 2 else "false"}}},' for k in range(4)]
        lines += ['    {"name": "ende", "pflicht": false}', "  ]", "}"]
    elif lang == "yaml":
        lines = [f"leistung: L{i}", "zustaendig:", "  ebene: kommune", "  stelle: Bürgeramt", "felder:"]
        lines += [f"  - name: feld{k}\n    pflicht: {'true' if k % 2 else 'false'}" for k in range(3)]
    elif lang == "xml":
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<antrag leistung="L{i}">']
        lines += [f'  <feld name="feld{k}" pflicht="{"ja" if k % 2 else "nein"}">Wert {k}</feld>' for k in range(7)]
        lines += ["</antrag>"]
    elif lang == "bash":
        lines = ["#!/usr/bin/env bash", "set -euo pipefail", f'LEISTUNG="L{i}"']
        lines += [f'curl -fsS "https://api.bench.example/v1/$LEISTUNG/feld{k}" | jq .wert' for k in range(5)]
        lines += ['echo "fertig"']
    else:
        lines = ["import json", "", f"def antrag_{i}(daten):", '    """Prüft einen Antrag."""', "    fehler = []"]
        lines += [f'    if not daten.get("feld{k}"):\n        fehler.append("feld{k}")' for k in range(2)]
        lines += ["    return json.dumps(fehler)"]
    return f"```{lang}\n" + "\n".join(lines) + "\n```\n"


def table(i):
    rows = "\n".join(f"| Schritt {k} | {para(4)} | {k + i % 5} Tage |" for k in range(1, 6))
    return "| Schritt | Was geschieht | Dauer |\n|---|---|---|\n" + rows + "\n"


def write(path, text):
    with open(os.path.join(content, path), "w", encoding="utf-8") as f:
        f.write(text)


write("site.yaml", f"""title: Benchmarkportal
description: Ein großes Portal für Messungen.
base_url: https://bench.example/
language: de
publisher:
  name: Benchmarkministerium
  body: body-0
contact:
  email: kontakt@bench.example
accessibility_contact: barrierefreiheit@bench.example
navigation:
  - title: Leistungen
    url: /leistungen/
  - title: Aktuelles
    url: /aktuelles/
news_per_page: {per_page}
data_licence:
  id: dl-de/by-2-0
  name: Datenlizenz Deutschland – Namensnennung – Version 2.0
  url: https://www.govdata.de/dl-de/by-2-0
""")
write("topics.yaml", "".join(
    f"- slug: thema-{t}\n  title: Thema {t}\n  description: Leistungen zum Thema {t}.\n"
    for t in range(n_topics)))
statuses = ["planned", "in_development", "pilot", "rollout", "online"]
for b in range(n_bodies):
    parent = f"parent: body-{(b - 1) // 4}\n" if b else ""
    write(f"governance/bodies/body-{b}.md",
          f"---\nname: Gremium {b}\nkind: board\nlevel: state\n{parent}---\n{para(40)}\n")
for p in range(n_people):
    write(f"governance/people/person-{p}.md",
          f"---\nname: Person {p}\nroles:\n  - title: Mitglied\n    body: body-{p % n_bodies}\n"
          f"    from: 2020-0{1 + p % 9}\n    to: 2023\n  - title: Vorsitz\n    body: body-{(p + 1) % n_bodies}\n"
          f"    from: 2024\n    chair: true\n---\n{para(30)}\n")
for s in range(n_services):
    status = statuses[s % 5]
    url = f"online_url: https://dienst.bench.example/{s}\n" if status in ("pilot", "rollout", "online") else ""
    write(f"services/leistung-{s}.md",
          f"---\ntitle: Leistung {s}\nsummary: {para(12)}\ntopics: [thema-{s % n_topics}]\n"
          f"audience: [citizens]\nstatus: {status}\nresponsible: body-{s % n_bodies}\nupdated: 2026-01-15\n"
          f"focus: {'true' if s % 7 == 0 else 'false'}\nefa: {'true' if s % 3 == 0 else 'false'}\n{url}"
          # Half the catalogue with demonstration values, as a portal being filled.
          f"{'example: [status, updated, costs]' + chr(10) if s % 2 == 0 else ''}"
          f"costs: Keine\ndocuments:\n  - Personalausweis\n  - Nachweis\n---\n"
          + body([("Thema", f"/themen/thema-{s % n_topics}/"), ("Gremium", f"/steuerung/body-{s % n_bodies}/")])
          + "\n## Beispiel für Fachverfahren\n\nDemonstrationsdaten:\n\n" + code_block(s)
          + "\n## Ablauf\n\n" + table(s))
for n in range(n_news):
    year = 2015 + n % 11
    write(f"news/nachricht-{n}.md",
          f"---\ntitle: Nachricht {n}\ndate: {year}-{1 + n % 12:02d}-{1 + n % 28:02d}\nsummary: {para(14)}\n"
          f"topics: [thema-{n % n_topics}]\nservices: [leistung-{n % n_services}]\n---\n"
          + body([("Leistung", f"/leistungen/leistung-{n % n_services}/#uebersicht")]))
for kind, title in [("imprint", "Impressum"), ("privacy", "Datenschutz"),
                    ("accessibility", "Barrierefreiheit"), ("easy_language", "Leichte Sprache"),
                    ("sign_language", "Gebärdensprache")]:
    fields = LEGAL_FIELDS.get(kind, "")
    write(f"pages/{kind.replace('_', '-')}.md", f"---\ntitle: {title}\nlegal: {kind}\n{fields}---\n{para(50)}\n")
os.makedirs(os.path.join(content, "pages", "wissen"), exist_ok=True)
for p in range(n_pages):
    write(f"pages/wissen/seite-{p}.md",
          f"---\ntitle: Seite {p}\nsummary: {para(10)}\n---\n" + body([("Leistungen", "/leistungen/")]))
print(f"{n_pages} pages, {n_services} services, {n_news} news, {n_bodies} bodies, {n_people} people, {n_topics} topics")
