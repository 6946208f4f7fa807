// Lighthouse runs against the built site, served on loopback.
//
//   node tests/browser/lighthouse.mjs SITE_DIR      (or scripts/lighthouse.sh SITE_DIR)
//
// Audits the home page and the first service page (/leistungen/<slug>/ from
// sitemap.xml) for performance, accessibility, best-practices and seo, prints
// the four scores per page and writes the JSON reports to
// tests/browser/lighthouse/<name>.report.json.
//
// Environment: LIGHTHOUSE_PRESET=desktop for desktop scoring (default: mobile);
// LIGHTHOUSE_MIN=90 makes the run fail when any score is below 90 (default: no
// gate); CHROMIUM_PATH as for the tests.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { discoverPages } from './site.mjs';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT_DIR = path.join(HERE, 'lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const require = createRequire(import.meta.url);
const LIGHTHOUSE_CLI = path.join(path.dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');

function runLighthouse(url, outputPath) {
  const args = [
    LIGHTHOUSE_CLI,
    url,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--output=json',
    `--output-path=${outputPath}`,
    `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
    '--no-enable-error-reporting',
    '--quiet',
  ];
  if (process.env.LIGHTHOUSE_PRESET) args.push(`--preset=${process.env.LIGHTHOUSE_PRESET}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`lighthouse exited with ${code} for ${url}\n${stderr.trim()}`));
    });
  });
}

async function main() {
  const siteDir = process.argv[2] ?? process.env.SITE_DIR;
  if (!siteDir) {
    console.error('usage: node tests/browser/lighthouse.mjs SITE_DIR');
    return 2;
  }
  const pages = await discoverPages(path.resolve(siteDir));
  const targets = ['home', 'leistung'].map((name) => pages.find((p) => p.name === name));
  const missing = targets.filter((t) => !t.path);
  if (missing.length) {
    for (const t of missing) console.error(`lighthouse: cannot find the ${t.label}: ${t.error}`);
    return 1;
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const min = process.env.LIGHTHOUSE_MIN ? Number(process.env.LIGHTHOUSE_MIN) : null;
  const server = await startServer(siteDir);
  let failed = 0;
  try {
    for (const target of targets) {
      const report = path.join(OUT_DIR, `${target.name}.report.json`);
      await runLighthouse(server.origin + target.path, report);
      const lhr = JSON.parse(readFileSync(report, 'utf8'));
      if (lhr.runtimeError) {
        console.log(`${target.path}  runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        failed++;
        continue;
      }
      const scores = CATEGORIES.map((c) => {
        const s = lhr.categories[c]?.score;
        return { c, s: s == null ? null : Math.round(s * 100) };
      });
      const low = min == null ? [] : scores.filter(({ s }) => s == null || s < min);
      if (low.length) failed++;
      console.log(
        `${target.path.padEnd(40)} ` +
          scores.map(({ c, s }) => `${c} ${s ?? 'n/a'}`).join('  ') +
          (low.length ? `   (below ${min}: ${low.map(({ c }) => c).join(', ')})` : ''),
      );
      // The failing audits, so a low score can be acted on without opening the report.
      for (const c of CATEGORIES) {
        const refs = lhr.categories[c]?.auditRefs ?? [];
        const bad = refs
          .filter((r) => r.weight > 0)
          .map((r) => lhr.audits[r.id])
          .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative');
        for (const a of bad) {
          console.log(`    ${c}: ${a.id} (${Math.round(a.score * 100)}) ${a.title}`);
          if (a.id === 'robots-txt' && /unable to download/i.test(a.explanation ?? '')) {
            console.log(
              '        - Lighthouse fetches robots.txt from inside the page, which a Content-Security-Policy ' +
                "without connect-src 'self' blocks (GoogleChrome/lighthouse#4386); check robots.txt itself",
            );
          }
          const items = a.details?.items ?? [];
          for (const it of items.slice(0, 3)) {
            const where = it.node?.selector ?? it.sourceLocation?.url ?? it.url ?? it.source;
            const what = it.description ?? it.node?.explanation?.split('\n')[0] ?? '';
            if (where || what) console.log(`        - ${[where, what].filter(Boolean).join(': ').slice(0, 200)}`);
          }
        }
      }
    }
  } finally {
    await server.close();
  }
  const rel = path.relative(process.cwd(), OUT_DIR);
  console.log(`reports: ${rel && !rel.startsWith('..') ? rel : OUT_DIR}/`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`lighthouse: ${err.message}`);
    process.exit(1);
  },
);
