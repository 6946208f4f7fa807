#!/usr/bin/env bash
# Validates every HTML file of a built site with the Nu Html Checker (vnu),
# errors only, in one JVM.
#
#   scripts/check-html.sh SITE_DIR
#
# Prints each error as  path:line.col-line.col: error: message  and ends with
#   html-check: N passed, M failed      (counted per HTML file)
# Exit status: 0 = no errors, 1 = errors, 2 = usage / setup problem.
# Needs Java 17+ and tests/browser/node_modules (scripts/install-test-deps.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VNU_JAR="${VNU_JAR:-$ROOT/tests/browser/node_modules/vnu-jar/build/dist/vnu.jar}"

die() { echo "check-html: $*" >&2; exit 2; }

[ $# -eq 1 ] || die "usage: scripts/check-html.sh SITE_DIR"
[ -d "$1" ] || die "site folder not found: $1"
SITE_DIR="$(cd "$1" && pwd)"
command -v java >/dev/null 2>&1 || die "java not found (Java 17+ is needed; run scripts/install-test-deps.sh)"
[ -f "$VNU_JAR" ] || die "vnu.jar not found at $VNU_JAR (run scripts/install-test-deps.sh)"

total=$(find "$SITE_DIR" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.xhtml' -o -name '*.xht' \) | wc -l)
if [ "$total" -eq 0 ]; then
  echo "check-html: no HTML files in $SITE_DIR" >&2
  echo "html-check: 0 passed, 1 failed"
  exit 1
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT

# vnu writes its messages to stderr and exits 1 when there is any error.
set +e
java -Xss1024k -jar "$VNU_JAR" --errors-only --skip-non-html --format gnu "$SITE_DIR" 2>"$out" >/dev/null
status=$?
set -e

# "file:/abs/path/x.html":12.3-12.9: error: msg  ->  x.html:12.3-12.9: error: msg
sed -e "s|^\"file:$SITE_DIR/\([^\"]*\)\":|\1:|" "$out"

failed=$({ grep -o "^\"file:[^\"]*\"" "$out" || true; } | sort -u | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # vnu failed without naming a file (crash, bad option, unreadable folder).
  echo "check-html: vnu exited with status $status"
  failed=$total
fi
if [ "$failed" -gt "$total" ]; then failed=$total; fi
passed=$((total - failed))

echo "html-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
