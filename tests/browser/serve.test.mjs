// `portal serve` in a real browser: the page reloads by itself after an edit
// (Server-Sent Events, the same-origin reload script allowed by the
// preview's CSP), and the error overlay is focused, labelled, passes axe
// (WCAG 2.1 AA) and closes with Escape.
//
//   PORTAL_BIN=target/debug/portal node --test tests/browser/serve.test.mjs
//
// Works on a copy of the repository's content/ in a temporary folder; the
// server listens on 127.0.0.1 only and is stopped at the end.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { previewOfExample } from './preview.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BIN = path.resolve(REPO, process.env.PORTAL_BIN || 'target/debug/portal');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SERVICE = 'content/services/wohngeld.md';
const CATALOGUE = 'content/sources/landesredaktion.xml';

let root;
let origin;
let browser;

function edit(relative, change) {
  const file = path.join(root, relative);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

let preview;

before(async () => {
  preview = await previewOfExample(BIN, { prefix: 'portal-serve-' });
  ({ root, origin, browser } = preview);
});

after(async () => {
  await preview?.close();
});

test('an open page reloads by itself after an edit', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(`${origin}/leistungen/wohngeld/`, { waitUntil: 'load' });
  // Give the event stream a moment to connect before editing.
  await page.waitForTimeout(500);
  // The title comes from the catalogue (XZuFi): the preview follows an edit there.
  edit(CATALOGUE, (text) => text.replace('>Wohngeld beantragen</inhalt>', '>Wohngeld, frisch bearbeitet</inhalt>'));
  await page.waitForFunction(
    () => document.querySelector('h1')?.textContent === 'Wohngeld, frisch bearbeitet',
    null,
    { timeout: 20_000 },
  );
  assert.deepEqual(errors, [], 'no script or CSP errors');
  await context.close();
});

test('a broken file shows an accessible overlay that Escape closes', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/leistungen/wohngeld/`, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  edit(SERVICE, (text) => text.replace(/^status: /m, 'stauts: '));
  const overlay = page.locator('#_portal-fehler');
  await overlay.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await overlay.locator('pre').textContent(), /unknown field `stauts`/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), '_portal-fehler', 'the overlay has the focus');
  assert.equal(await overlay.getAttribute('aria-labelledby'), '_portal-fehler-titel');
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    'axe finds no violation with the overlay open',
  );
  await page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'detached', timeout: 5_000 });

  // Fixed: the page reloads without the overlay.
  edit(SERVICE, (text) => text.replace(/^stauts: /m, 'status: '));
  await page.waitForFunction(() => !document.getElementById('_portal-fehler') && document.querySelector('h1'), null, {
    timeout: 20_000,
  });
  await context.close();
});
