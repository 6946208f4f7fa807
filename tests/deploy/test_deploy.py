"""`portal deploy` against a real S3-compatible server.

moto's S3 server runs on loopback (started and stopped by this file); every
test deploys into its own bucket with versioning on, so that each PUT and
DELETE the deploy makes is visible afterwards as a new object version or
delete marker: "exactly these objects were written" is checked with
list_object_versions, against an oracle computed from the local build
outputs alone (files whose bytes differ between two builds).

The sites are built by the binary under test from a temporary copy of the
repository's example site (content/ and themes/), so tests can edit pages.

From the repository root, after scripts/install-test-deps.sh:

    PORTAL_BIN=target/debug/portal tests/deploy/.venv/bin/python tests/deploy/test_deploy.py -v

PORTAL_BIN (default target/debug/portal) is taken relative to the repository
root; MOTO_SERVER overrides the server (default: moto_server beside the
Python running this file, i.e. in tests/deploy/.venv/bin).
"""

import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[2]
PORTAL = REPO / os.environ.get("PORTAL_BIN", "target/debug/portal")
MOTO_SERVER = Path(os.environ.get("MOTO_SERVER", Path(sys.executable).parent / "moto_server"))

MANIFEST = ".portal-deploy.json"
PREFIX = "site"
IMMUTABLE = "public, max-age=31536000, immutable"
ASSET = "public, max-age=3600"
REVALIDATE = "no-cache"
OCTETS = "application/octet-stream"

# Content-Type by extension of every kind of file the example site has.
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "application/javascript; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
    "svg": "image/svg+xml; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "yml": "application/yaml; charset=utf-8",
}

# Loopback only: keep any proxy from the environment out of the way.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


# ---------------------------------------------------------------- oracles


def expected_content_type(path):
    """The Content-Type the contract asks for the file at `path` (relative, with /)."""
    name = path.rsplit("/", 1)[-1]
    if name == "atom.xml":
        return "application/atom+xml; charset=utf-8"
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise AssertionError(f"no expected Content-Type for {path}: extend CONTENT_TYPES")
    return CONTENT_TYPES[extension]


def expected_cache_control(path):
    """The Cache-Control the contract asks for the file at `path`."""
    if (
        re.fullmatch(r"assets/.+\.[0-9a-f]{10}\.(css|js)", path)
        or re.fullmatch(r"suchindex/[wp]/[0-9a-f]{16}\.json", path)
    ):
        return IMMUTABLE
    if path.startswith("assets/"):
        return ASSET
    return REVALIDATE


def read_tree(folder):
    """Every file below `folder`: relative path (with /) -> bytes."""
    folder = Path(folder)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def published(files):
    """The files a deploy uploads from a build output: all but the .gz and
    .br siblings of another file."""
    return {
        path: data
        for path, data in files.items()
        if not (path.endswith((".gz", ".br")) and path[:-3] in files)
    }


def build_changes(old_out, new_out):
    """What a deploy of `new_out` over `old_out` must do, by comparing the
    two outputs byte by byte: (files added or changed, files removed)."""
    old, new = published(read_tree(old_out)), published(read_tree(new_out))
    written = {p for p, data in new.items() if old.get(p) != data}
    removed = set(old) - set(new)
    return written, removed


