// Debian's nginx with docs/nginx/portal.conf over a site built with
// `portal build --precompress`, checked with real HTTP requests on
// loopback: pretty URLs, the 404 page, content types, precompressed
// responses, cache and security headers.
//
// SITE_DIR=target/example-site-precompressed node --test tests/server/nginx.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';

/** The fingerprinted stylesheet's address, as the home page links it. */
function stylesheet() {
  const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  const match = html.match(/href="(\/assets\/portal\.[0-9a-f]{10}\.css)"/);
  assert.ok(match, 'the home page links a fingerprinted stylesheet');
  return match[1];
}

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const site = path.resolve(process.env.SITE_DIR ?? path.join(repo, 'target/example-site-precompressed'));
const nginxBin = process.env.NGINX ?? '/usr/sbin/nginx';

let server;
let port;
let work;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** GET `url` with `headers`; resolves to { status, headers, body (Buffer) }. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      await get('/');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nginx did not answer on port ${port}: ${fs.readFileSync(path.join(work, 'error.log'), 'utf8')}`);
}

before(async () => {
  assert.ok(fs.existsSync(path.join(site, 'index.html.gz')), `${site} was not built with --precompress`);
  port = await freePort();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
  // The shipped file, with only its address and folder changed.
  const shipped = fs.readFileSync(path.join(repo, 'docs/nginx/portal.conf'), 'utf8');
  const serverConf = shipped
    .replace(/^\s*listen \[::\]:80;$/m, '')
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root \/srv\/portal\/public;$/m, `$1root ${site};`);
  assert.notEqual(serverConf, shipped);
  assert.match(serverConf, new RegExp(`listen 127\\.0\\.0\\.1:${port};`));
  const temp = (name) => path.join(work, name);
  const main = `
${process.getuid && process.getuid() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
${serverConf}
}
`;
  fs.writeFileSync(temp('nginx.conf'), main);
  execFileSync(nginxBin, ['-t', '-q', '-c', temp('nginx.conf'), '-p', work], { stdio: 'inherit' });
  server = spawn(nginxBin, ['-c', temp('nginx.conf'), '-p', work], { stdio: 'inherit' });
  await waitForServer();
});

after(() => {
  server?.kill('SIGQUIT');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('pages are served at their pretty URL with the security headers and no-cache', async () => {
  const res = await get('/leistungen/');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.deepEqual(res.body, fs.readFileSync(path.join(site, 'leistungen/index.html')));
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.match(res.headers['permissions-policy'], /camera=\(\)/);
  const csp = res.headers['content-security-policy'];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src/);
  assert.equal(res.headers['strict-transport-security'], undefined, 'HSTS belongs to TLS only');
  assert.equal(res.headers.server, 'nginx', 'no version in the Server header');
});

test('a folder without its slash is redirected to it, relatively', async () => {
  const res = await get('/leistungen');
  assert.equal(res.status, 301);
  assert.equal(res.headers.location, '/leistungen/');
});

test('unknown addresses get the site\'s 404 page with status 404', async () => {
  const res = await get('/gibt-es-nicht/');
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.deepEqual(res.body, fs.readFileSync(path.join(site, '404.html')));
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('browsers that accept gzip get the precompressed file, others the plain one', async () => {
  const plain = fs.readFileSync(path.join(site, 'index.html'));
  const zipped = await get('/', { 'accept-encoding': 'gzip, br' });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.match(zipped.headers.vary ?? '', /Accept-Encoding/i);
  assert.deepEqual(zipped.body, fs.readFileSync(path.join(site, 'index.html.gz')));
  assert.deepEqual(zlib.gunzipSync(zipped.body), plain);
  const raw = await get('/');
  assert.equal(raw.headers['content-encoding'], undefined);
  assert.deepEqual(raw.body, plain);
});

test('only the search page may run script (its own, no WebAssembly)', async () => {
  const res = await get('/suche/');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-security-policy'], /script-src 'self'$/);
  assert.doesNotMatch(res.headers['content-security-policy'], /wasm/);
  const home = await get('/');
  assert.doesNotMatch(home.headers['content-security-policy'], /script-src/);
});

test('the editors\' /admin/ runs the CMS under its own policy, from its page', async () => {
  const res = await get('/admin/');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-security-policy'], undefined);
  const page = res.body.toString();
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39; https:\/\/unpkg\.com/);
  assert.match(page, /<meta name="robots" content="noindex, nofollow">/);
});

// A shard of the search index (content-addressed) and a page fragment.
const shard = () => `/suchindex/w/${fs.readdirSync(path.join(site, 'suchindex/w')).find((f) => f.endsWith('.json'))}`;

test('every kind of file has its content type', async () => {
  const expected = [
    [stylesheet(), 'text/css; charset=utf-8'],
    ['/assets/favicon.svg', 'image/svg+xml; charset=utf-8'],
    ['/aktuelles/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/sitemap.xml', 'text/xml; charset=utf-8'],
    ['/daten/leistungen.csv', 'text/csv; charset=utf-8'],
    ['/daten/leistungen.json', 'application/json; charset=utf-8'],
    ['/daten/katalog.jsonld', 'application/ld+json; charset=utf-8'],
    ['/leistungen/index.json', 'application/json; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/.well-known/security.txt', 'text/plain; charset=utf-8'],
    ['/suchindex/index.json', 'application/json; charset=utf-8'],
    [shard(), 'application/json; charset=utf-8'],
    ['/suchindex/f/0/0.json', 'application/json; charset=utf-8'],
    ['/admin/config.yml', 'application/yaml; charset=utf-8'],
  ];
  for (const [url, type] of expected) {
    const res = await get(url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers['content-type'], type, url);
  }
});

test('files with a content hash in their name are cached for a year, other assets for an hour', async () => {
  const hashed = await get(shard());
  assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
  const css = await get(stylesheet());
  assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(css.headers['x-content-type-options'], 'nosniff');
  // The manifest and the page fragments keep their names: revalidated.
  const manifest = await get('/suchindex/index.json');
  assert.equal(manifest.status, 200);
  assert.equal(manifest.headers['cache-control'], 'no-cache');
  const fragment = await get('/suchindex/f/0/0.json');
  assert.equal(fragment.headers['cache-control'], 'no-cache');
  const icon = await get('/assets/favicon.svg');
  assert.equal(icon.headers['cache-control'], 'public, max-age=3600');
});
