// The search page in a real browser, on the built example site: typing a
// word of a service's title finds that service first, German word forms
// are found ("Anmeldung", "Bauanträge"), results are announced in a status
// region, the filter works, the page passes axe with results shown, and no
// request leaves the site. Without JavaScript the page offers the A–Z list.
//
//   SITE_DIR=path/to/built/site node --test tests/browser/search.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

const SITE_DIR = path.resolve(process.env.SITE_DIR || '../../public');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server;
let browser;

before(async () => {
  server = await startServer(SITE_DIR);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function searchPage({ javaScript = true } = {}) {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: javaScript, viewport: { width: 1280, height: 900 } });
  const requests = [];
  const errors = [];
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/suche/`, { waitUntil: 'load' });
  return { context, page, requests, errors };
}

// Types like a person (one key at a time) and waits for the status line.
async function type(page, text) {
  const field = page.locator('#_suche-feld');
  await field.fill('');
  await field.pressSequentially(text, { delay: 20 });
  await page.waitForFunction((q) => document.getElementById('_suche-status').textContent.includes(`„${q}“`), text);
  return page.locator('#_suche-treffer .search__title a').allTextContents();
}

test('a word from a service title finds that service first', async () => {
  const { context, page, requests, errors } = await searchPage();
  try {
    await page.locator('#_suche-feld').waitFor({ state: 'visible' });
    for (const [word, title] of [
      ['Wohngeld', 'Wohngeld beantragen'],
      ['Grundsicherung', 'Grundsicherung im Alter'],
      ['Lebensunterhalt', 'Ergänzende Hilfe zum Lebensunterhalt'],
      ['Ummeldung', 'Wohnsitz anmelden (Ummeldung)'],
    ]) {
      const titles = await type(page, word);
      assert.equal(titles[0], title, `${word}: ${titles.join(' | ')}`);
    }
    assert.deepEqual(errors, []);
    const foreign = requests.filter((u) => new URL(u).origin !== server.origin);
    assert.deepEqual(foreign, [], 'no request leaves the site');
    // The index is fetched in pieces from suchindex/: the manifest, shards,
    // blocks and the fragments of the results shown, never all pages.
    const index = requests.filter((u) => u.includes('/suchindex/'));
    assert.ok(index.some((u) => u.endsWith('/suchindex/index.json')), 'the manifest is loaded');
    assert.ok(index.some((u) => /\/suchindex\/w\/[0-9a-f]{16}\.json$/.test(u)), 'a shard is loaded');
  } finally {
    await context.close();
  }
});

test('German word forms: "Anmeldung" finds the Wohnsitzanmeldung, "Bauanträge" the Bauantrag', async () => {
  const { context, page } = await searchPage();
  try {
    await page.locator('#_suche-feld').waitFor({ state: 'visible' });
    const anmeldung = await type(page, 'Anmeldung');
    assert.ok(anmeldung.includes('Wohnsitz anmelden (Ummeldung)'), anmeldung.join(' | '));
    const bauantraege = await type(page, 'Bauanträge');
    assert.equal(bauantraege[0], 'Bauantrag stellen', bauantraege.join(' | '));
  } finally {
    await context.close();
  }
});

test('results are announced, filterable, reachable by keyboard and axe-clean', async () => {
  const { context, page } = await searchPage();
  try {
    await page.locator('#_suche-feld').waitFor({ state: 'visible' });
    await type(page, 'beantragen');
    const status = page.locator('#_suche-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.match(await status.textContent(), /^\d+ Treffer für „beantragen“/);
    // Only news: every result is a Meldung.
    await page.selectOption('#_suche-typ', 'Meldung');
    await page.waitForFunction(() => [...document.querySelectorAll('.search__type')].every((t) => t.textContent === 'Meldung'));
    await page.selectOption('#_suche-typ', '');
    await type(page, 'Wohngeld');
    // Keyboard: from the field, Tab reaches the type filter, the button,
    // then the first result link.
    await page.focus('#_suche-feld');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(focused, 'Wohngeld beantragen');
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), []);
    // The query is in the address, so a result list can be shared.
    assert.match(page.url(), /\?q=Wohngeld/);
  } finally {
    await context.close();
  }
});

test('a search from the header field of any page lands on the results', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.fill('#_kopf-suche', 'Wohngeld');
    await page.press('#_kopf-suche', 'Enter');
    await page.waitForURL(/\/suche\/\?q=Wohngeld/);
    await page.waitForFunction(() => document.getElementById('_suche-status').textContent.includes('Wohngeld'));
    const first = await page.locator('#_suche-treffer .search__title a').first().textContent();
    assert.equal(first, 'Wohngeld beantragen');
  } finally {
    await context.close();
  }
});

test('without JavaScript the search page offers the A–Z list', async () => {
  const { context, page } = await searchPage({ javaScript: false });
  try {
    assert.equal(await page.locator('#_suche').isVisible(), false);
    const link = page.locator('#_suche-ohne-script a');
    assert.equal(await link.getAttribute('href'), '/leistungen/a-z/');
  } finally {
    await context.close();
  }
});

test('an English query on the English search page finds the English page', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(`${server.origin}/en/suche/`, { waitUntil: 'load' });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const field = page.locator('#_suche-feld');
    await field.waitFor({ state: 'visible' });
    await field.pressSequentially('housing benefit', { delay: 20 });
    await page.waitForFunction(() => document.getElementById('_suche-status').textContent.includes('“housing benefit”'));
    const links = page.locator('#_suche-treffer .search__title a');
    assert.equal(await links.first().textContent(), 'Apply for housing benefit (Wohngeld)');
    assert.equal(await links.first().getAttribute('href'), '/en/leistungen/wohngeld/');
    // Only pages in English: the German index is not read.
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => h.startsWith('/en/')), hrefs.join(' '));
    assert.ok(requests.every((u) => !u.includes('/suchindex/') || u.includes('/en/suchindex/')), requests.join('\n'));
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => v.id), []);
  } finally {
    await context.close();
  }
});
