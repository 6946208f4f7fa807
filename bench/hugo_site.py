#!/usr/bin/env python3
"""Turns a portal site into an equivalent Hugo site, for bench/compare.sh.

usage: hugo_site.py PORTAL_ROOT HUGO_DIR

Reads PORTAL_ROOT/content (as bench/gen_site.py writes it) and writes
HUGO_DIR with hugo.toml, content/ and the templates of bench/hugo/:

  services/<slug>.md           -> content/leistungen/<slug>.md
  news/<slug>.md               -> content/aktuelles/<slug>.md
  governance/bodies/<slug>.md  -> content/steuerung/<slug>.md
  governance/people/<slug>.md  -> content/steuerung/<slug>.md
  pages/<path>.md              -> content/<path>.md
  topics.yaml                  -> content/topics/<slug>/_index.md (the terms
                                  of the `topics` taxonomy)

The front matter is copied as it is, so Hugo parses the same YAML that portal
parses (`topics:` becomes the taxonomy, the rest .Params); a body's or a
person's `name:` is repeated as `title:`. Python's standard library only: the
two YAML files it reads itself (site.yaml, topics.yaml) are read with a small
reader for the flat shapes they have.
"""
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "hugo")

# Where each kind of portal content goes in Hugo's content folder.
SECTIONS = [
    ("services", "leistungen", "Leistungen"),
    ("news", "aktuelles", "Aktuelles"),
    ("governance/bodies", "steuerung", "Steuerung"),
    ("governance/people", "steuerung", "Steuerung"),
]
# The legal pages portal links in its footer, in its order.
FOOTER = ["imprint", "privacy", "accessibility", "easy_language", "sign_language"]


def scalar(text):
    """A plain or quoted YAML scalar, as a string."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return json.loads(text)
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", text)


def read_flat_yaml(path):
    """Top-level `key: value` pairs of a YAML file, and its lists of flat maps.

    Returns a dict: a scalar value as a string, a block list of maps
    (`- a: 1` / `  b: 2`) as a list of dicts of strings; nested maps are
    skipped. Enough for site.yaml and topics.yaml; a list at the top level
    comes back under the key None.
    """
    result, key, item = {}, None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip(" "))
            text = line.strip()
            if indent == 0 and not text.startswith("- "):
                name, _, value = text.partition(":")
                key, item = name.strip(), None
                if value.strip():
                    result[key] = scalar(value)
                continue
            if text.startswith("- "):
                item = {}
                result.setdefault(key, []).append(item)
                text = text[2:]
            name, sep, value = text.partition(":")
            if sep and item is not None and value.strip():
                item[name.strip()] = scalar(value)
    return result


def split_front_matter(path):
    """(front matter text, body) of a Markdown file with `---` front matter."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"---\n(.*?\n)---\n?(.*)\Z", text, re.S)
    if not m:
        sys.exit(f"{path}: no front matter between --- lines")
    return m.group(1), m.group(2)


def top_level(front, key):
    """The plain value of a top-level `key:` of front matter, or None."""
    m = re.search(rf"^{key}:[ \t]*(.+)$", front, re.M)
    return scalar(m.group(1)) if m else None


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def front_json(fields):
    """Front matter in JSON form, which Hugo reads as it is."""
    return json.dumps(fields, ensure_ascii=False, indent=1) + "\n"


def toml(value):
    """A TOML string or integer; TOML's basic strings take JSON's escapes."""
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root, out = sys.argv[1], sys.argv[2]
    src = os.path.join(root, "content")
    site = read_flat_yaml(os.path.join(src, "site.yaml"))
    topics = read_flat_yaml(os.path.join(src, "topics.yaml")).get(None, [])

    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(os.path.join(TEMPLATE, "layouts"), os.path.join(out, "layouts"))
    shutil.copytree(os.path.join(TEMPLATE, "static"), os.path.join(out, "static"))
    dst = os.path.join(out, "content")
    counts = {}

    write(os.path.join(dst, "_index.md"), front_json({"title": site["title"]}))
    for portal_dir, section, title in SECTIONS:
        write(os.path.join(dst, section, "_index.md"), front_json({"title": title}))
        folder = os.path.join(src, portal_dir)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith(".md"):
                continue
            front, body = split_front_matter(os.path.join(folder, name))
            if top_level(front, "title") is None:
                person_or_body = top_level(front, "name")
                if person_or_body is None:
                    sys.exit(f"{portal_dir}/{name}: neither title nor name")
                front = f"title: {json.dumps(person_or_body, ensure_ascii=False)}\n" + front
            write(os.path.join(dst, section, name), f"---\n{front}---\n{body}")
            counts[portal_dir] = counts.get(portal_dir, 0) + 1

    footer = {}
    pages = os.path.join(src, "pages")
    for folder, dirs, files in os.walk(pages):
        dirs.sort()
        rel = os.path.relpath(folder, pages)
        if rel != ".":
            # A folder of free pages has no index page in portal.
            write(os.path.join(dst, rel, "_index.md"),
                  front_json({"title": os.path.basename(rel), "build": {"render": "never"}}))
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            front, body = split_front_matter(os.path.join(folder, name))
            legal = top_level(front, "legal")
            if legal:
                footer[legal] = (top_level(front, "title"), "/" + name[:-3] + "/")
            write(os.path.join(dst, rel, name), f"---\n{front}---\n{body}")
            counts["pages"] = counts.get("pages", 0) + 1

    write(os.path.join(dst, "topics", "_index.md"), front_json({"title": "Themen"}))
    for topic in topics:
        fields = {"title": topic["title"]}
        if "description" in topic:
            fields["description"] = topic["description"]
        write(os.path.join(dst, "topics", topic["slug"], "_index.md"), front_json(fields))
    counts["topics"] = len(topics)

    with open(os.path.join(TEMPLATE, "hugo.toml"), encoding="utf-8") as f:
        config = f.read()
    values = {
        "BASE_URL": site.get("base_url", "https://example.org/"),
        "TITLE": site["title"],
        "LANGUAGE": site.get("language", "de"),
        "DESCRIPTION": site.get("description", ""),
        "PAGER_SIZE": int(site.get("news_per_page", 10)),
    }
    for key, value in values.items():
        config = config.replace(f"@{key}@", toml(value))
    menus = []
    for weight, entry in enumerate(site.get("navigation", []), 1):
        menus.append(f"[[menus.main]]\n  name = {toml(entry['title'])}\n"
                     f"  url = {toml(entry['url'])}\n  weight = {weight}\n")
    for weight, kind in enumerate(FOOTER, 1):
        if kind in footer:
            title, url = footer[kind]
            menus.append(f"[[menus.footer]]\n  name = {toml(title)}\n"
                         f"  url = {toml(url)}\n  weight = {weight}\n")
    write(os.path.join(out, "hugo.toml"), config + "\n" + "\n".join(menus))
    print(", ".join(f"{n} {k}" for k, n in counts.items()))


if __name__ == "__main__":
    main()
