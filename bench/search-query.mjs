// What one search costs a citizen: opens /suche/?q=WORD on a built site in
// Chromium and sums the bytes fetched from the search index (suchindex/),
// split into the one-off start (the search script and the manifest) and
// the query itself (shards, blocks and result fragments), as stored and
// gzipped (level 6, as a web server compresses on the fly or
// `--precompress` stores them).
//
//   node bench/search-query.mjs SITE_DIR [WORD ...]
//
// Uses the browser test's Playwright and Chromium (scripts/install-test-deps.sh).

import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const browserDir = path.resolve(HERE, '../tests/browser');
const { launchBrowser } = await import(path.join(browserDir, 'browser.mjs'));
const { startServer } = await import(path.join(browserDir, 'server.mjs'));

const [siteDir, ...words] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node bench/search-query.mjs SITE_DIR [WORD ...]');
  process.exit(2);
}
const server = await startServer(path.resolve(siteDir));
const browser = await launchBrowser();
try {
  for (const word of words.length ? words : ['Wohngeld']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = [];
    page.on('response', async (res) => {
      const url = new URL(res.url()).pathname;
      if (!url.includes('/suchindex/') && !/\/assets\/search\./.test(url)) return;
      try {
        const body = await res.body();
        fetched.push({ url, bytes: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length });
      } catch {}
    });
    await page.goto(`${server.origin}/suche/?q=${encodeURIComponent(word)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('_suche-status')?.textContent.includes('„'), null, { timeout: 30000 });
    await page.waitForTimeout(300);
    const sum = (list, key) => (list.reduce((n, f) => n + f[key], 0) / 1024).toFixed(1);
    const start = fetched.filter((f) => /\/assets\/search\.|\/suchindex\/index\.json/.test(f.url));
    const query = fetched.filter((f) => !start.includes(f));
    const status = await page.textContent('#_suche-status');
    console.log(
      `${word}: ${status.trim()} | start ${sum(start, 'gzip')} KiB gzip (${sum(start, 'bytes')} stored) in ${start.length} files, ` +
        `query ${sum(query, 'gzip')} KiB gzip (${sum(query, 'bytes')} stored) in ${query.length} files`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
