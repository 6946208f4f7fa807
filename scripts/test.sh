#!/usr/bin/env bash
# Runs every test of portal:
#   1. unit and whole-build tests (cargo test);
#   2. the example site built and driven through a real browser (Chromium
#      with axe-core: WCAG 2.1 AA at 375 and 1280 px, keyboard, reflow,
#      no third-party requests);
#   3. the search page in the browser (results, word forms, no-JS fallback);
#   4. `portal serve` in the browser: live reload and the error overlay;
#      the forms at /admin/ (Decap CMS from npm): a save, a refused save,
#      the topics relation, axe, no request to another host, the published
#      configuration against Sveltia CMS's schema;
#   5. the Nu HTML Checker over the whole example site;
#   6. Debian's nginx with docs/nginx/portal.conf over the example site built
#      with --precompress: status codes, types, encodings, headers;
#   7. `portal deploy` into moto's S3 server on loopback (versioned buckets):
#      keys, bytes, types, caching, only changed objects written, deletes
#      and their limit, dry run, a killed deploy, precompressed files.
# It first installs what 2 to 7 need (see scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
cargo test --locked --all-targets

echo "== installing browser test dependencies (Chromium, Java, npm packages)"
bash scripts/install-test-deps.sh

site=target/example-site
echo "== building the example site into $site"
cargo run --locked --quiet -- build --out "$site"

echo "== browser tests (Playwright + axe-core in Chromium)"
(cd tests/browser && SITE_DIR="../../$site" node --test --test-reporter=tap a11y.test.mjs)

echo "== search in the browser (the index portal writes, suchindex/, on the example site)"
(cd tests/browser && SITE_DIR="../../$site" node --test --test-reporter=tap search.test.mjs)

echo "== live preview in the browser (portal serve: reload, error overlay with axe-core)"
(cd tests/browser && PORTAL_BIN=target/debug/portal node --test --test-reporter=tap serve.test.mjs)

echo "== forms for editors in the browser (Decap CMS from npm against portal serve)"
(cd tests/browser && PORTAL_BIN=target/debug/portal node --test --test-reporter=tap admin.test.mjs)

echo "== HTML validity (Nu HTML Checker)"
bash scripts/check-html.sh "$site"

echo "== web server (nginx with docs/nginx/portal.conf, precompressed site)"
precompressed=target/example-site-precompressed
cargo run --locked --quiet -- build --precompress --out "$precompressed"
SITE_DIR="$precompressed" node --test --test-reporter=tap tests/server/nginx.test.mjs

echo "== deploy to S3 (portal deploy against moto on loopback)"
PORTAL_BIN=target/debug/portal tests/deploy/.venv/bin/python tests/deploy/test_deploy.py -v