def keys(paths, prefix=PREFIX):
    return {f"{prefix}/{p}" for p in paths}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CuttableProxy:
    """A TCP forwarder on loopback to `upstream` (host, port) whose every
    connection can be cut at once, as a network failure would: after
    cut(), open connections are reset and new ones refused."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.endpoint = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets = []
        self.lock = threading.Lock()
        self.is_cut = False
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed by cut()
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.is_cut:
                    client.close()
                    server.close()
                    return
                self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        with self.lock:
            self.is_cut = True
            self.listener.close()
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


# ------------------------------------------------------------------ tests


class DeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not PORTAL.is_file():
            raise RuntimeError(f"{PORTAL} is missing: run cargo build first")
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-deploy-"))
        cls.server = None
        try:
            cls.start_moto()
            cls.s3 = boto3.client(
                "s3",
                endpoint_url=cls.endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=30),
            )
            # Two builds shared by the tests that do not edit content.
            root = cls.site_copy("shared")
            cls.search_site = cls.build(root, "search-site")
            cls.quick_site = cls.build(root, "quick-site", "--no-search")
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            try:
                os.killpg(cls.server.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                cls.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
                cls.server.wait()
            cls.server = None
            cls.server_log.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # ---------------------------------------------------- server and sites

    @classmethod
    def start_moto(cls):
        port = free_port()
        cls.endpoint = f"http://127.0.0.1:{port}"
        cls.server_log = open(cls.tmp / "moto.log", "w+b")
        cls.server = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=cls.server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(cls.endpoint + "/", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answered
            except OSError:
                time.sleep(0.05)
        cls.server_log.seek(0)
        raise RuntimeError(f"moto_server did not answer on {cls.endpoint}:\n{cls.server_log.read().decode()}")

    @classmethod
    def site_copy(cls, name):
        """A fresh copy of the example site (content/, themes/) to build from."""
        root = cls.tmp / name
        shutil.copytree(REPO / "content", root / "content")
        if (REPO / "themes").is_dir():
            shutil.copytree(REPO / "themes", root / "themes")
        return root

    @classmethod
    def build(cls, root, out_name, *flags):
        out = cls.tmp / out_name
        result = subprocess.run(
            [str(PORTAL), "build", "--root", str(root), "--out", str(out), *flags],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise AssertionError(f"portal build {' '.join(flags)} failed:\n{result.stderr}")
        return out

    def copy_output(self, out, name):
        copy = self.tmp / name
        shutil.copytree(out, copy)
        return copy

    # ------------------------------------------------------------- deploy

    def portal_env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1")
        return env

    def deploy_command(self, out, bucket, *args, endpoint=None):
        return [
            str(PORTAL),
            "deploy",
            "--out", str(out),
            "--to", f"s3://{bucket}/{PREFIX}",
            "--endpoint", endpoint or self.endpoint,
            *args,
        ]  # fmt: skip

    def run_deploy(self, out, bucket, *args, endpoint=None, timeout=120):
        """Runs `portal deploy`; returns the finished process (text output)."""
        result = subprocess.run(
            self.deploy_command(out, bucket, *args, endpoint=endpoint),
            env=self.portal_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        self.assertNotIn("panicked", result.stderr)
        return result

    def deploy(self, out, bucket, *args):
        """Runs `portal deploy`, which must succeed; returns its stdout."""
        result = self.run_deploy(out, bucket, *args)
        self.assertEqual(
            result.returncode, 0, f"portal deploy {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
        )
        return result.stdout

    def assert_refused(self, out, bucket, *args, mentions):
        """`portal deploy` exits 1 with `mentions` on stderr, writing nothing."""
        before = self.versions(bucket)
        result = self.run_deploy(out, bucket, *args)
        self.assertEqual(result.returncode, 1, f"deploy was not refused:\n{result.stdout}{result.stderr}")
        self.assertIn(mentions, result.stderr)
        self.assertEqual(self.versions(bucket), before, "a refused deploy wrote to the bucket")
        return result

    def assert_summary(self, stdout, bucket, uploaded, deleted):
        match = re.search(
            rf"^Deployed .* to s3://{bucket}/{PREFIX} in [0-9.]+ m?s: (\d+) uploaded \([^)]*\), (\d+) deleted, (\d+) unchanged\.$",
            stdout,
            re.M,
        )
        self.assertIsNotNone(match, f"no summary line in:\n{stdout}")
        self.assertEqual((int(match[1]), int(match[2])), (uploaded, deleted), match[0])

    # ----------------------------------------------------------- the bucket

    def bucket(self, name):
        """A new, empty bucket with versioning on."""
        self.s3.create_bucket(Bucket=name)
        self.s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=name)["Status"], "Enabled")
        return name

    def versions(self, bucket):
        """Every object version and delete marker: {(key, version id, kind)}."""
        found = set()
        for page in self.s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            found |= {(v["Key"], v["VersionId"], "put") for v in page.get("Versions", [])}
            found |= {(m["Key"], m["VersionId"], "delete") for m in page.get("DeleteMarkers", [])}
        return found

    def writes_since(self, bucket, before):
        """(keys with a new version, keys with a new delete marker) since `before`."""
        after = self.versions(bucket)
        self.assertLessEqual(before, after, "object versions vanished")
        new = after - before
        return {k for k, _, kind in new if kind == "put"}, {k for k, _, kind in new if kind == "delete"}

    def object_keys(self, bucket):
        found = set()
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            found |= {o["Key"] for o in page.get("Contents", [])}
        return found

    def get(self, bucket, key):
        """(body, Content-Type, Cache-Control, Content-Encoding) of an object."""
        o = self.s3.get_object(Bucket=bucket, Key=key)
        return o["Body"].read(), o.get("ContentType"), o.get("CacheControl"), o.get("ContentEncoding")

    def assert_mirrors(self, bucket, out):
        """The bucket holds exactly the output's files under the prefix (plus
        the manifest), each with its bytes (gzip ones for a precompressed
        file), Content-Type, Cache-Control and Content-Encoding; the
        manifest describes each of them."""
        files = read_tree(out)
        uploads = published(files)
        self.assertEqual(self.object_keys(bucket), keys(uploads) | {f"{PREFIX}/{MANIFEST}"})
        for path, data in uploads.items():
            with self.subTest(path=path):
                body, content_type, cache_control, encoding = self.get(bucket, f"{PREFIX}/{path}")
                if path + ".gz" in files:
                    self.assertEqual(encoding, "gzip")
                    self.assertEqual(body, files[path + ".gz"])
                    self.assertEqual(gzip.decompress(body), data)
                else:
                    self.assertIsNone(encoding)
                    self.assertEqual(body, data)
                self.assertEqual(content_type, expected_content_type(path))
                self.assertEqual(cache_control, expected_cache_control(path))
        manifest = json.loads(self.get(bucket, f"{PREFIX}/{MANIFEST}")[0])
        self.assertEqual(manifest["version"], 1)
        self.assertEqual(set(manifest["files"]), set(uploads))
        for path, entry in manifest["files"].items():
            with self.subTest(manifest_entry=path):
                self.assertEqual(entry["content_type"], expected_content_type(path))
                self.assertEqual(entry["cache_control"], expected_cache_control(path))
                if path + ".gz" in files:
                    self.assertEqual(entry.get("content_encoding"), "gzip")
                    stored = files[path + ".gz"]
                    self.assertIn((entry["sha256"], entry["size"]), {(sha256(d), len(d)) for d in (uploads[path], stored)})
                else:
                    self.assertIsNone(entry.get("content_encoding"))
                    self.assertEqual((entry["sha256"], entry["size"]), (sha256(uploads[path]), len(uploads[path])))

    def assert_no_page_ahead_of_its_files(self, bucket, local):
        """Consistent while partial: pages go up last, so once a new page is
        in the bucket, every other file it may point to is too."""
        partial = self.object_keys(bucket)
        pages = {p for p in local if p.endswith(".html") and f"{PREFIX}/{p}" in partial}
        self.assertTrue(pages, "stopped before any page was uploaded")
        missing = sorted(p for p in published(local) if not p.endswith(".html") and f"{PREFIX}/{p}" not in partial)
        self.assertEqual(missing, [], f"pages {sorted(pages)[:3]} went up before other files")

    def wait_for_a_page(self, bucket, process):
        """Waits until the running deploy has begun its last wave, the pages."""
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(key.endswith(".html") for key in self.object_keys(bucket)):
                return
            time.sleep(0.02)
        self.fail("the deploy finished (or hung) before it uploaded pages: make the site it deploys bigger")

    # ------------------------------------------------------------- the tests

    def test_first_deploy_uploads_everything_and_a_repeat_writes_nothing(self):
        """A first deploy (with search) stores every file under the prefix
        with its bytes, type and caching, plus the manifest; deploying the
        same output again writes no object at all, not even the manifest."""
        bucket = self.bucket("first-deploy")
        out = self.search_site
        local = read_tree(out)
        self.assert_summary(self.deploy(out, bucket), bucket, uploaded=len(local), deleted=0)
        self.assert_mirrors(bucket, out)

        css = next(p for p in local if re.fullmatch(r"assets/portal\.[0-9a-f]{10}\.css", p))
        shard = next(p for p in local if p.startswith("suchindex/w/"))
        for path, content_type, cache_control in [
            ("index.html", "text/html; charset=utf-8", REVALIDATE),
            ("aktuelles/index.html", "text/html; charset=utf-8", REVALIDATE),
            (css, "text/css; charset=utf-8", IMMUTABLE),
            (shard, "application/json; charset=utf-8", IMMUTABLE),
            ("suchindex/f/0/0.json", "application/json; charset=utf-8", REVALIDATE),
            ("index.json", "application/json; charset=utf-8", REVALIDATE),
            ("sitemap.xml", "text/xml; charset=utf-8", REVALIDATE),
            ("assets/favicon.svg", "image/svg+xml; charset=utf-8", ASSET),
        ]:
            with self.subTest(path=path):
                body, got_type, got_cache, _ = self.get(bucket, f"{PREFIX}/{path}")
                self.assertEqual((body, got_type, got_cache), (local[path], content_type, cache_control))

        before = self.versions(bucket)
        stdout = self.deploy(out, bucket)
        self.assertEqual(self.writes_since(bucket, before), (set(), set()))
        self.assertIn("0 uploaded", stdout)
        self.assert_summary(stdout, bucket, uploaded=0, deleted=0)

        # The same result for CI to read: one JSON object.
        result = json.loads(self.deploy(out, bucket, "--format", "json"))
        self.assertEqual(
            {k: result[k] for k in ("target", "dry_run", "uploaded", "bytes", "deleted", "unchanged", "uploads", "deletes")},
            {
                "target": f"s3://{bucket}/{PREFIX}",
                "dry_run": False,
                "uploaded": 0,
                "bytes": 0,
                "deleted": 0,
                "unchanged": len(local),
                "uploads": [],
                "deletes": [],
            },
        )

    def test_edited_and_removed_pages_write_exactly_the_changed_files(self):
        """After editing one article, only the files whose bytes changed (and
        the manifest) get a new version; after removing an article, exactly
        the files gone from the output get delete markers."""
        bucket = self.bucket("changes")
        root = self.site_copy("changes")
        first = self.build(root, "changes-1", "--no-search")
        self.deploy(first, bucket)

        news = sorted((root / "content/news").glob("*.md"))
        with open(news[0], "a", encoding="utf-8") as f:
            f.write("\nDieser Satz kam für den Test von portal deploy hinzu.\n")
        second = self.build(root, "changes-2", "--no-search")
        changed, removed = build_changes(first, second)
        self.assertTrue(changed, "editing an article changed no output file")
        self.assertEqual(removed, set())
        before = self.versions(bucket)
        stdout = self.deploy(second, bucket)
        self.assertEqual(self.writes_since(bucket, before), (keys(changed) | {f"{PREFIX}/{MANIFEST}"}, set()))
        self.assert_summary(stdout, bucket, uploaded=len(changed), deleted=0)
        self.assert_mirrors(bucket, second)

        # An article no other file links to, so the site still builds.
        texts = {p: p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md")}
        unlinked = next(
            n for n in reversed(news)
            if not any(f"/{n.stem}/" in text or f"- {n.stem}\n" in text for p, text in texts.items() if p != n)
        )
        unlinked.unlink()
        third = self.build(root, "changes-3", "--no-search")
        changed, removed = build_changes(second, third)
        self.assertTrue(removed, "removing an article removed no output file")
        before = self.versions(bucket)
        stdout = self.deploy(third, bucket)
        self.assertEqual(self.writes_since(bucket, before), (keys(changed) | {f"{PREFIX}/{MANIFEST}"}, keys(removed)))
        self.assert_summary(stdout, bucket, uploaded=len(changed), deleted=len(removed))
        self.assert_mirrors(bucket, third)

    def test_too_many_deletes_are_refused_before_anything_is_written(self):
        """A deploy that would delete more than --max-deletes objects (256 by
        default) exits 1 naming the option and leaves the bucket untouched;
        at the limit itself it goes ahead."""
        bucket = self.bucket("max-deletes")
        out = self.search_site
        self.deploy(out, bucket)

        tiny = self.tmp / "tiny-site"
        for path in ["index.html", "robots.txt", "sitemap.xml"]:
            (tiny / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / path, tiny / path)
        (tiny / "index.html").write_text("<!doctype html><title>Neu</title>\n", encoding="utf-8")
        self.assertGreater(len(read_tree(out)) - 3, 256)
        self.assert_refused(tiny, bucket, mentions="--max-deletes")
        self.assert_refused(tiny, bucket, "--max-deletes", "10", mentions="--max-deletes")

        fewer = self.copy_output(out, "fewer-site")
        gone = sorted(p for p in read_tree(out) if re.fullmatch(r"aktuelles/\d{4}/[^/]+/index\.html", p))[:2]
        self.assertEqual(len(gone), 2, "found no two article pages to remove")
        for path in gone:
            (fewer / path).unlink()
        self.assert_refused(fewer, bucket, "--max-deletes", "1", mentions="--max-deletes")
        # What the refusal suggests: a dry run lists all it would delete.
        before = self.versions(bucket)
        result = self.run_deploy(fewer, bucket, "--max-deletes", "1", "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("a real deploy would be refused", result.stderr)
        self.assertEqual(set(re.findall(r"^delete (\S+)$", result.stdout, re.M)), keys(gone))
        self.assertEqual(self.versions(bucket), before)
        before = self.versions(bucket)
        self.deploy(fewer, bucket, "--max-deletes", "2")
        self.assertEqual(self.writes_since(bucket, before), ({f"{PREFIX}/{MANIFEST}"}, keys(gone)))

    def test_dry_run_lists_the_changes_and_writes_nothing(self):
        """--dry-run prints one line per upload and delete the deploy would
        make and a `Dry run:` summary, exits 0 and writes nothing."""
        bucket = self.bucket("dry-run")
        self.deploy(self.quick_site, bucket)
        changed = self.copy_output(self.quick_site, "dry-run-site")
        with open(changed / "index.html", "ab") as f:
            f.write(b"<!-- changed -->\n")
        (changed / "neu.txt").write_text("neu\n", encoding="utf-8")
        (changed / "robots.txt").unlink()

        before = self.versions(bucket)
        stdout = self.deploy(changed, bucket, "--dry-run")
        self.assertEqual(self.writes_since(bucket, before), (set(), set()))
        uploads = set(re.findall(r"^upload (\S+) \(.+\)$", stdout, re.M)) - {f"{PREFIX}/{MANIFEST}"}
        deletes = set(re.findall(r"^delete (\S+)$", stdout, re.M))
        self.assertEqual(uploads, keys(["index.html", "neu.txt"]), stdout)
        self.assertEqual(deletes, keys(["robots.txt"]), stdout)
        self.assertRegex(stdout, r"(?m)^Dry run:")

        plan = json.loads(self.deploy(changed, bucket, "--dry-run", "--format", "json"))
        self.assertEqual(self.writes_since(bucket, before), (set(), set()))
        self.assertTrue(plan["dry_run"])
        self.assertEqual(
            sorted((u["key"], u["reason"]) for u in plan["uploads"]),
            [(f"{PREFIX}/index.html", "changed"), (f"{PREFIX}/neu.txt", "new")],
        )
        self.assertEqual(plan["deletes"], [f"{PREFIX}/robots.txt"])

    def test_a_killed_deploy_is_completed_by_the_next(self):
        """A deploy killed halfway leaves a partial upload; the next deploy
        makes the bucket equal to the output, and one more uploads nothing."""
        bucket = self.bucket("killed")
        out = self.search_site
        local = read_tree(out)
        log = open(self.tmp / "killed-deploy.log", "w+b")
        self.addCleanup(log.close)
        process = subprocess.Popen(
            self.deploy_command(out, bucket, "--jobs", "1"),
            env=self.portal_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self.wait_for_a_page(bucket, process)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.seek(0)
        self.assertNotEqual(process.returncode, 0, "the deploy finished before it could be killed: make the site it deploys bigger")
        self.assertEqual(process.returncode, -signal.SIGKILL, log.read().decode(errors="replace"))
        partial = self.object_keys(bucket)
        self.assertLess(len(partial), len(local), "the killed deploy had uploaded everything: make the site bigger")
        self.assert_no_page_ahead_of_its_files(bucket, local)

        self.deploy(out, bucket)
        self.assert_mirrors(bucket, out)
        before = self.versions(bucket)
        self.assert_summary(self.deploy(out, bucket), bucket, uploaded=0, deleted=0)
        self.assertEqual(self.writes_since(bucket, before), (set(), set()))

    def test_a_network_failure_midway_is_reported_and_resumed(self):
        """The connection to the store breaks while pages go up: the deploy
        exits 1 saying how far it got and to run it again, the bucket serves
        no page ahead of its files, what landed before the failed wave is
        recorded, and the next run sends only the rest."""
        bucket = self.bucket("network")
        out = self.search_site
        local = read_tree(out)
        host, port = self.endpoint.removeprefix("http://").split(":")
        proxy = CuttableProxy((host, int(port)))
        self.addCleanup(proxy.cut)
        process = subprocess.Popen(
            self.deploy_command(out, bucket, "--jobs", "1", endpoint=proxy.endpoint),
            env=self.portal_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.wait_for_a_page(bucket, process)
            proxy.cut()
            stdout, stderr = process.communicate(timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assertEqual(process.returncode, 1, stdout + stderr)
        self.assertNotIn("panicked", stderr)
        stopped = re.search(r"stopped after (\d+) of (\d+) uploads", stderr)
        self.assertIsNotNone(stopped, stderr)
        self.assertIn("run the deploy again", stderr)
        self.assertLess(int(stopped[1]), int(stopped[2]))
        self.assertEqual(int(stopped[2]), len(published(local)))
        self.assert_no_page_ahead_of_its_files(bucket, local)

        manifest = json.loads(self.get(bucket, f"{PREFIX}/{MANIFEST}")[0])
        others = {p for p in published(local) if not p.endswith(".html")}
        self.assertLessEqual(others, set(manifest["files"]), "the finished waves were not recorded")

        pages = {p for p in published(local) if p.endswith(".html")}
        before = self.versions(bucket)
        stdout = self.deploy(out, bucket)
        written, deleted = self.writes_since(bucket, before)
        self.assertEqual(deleted, set())
        self.assertLessEqual(written, keys(pages) | {f"{PREFIX}/{MANIFEST}"}, "the resumed deploy sent again what was recorded")
        self.assert_mirrors(bucket, out)

    def test_refused_credentials_stop_the_deploy_before_it_writes(self):
        """A store that refuses the keys (moto with IAM checks on): exit 1
        with the store's answer, and nothing written."""
        port = free_port()
        log = open(self.tmp / "moto-auth.log", "w+b")
        self.addCleanup(log.close)
        # The first four requests are let through unauthenticated, to set up
        # a bucket and a user whose real keys can look at it afterwards.
        env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="4")
        server = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def stop():
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)

        self.addCleanup(stop)
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                self.assertLess(time.monotonic(), deadline, "moto_server with IAM checks did not start")
                time.sleep(0.05)
        anonymous = dict(region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        boto3.client("s3", endpoint_url=endpoint, **anonymous).create_bucket(Bucket="locked")
        iam = boto3.client("iam", endpoint_url=endpoint, **anonymous)
        iam.create_user(UserName="checker")
        iam.put_user_policy(
            UserName="checker",
            PolicyName="all",
            PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
            ),
        )
        key = iam.create_access_key(UserName="checker")["AccessKey"]
        checker = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=key["AccessKeyId"],
            aws_secret_access_key=key["SecretAccessKey"],
        )

        result = self.run_deploy(self.quick_site, "locked", endpoint=endpoint)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        # Told as refused credentials, with what to check, not as raw XML.
        self.assertIn(f"the store at {endpoint} refused the credentials (InvalidAccessKeyId) while listing s3://locked/site", result.stderr)
        self.assertIn("check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", result.stderr)
        self.assertNotIn("<?xml", result.stderr)
        self.assertEqual(checker.list_objects_v2(Bucket="locked")["KeyCount"], 0)

    def test_a_missing_bucket_is_named_with_what_to_do(self):
        """A bucket that does not exist: one sentence naming it and the
        store, not the store's XML; exit 1 for a real run and a dry run."""
        for args in [(), ("--dry-run",)]:
            result = self.run_deploy(self.quick_site, "no-such-bucket", *args)
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertIn(
                f"the bucket `no-such-bucket` does not exist at {self.endpoint}: create it first",
                result.stderr,
            )
            self.assertNotIn("<?xml", result.stderr)
            self.assertNotIn("NoSuchBucket", result.stderr)

    def test_objects_changed_or_removed_by_hand_are_put_back(self):
        """The manifest records each object's ETag: an object overwritten or
        deleted behind portal's back is sent again, and nothing else."""
        bucket = self.bucket("by-hand")
        out = self.quick_site
        self.deploy(out, bucket)
        self.s3.put_object(Bucket=bucket, Key=f"{PREFIX}/index.html", Body=b"<p>defaced</p>", ContentType="text/html")
        self.s3.delete_object(Bucket=bucket, Key=f"{PREFIX}/robots.txt")
        before = self.versions(bucket)
        stdout = self.deploy(out, bucket)
        written, deleted = self.writes_since(bucket, before)
        self.assertEqual(written, keys(["index.html", "robots.txt", MANIFEST]), stdout)
        self.assertEqual(deleted, set())
        self.assert_mirrors(bucket, out)

    def test_file_names_with_spaces_and_umlauts_round_trip(self):
        """Downloads keep the names editors gave them: such a key is stored
        as it is, and a second deploy finds it unchanged."""
        bucket = self.bucket("names")
        out = self.copy_output(self.quick_site, "names-site")
        (out / "dokumente").mkdir(exist_ok=True)
        (out / "dokumente" / "Bericht 2024 (öffentlich) #1.txt").write_text("Bericht\n", encoding="utf-8")
        self.deploy(out, bucket)
        body, _, _, _ = self.get(bucket, f"{PREFIX}/dokumente/Bericht 2024 (öffentlich) #1.txt")
        self.assertEqual(body, "Bericht\n".encode())
        before = self.versions(bucket)
        self.assert_summary(self.deploy(out, bucket), bucket, uploaded=0, deleted=0)
        self.assertEqual(self.writes_since(bucket, before), (set(), set()))
        self.assert_mirrors(bucket, out)

    def test_an_unreadable_manifest_sends_everything_again(self):
        """A manifest object that is not one portal wrote (damaged by hand, or
        from a future version) is not trusted: a warning, every file sent
        again, and a fresh manifest."""
        bucket = self.bucket("foreign")
        out = self.quick_site
        self.deploy(out, bucket)
        self.s3.put_object(Bucket=bucket, Key=f"{PREFIX}/{MANIFEST}", Body=b"<html>not a manifest</html>")
        result = self.run_deploy(out, bucket)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"warning: s3://{bucket}/{PREFIX}/{MANIFEST} is not a manifest", result.stderr)
        self.assert_summary(result.stdout, bucket, uploaded=len(published(read_tree(out))), deleted=0)
        self.assert_mirrors(bucket, out)

    def test_precompressed_files_are_stored_gzipped(self):
        """From a --precompress build, a text file with a .gz sibling is stored
        under its own name with the gzip bytes and Content-Encoding: gzip; no
        .gz or .br sibling becomes an object of its own."""
        bucket = self.bucket("precompressed")
        out = self.build(self.site_copy("precompressed"), "precompressed-site", "--precompress")
        local = read_tree(out)
        self.assertIn("index.html.gz", local, "--precompress wrote no index.html.gz")
        self.deploy(out, bucket)
        self.assert_mirrors(bucket, out)

        body, content_type, _, encoding = self.get(bucket, f"{PREFIX}/index.html")
        self.assertEqual((content_type, encoding), ("text/html; charset=utf-8", "gzip"))
        self.assertEqual(gzip.decompress(body), local["index.html"])
        siblings = [k for k in self.object_keys(bucket) if k.endswith((".gz", ".br")) and k[len(PREFIX) + 1 : -3] in local]
        self.assertEqual(siblings, [])

    def test_an_unreachable_endpoint_fails_cleanly(self):
        """With nothing listening at the endpoint, deploy exits 1 within a
        minute with an error message and no panic."""
        started = time.monotonic()
        try:
            result = self.run_deploy(self.quick_site, "unreachable", endpoint="http://127.0.0.1:1", timeout=60)
        except subprocess.TimeoutExpired:
            self.fail("portal deploy to a closed port did not give up within 60 s")
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertTrue(result.stderr.strip(), "no error message on stderr")
        self.assertLess(time.monotonic() - started, 60)


if __name__ == "__main__":
    unittest.main()
