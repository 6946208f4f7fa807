#!/usr/bin/env python3
"""Generates a large, valid portal site for benchmarks.

usage: gen_site.py PAGES OUTDIR [--catalogue]

Writes OUTDIR/content with services, news, bodies and people in the
proportions of a real catalogue, so that `portal build` writes about PAGES
HTML pages. Deterministic: the same arguments give the same files.

With --catalogue the services come from one XZuFi catalogue
(content/sources/katalog.xml: title, summary, full text as HTML with the
same headings, lists, code block and table, costs, documents, Stand), and
each has a small Markdown file adding what a catalogue does not know
(status, topics, focus, online address), as a state portal would have it.
"""
from html import escape
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
catalogue = "--catalogue" in sys.argv[3:]
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
def to_html(markdown):
    """The generated Markdown as the HTML a catalogue carries (escaped later)."""
    html, lines, i = [], markdown.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            html.append(f"<h2>{escape(line[3:])}</h2>")
        elif line.startswith("```"):
            lang, code = line[3:], []
            i += 1
            while not lines[i].startswith("```"):
                code.append(lines[i])
                i += 1
            html.append(f'<pre><code class="language-{lang}">{escape(chr(10).join(code))}</code></pre>')
        elif line.startswith("| "):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not lines[i].startswith("|---"):
                    rows.append([c.strip() for c in lines[i].strip("|").split("|")])
                i += 1
            head = "".join(f"<th>{escape(c)}</th>" for c in rows[0])
            body_rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
            html.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>")
            continue
        elif line[:1].isdigit() and ". " in line[:4]:
            items = []
            while i < len(lines) and lines[i][:1].isdigit():
                items.append(f"<li>{escape(lines[i].split('. ', 1)[1])}</li>")
                i += 1
            html.append("<ol>" + "".join(items) + "</ol>")
            continue
        elif line.startswith("Mehr dazu: "):
            links = [part.split("](") for part in line[len("Mehr dazu: ["):-2].split("), [")]
            html.append("<p>Mehr dazu: " + ", ".join(f'<a href="{u}">{escape(t)}</a>' for t, u in links) + ".</p>")
        elif line.strip():
            html.append(f"<p>{escape(line)}</p>")
        i += 1
    return "".join(html)


def module(code, html):
    return (f"    <modulText>\n      <leikaTextmodul><code>{code}</code></leikaTextmodul>\n"
            f"      <inhalt languageCode=\"de\">{escape(html, quote=False)}</inhalt>\n    </modulText>\n")


records = []
for s in range(n_services):
    status = statuses[s % 5]
    url = f"online_url: https://dienst.bench.example/{s}\n" if status in ("pilot", "rollout", "online") else ""
    summary = para(12)
    text = (body([("Thema", f"/themen/thema-{s % n_topics}/"), ("Gremium", f"/steuerung/body-{s % n_bodies}/")])
            + "\n## Beispiel für Fachverfahren\n\nDemonstrationsdaten:\n\n" + code_block(s)
            + "\n## Ablauf\n\n" + table(s))
    # Half the catalogue with demonstration values, as a portal being filled.
    marks = "example: [status, updated, costs]\n" if s % 2 == 0 else ""
    local = (f"topics: [thema-{s % n_topics}]\naudience: [citizens]\nstatus: {status}\n"
             f"responsible: body-{s % n_bodies}\nfocus: {'true' if s % 7 == 0 else 'false'}\n"
             f"efa: {'true' if s % 3 == 0 else 'false'}\n{url}{marks}")
    if catalogue:
        key = f"99{s:012d}"
        records.append(
            f"  <leistung>\n    <idSekundaer schemeID=\"LEIKA_SCHLUESSEL\">{key}</idSekundaer>\n"
            + module("03", f"Leistung {s}") + module("05", summary) + module("06", to_html(text))
            + module("08", "<ul><li>Personalausweis</li><li>Nachweis</li></ul>")
            + module("10", "Keine") + module("17", "15.01.2026") + "  </leistung>\n")
        write(f"services/leistung-{s}.md", f"---\nleika: \"{key}\"\n{local}---\n")
    else:
        write(f"services/leistung-{s}.md",
              f"---\ntitle: Leistung {s}\nsummary: {summary}\n{local}updated: 2026-01-15\n"
              f"costs: Keine\ndocuments:\n  - Personalausweis\n  - Nachweis\n---\n" + text)
if catalogue:
    os.makedirs(os.path.join(content, "sources"), exist_ok=True)
    write("sources/katalog.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<leistungen xmlns="http://xoev.de/schemata/xzufi/2_2_0">\n' + "".join(records) + "</leistungen>\n")
    with open(os.path.join(content, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("sources:\n  - path: sources/katalog.xml\n    name: Benchmarkkatalog\n")
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
    # The four contents BITV 2.0 § 4 asks of these two pages, by heading.
    bitv = "".join(f"\n## {h}\n\n{para(20)}\n" for h in [
        "Was finden Sie hier?", "So finden Sie sich zurecht",
        "Barrierefreiheit", "Weitere Angebote"]) if kind in ("easy_language", "sign_language") else ""
    write(f"pages/{kind.replace('_', '-')}.md", f"---\ntitle: {title}\nlegal: {kind}\n{fields}---\n{para(50)}\n{bitv}")
os.makedirs(os.path.join(content, "pages", "wissen"), exist_ok=True)
for p in range(n_pages):
    write(f"pages/wissen/seite-{p}.md",
          f"---\ntitle: Seite {p}\nsummary: {para(10)}\n---\n" + body([("Leistungen", "/leistungen/")]))
print(f"{n_pages} pages, {n_services} services, {n_news} news, {n_bodies} bodies, {n_people} people, {n_topics} topics")
