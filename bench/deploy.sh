#!/usr/bin/env bash
# Benchmark of `portal deploy`: objects, bytes and time of a first deploy,
# of a deploy after one page changed, and of one with nothing changed, for
# the example site and a generated site of PAGES pages (default 10000).
# Both are built with --precompress, as docs/publishing.md recommends.
#
# usage: bash bench/deploy.sh [PAGES] [JOBS]
#
# The store is moto's S3 server on loopback (tests/deploy/.venv, installed
# by scripts/install-test-deps.sh when missing): a Python server that
# handles one request at a time per thread, so the times bound what
# portal spends per object from above; against AWS or MinIO the
# per-object cost is the network's round trip instead.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
jobs=${2:-16}
[[ $pages =~ ^[0-9]+$ && $jobs =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: bash bench/deploy.sh [PAGES] [JOBS]" >&2
  exit 2
}

cargo build --release --locked -q
portal=$PWD/target/release/portal
[[ -x tests/deploy/.venv/bin/moto_server ]] || bash scripts/install-test-deps.sh
python=$PWD/tests/deploy/.venv/bin/python

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tests/deploy/.venv/bin/moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; wait $moto 2>/dev/null; rm -rf "$work"' EXIT
endpoint=http://127.0.0.1:$port
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
for _ in $(seq 50); do
  curl -fs "$endpoint/moto-api/" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "== machine: $(nproc) cores, load $(uptime | sed 's/.*load average: //')"
echo "== portal $("$portal" --version | cut -d' ' -f2), moto $("$python" -c 'import moto; print(moto.__version__)'), $jobs uploads at a time"
echo
printf '| site | deploy | objects uploaded | bytes uploaded | deleted | unchanged | wall time |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'

# deploy SITE_NAME LABEL ROOT BUCKET: runs `portal deploy`, prints a row.
deploy() {
  local name=$1 label=$2 root=$3 bucket=$4 result
  # Progress lines go to stderr; kept aside so the table stays whole.
  result=$("$portal" deploy --root "$root" --to "s3://$bucket/www" --endpoint "$endpoint" \
    --jobs "$jobs" --format json 2>"$work/deploy.err") || {
    cat "$work/deploy.err" >&2
    echo "$result" >&2
    exit 1
  }
  python3 -c '
import json, sys
r = json.loads(sys.argv[3])
size = r["bytes"]
size = f"{size / 1048576:.1f} MiB" if size >= 1048576 else f"{size / 1024:.1f} KiB" if size >= 1024 else f"{size} B"
row = [sys.argv[1], sys.argv[2], r["uploaded"], size, r["deleted"], r["unchanged"], "%.2f s" % r["seconds"]]
print("| " + " | ".join(map(str, row)) + " |")
' "$name" "$label" "$result"
}

# site NAME ROOT: first deploy, one page changed, nothing changed.
site() {
  local name=$1 root=$2 bucket
  bucket=bench-$(echo "$name" | tr -c 'a-z0-9\n' '-' | tr -s '-')
  "$python" -c "import boto3,sys; boto3.client('s3', endpoint_url='$endpoint').create_bucket(Bucket=sys.argv[1])" "$bucket"
  "$portal" build --root "$root" --precompress >/dev/null
  deploy "$name" "first" "$root" "$bucket"
  # One service page gains a sentence: its page, its JSON twin and every
  # list, feed and search file that shows its text change with it.
  local services
  mapfile -t services < <(find "$root/content/services" -name '*.md' | sort)
  printf '\nDiese Zeile wurde für den Benchmark ergänzt.\n' >>"${services[0]}"
  "$portal" build --root "$root" --precompress >/dev/null
  deploy "$name" "one page changed" "$root" "$bucket"
  deploy "$name" "nothing changed" "$root" "$bucket"
}

mkdir -p "$work/example"
cp -r content "$work/example/content"
site "example site" "$work/example"

python3 bench/gen_site.py "$pages" "$work/generated" >/dev/null
site "generated, $pages pages" "$work/generated"
echo
echo "== load after: $(uptime | sed 's/.*load average: //')"
