// Small static HTTP server for the built site, used by the browser tests and
// the Lighthouse runner. Loopback only.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer('public');   // random free port
//   server.origin  -> 'http://127.0.0.1:41234'
//   await server.close();
//
// Also runnable by hand:  node tests/browser/server.mjs public [port]
//
// Rules: '/x/' serves '/x/index.html'; '/x' that is a folder redirects to
// '/x/'; anything else that does not exist answers 404 with the body of
// '/404.html' (as a static host would); text is gzip-compressed when the
// client accepts it.

import { createServer } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function statOrNull(p) {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

export async function startServer(rootDir, { host = '127.0.0.1', port = 0 } = {}) {
  const root = path.resolve(rootDir);
  const rootStat = await statOrNull(root);
  if (!rootStat?.isDirectory()) throw new Error(`site folder not found: ${root}`);

  async function send(req, res, status, file, extraHeaders = {}) {
    let body = await fs.readFile(file);
    const type = contentType(file);
    const headers = { 'Content-Type': type, ...extraHeaders };
    if (COMPRESSIBLE.test(type) && body.length > 256 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function notFound(req, res) {
    const page = path.join(root, '404.html');
    if (await statOrNull(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return notFound(req, res);
    }
    if (pathname.includes('\0')) return notFound(req, res);
    let file = path.join(root, pathname);
    // path.join normalises '..'; refuse anything that ends up outside root.
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);
    let st = await statOrNull(file);
    if (st?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: url.pathname + '/' + url.search });
        return res.end();
      }
      file = path.join(file, 'index.html');
      st = await statOrNull(file);
    }
    if (!st?.isFile()) return notFound(req, res);
    return send(req, res, 200, file);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${err.message}\n`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    root,
    port: actualPort,
    origin: `http://${host}:${actualPort}`,
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// CLI: node server.mjs SITE_DIR [PORT]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node server.mjs SITE_DIR [PORT]');
    process.exit(2);
  }
  const server = await startServer(dir, { port: Number(port ?? 0) });
  console.log(`serving ${server.root} at ${server.origin}/`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
