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
  local name=$1 label=$2 root=$3 bucket=$4 line
  local summary='in ([0-9.]+) s: ([0-9]+) uploaded \(([^)]*)\), ([0-9]+) deleted, ([0-9]+) unchanged'
  # Progress lines go to stderr; kept aside so the table stays whole.
  line=$("$portal" deploy --root "$root" --to "s3://$bucket/www" --endpoint "$endpoint" --jobs "$jobs" 2>"$work/deploy.err" | tail -n1) || {
    cat "$work/deploy.err" >&2
    exit 1
  }
  # Deployed … in 1.23 s: 3 uploaded (12.3 KiB), 1 deleted, 200 unchanged.
  [[ $line =~ $summary ]] || {
    echo "unexpected summary: $line" >&2
    exit 1
  }
  printf '| %s | %s | %s | %s | %s | %s | %s s |\n' "$name" "$label" \
    "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" "${BASH_REMATCH[4]}" "${BASH_REMATCH[5]}" "${BASH_REMATCH[1]}"
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
