// The forms for editors in a real browser: Decap CMS, from npm (pinned in
// package.json), served by `portal serve` from the site's own folder and
// saving through the preview's proxy protocol. An editor changes a
// service's title and status and sees the preview update, and edits the
// English translation in its own column; an invalid
// value is refused with portal's own message and the file stays as it
// was; a page of another site, a rebound host name and paths out of
// content/ cannot write; the relation widget lists the topics; the admin page passes axe as
// far as portal's page goes (the CMS's own findings are printed, not
// hidden); nothing is requested from another host. The configuration a
// build publishes validates against the JSON schema Sveltia CMS ships for
// the shared config.yml format.
//
//   PORTAL_BIN=target/debug/portal node --test tests/browser/admin.test.mjs
//
// Works on a copy of the repository's content/ in a temporary folder; the
// server listens on 127.0.0.1 only and is stopped at the end.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import Ajv from 'ajv';
import YAML from 'yaml';
import { launchBrowser } from './browser.mjs';
import { previewOfExample } from './preview.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BIN = path.resolve(REPO, process.env.PORTAL_BIN || 'target/debug/portal');
const CMS = path.join(HERE, 'node_modules', 'decap-cms', 'dist');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SHOTS = path.join(HERE, 'screenshots');

let root;
let origin;
let browser;
const foreign = [];

/// site.yaml without its own `admin:` block, with `admin` appended.
function withAdmin(config, admin) {
  const kept = [];
  let skipping = false;
  for (const line of config.split('\n')) {
    if (/^admin:/.test(line)) skipping = true;
    else if (skipping && /^\S/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return `${kept.join('\n').trimEnd()}\n${admin}`;
}

function read(relative) {
  return readFileSync(path.join(root, relative), 'utf8');
}

async function until(check, what, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let preview;

before(async () => {
  preview = await previewOfExample(BIN, {
    prefix: 'portal-admin-',
    prepare: (copy) => {
      // The CMS served from the site itself: its dist/ without source maps.
      mkdirSync(path.join(copy, 'admin'));
      cpSync(CMS, path.join(copy, 'admin', 'decap-cms'), {
        recursive: true,
        filter: (source) => !source.endsWith('.map'),
      });
      const config = path.join(copy, 'content', 'site.yaml');
      writeFileSync(config, withAdmin(readFileSync(config, 'utf8'), 'admin:\n  cms: admin/decap-cms\n'));
    },
  });
  ({ root, origin, browser } = preview);
});

after(async () => {
  await preview?.close();
});

/// A page of the admin, logged in (the proxy backend's login is a button),
/// recording every request to a host other than the preview.
async function openAdmin(hash, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  await page.goto(`${origin}/admin/`);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Leistungen').first().waitFor();
  if (hash) await page.goto(`${origin}/admin/${hash}`);
  return page;
}

/// Chooses `option` in the select field labelled `label`.
async function choose(page, label, option) {
  await page.getByLabel(label, { exact: false }).first().click({ force: true });
  await page.getByText(option, { exact: true }).click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await page.getByRole('menuitem', { name: 'Jetzt veröffentlichen' }).click();
}

test('an editor changes a service\'s title and status in the form, and the preview shows it', async () => {
  const file = 'content/services/bauantrag.md';
  const before = read(file);
  const english = read('content/services/bauantrag.en.md');
  const preview = await browser.newPage();
  await preview.goto(`${origin}/leistungen/bauantrag/`);
  const page = await openAdmin('#/collections/services/entries/bauantrag');
  const title = page.getByLabel('Titel', { exact: false }).first();
  await title.waitFor();
  await title.fill('Bauantrag digital stellen');
  await choose(page, 'Stand', 'Online verfügbar');
  await publish(page);
  const after = await until(() => {
    const text = read(file);
    return text.includes('status: online') && text.includes('title: Bauantrag digital stellen') && text;
  }, 'the saved file');
  // Only the two fields changed: every other line and the text as they were.
  const expected = before
    .replace('status: rollout', 'status: online')
    .replace('---\n', '---\ntitle: Bauantrag digital stellen\n');
  assert.equal(after, expected);
  // The other languages' columns were not touched: the English file is
  // as it was, and no Leichte Sprache file appeared.
  assert.equal(read('content/services/bauantrag.en.md'), english);
  assert.throws(() => read('content/services/bauantrag.ls.md'), /ENOENT/);
  // The open preview page reloads by itself and shows the new title.
  await preview.waitForFunction(
    () => document.querySelector('h1')?.textContent.includes('Bauantrag digital stellen'),
    null,
    { timeout: 20_000 },
  );
  assert.match(await preview.locator('main').innerText(), /Online verfügbar/);
  const check = spawnSync(BIN, ['check', '--root', root], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  await page.close();
  await preview.close();
});

test('the English translation is edited in its own column and published below /en/', async () => {
  const file = 'content/services/wohngeld.en.md';
  const before = read(file);
  const page = await openAdmin('#/collections/services/entries/wohngeld');
  // Two columns, German and English: the second title is the English one.
  const title = page.getByLabel('Titel', { exact: false }).nth(1);
  await title.waitFor();
  assert.equal(await title.inputValue(), 'Apply for housing benefit (Wohngeld)');
  await title.fill('Apply for housing benefit online');
  await publish(page);
  const after = await until(() => read(file).includes('title: Apply for housing benefit online') && read(file), 'the English file');
  assert.equal(after, before.replace('title: Apply for housing benefit (Wohngeld)', 'title: Apply for housing benefit online'));
  const preview = await browser.newPage();
  await preview.goto(`${origin}/en/leistungen/wohngeld/`);
  await preview.waitForFunction(
    () => document.querySelector('h1')?.textContent.includes('Apply for housing benefit online'),
    null,
    { timeout: 20_000 },
  );
  await page.close();
  await preview.close();
});

test('an invalid value is refused with portal\'s message, and the file stays as it was', async () => {
  const file = 'content/services/grundsicherung-im-alter.md';
  const before = read(file);
  const page = await openAdmin('#/collections/services/entries/grundsicherung-im-alter');
  await page.getByLabel('Stand', { exact: false }).first().waitFor();
  // Online, but no address where citizens start it: the form accepts it,
  // portal does not.
  await choose(page, 'Stand', 'Online verfügbar');
  await publish(page);
  const toast = page.getByText('needs `online_url`', { exact: false });
  await toast.waitFor({ timeout: 20_000 });
  const message = await toast.innerText();
  // The notice slides in from the right.
  await page.waitForTimeout(1500);
  assert.match(message, /not saved, the file is unchanged/);
  assert.match(message, /content\/services\/grundsicherung-im-alter\.md:\d+/);
  await page.screenshot({ path: path.join(SHOTS, 'admin-refused-1280.png') });
  assert.equal(read(file), before);
  await page.close();
});

test('the relation widget lists the topics by their titles', async () => {
  const topics = YAML.parse(read('content/topics.yaml')).topics.map((t) => t.title);
  const page = await openAdmin('#/collections/news/new');
  const field = page.getByLabel('Themen', { exact: false }).first();
  await field.waitFor();
  await field.click({ force: true });
  const listed = await until(async () => {
    const options = await page.getByRole('option').allInnerTexts();
    return options.length >= topics.length && options;
  }, 'the topics in the relation widget');
  assert.deepEqual([...listed].sort(), [...topics].sort());
  await page.close();
});

test('the admin page passes axe as far as portal\'s page goes, at 375 and 1,280 px', async () => {
  for (const width of [375, 1280]) {
    const page = await openAdmin('#/collections/services/entries/wohngeld', width);
    await page.getByLabel('Stand', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, `admin-form-${width}.png`) });
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    // The page portal writes: language, title, viewport that allows zoom.
    const own = ['html-has-lang', 'html-lang-valid', 'document-title', 'meta-viewport', 'meta-refresh'];
    const ours = results.violations.filter((v) => own.includes(v.id));
    assert.deepEqual(ours, [], JSON.stringify(ours, null, 2));
    // The CMS's own interface: reported, not hidden.
    for (const v of results.violations) {
      console.log(`axe (Decap CMS's interface, ${width} px): ${v.id} (${v.impact}) on ${v.nodes.length} element(s): ${v.help}`);
    }
    await page.close();
  }
});

test('a page of another site, a rebound host name and a path out of content/ cannot write', async () => {
  const file = 'content/services/bauantrag.md';
  const before = read(file);
  writeFileSync(path.join(root, 'outside.md'), 'not content\n');
  const port = new URL(origin).port;
  const save = (target) => ({
    action: 'persistEntry',
    params: { dataFiles: [{ path: target, slug: 'x', raw: '---\ntitle: Übernommen\n---\n' }], assets: [] },
  });
  // Another web site the editor has open, posting to the preview: as a
  // simple request (no preflight), as JSON (preflight), and as a form.
  const evil = http.createServer((_, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!DOCTYPE html><html lang="en"><title>x</title><form method="post" enctype="text/plain" action="${origin}/api/v1"><input name='{"action":"persistEntry","x":"' value='"}'></form>`);
  });
  await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const elsewhere = `http://127.0.0.1:${evil.address().port}`;
  // DNS rebinding: a name of the attacker's that resolves to loopback.
  const rebinding = await launchBrowser(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
  try {
    const page = await browser.newPage();
    await page.goto(elsewhere);
    const outcomes = await page.evaluate(async ({ target, body }) => {
      const tries = [
        fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).then((r) => r.type),
        fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then((r) => r.status, (e) => e.name),
      ];
      return Promise.all(tries);
    }, { target: `${origin}/api/v1`, body: JSON.stringify(save(file)) });
    assert.deepEqual(outcomes, ['opaque', 'TypeError']);
    await Promise.all([page.waitForNavigation(), page.evaluate(() => document.forms[0].submit())]);
    assert.match(await page.content(), /not from the preview's own pages: refused|not a request/);
    await page.close();

    const rebound = await rebinding.newPage();
    await rebound.goto(`http://rebind.test:${port}/`);
    const status = await rebound.evaluate(async (body) => {
      const response = await fetch('/api/v1', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      return [response.status, (await response.json()).error];
    }, JSON.stringify(save(file)));
    assert.equal(status[0], 403);
    assert.match(status[1], /names the host `rebind\.test:\d+`/);

    // From the preview's own admin page: paths that leave content/.
    const admin = await openAdmin('');
    for (const target of ['content/../outside.md', '/etc/hostname', 'outside.md']) {
      const answer = await admin.evaluate(async (body) => {
        const response = await fetch('/api/v1', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        return response.status;
      }, JSON.stringify(save(target)));
      assert.equal(answer, 403, target);
    }
    await admin.close();
  } finally {
    await rebinding.close();
    evil.close();
  }
  assert.equal(read(file), before);
  assert.equal(read('outside.md'), 'not content\n');
});

test('no request leaves the preview while the CMS is served from the site', () => {
  assert.deepEqual(foreign, []);
});

test('the configuration a build publishes validates against Sveltia CMS\'s published schema', () => {
  const site = mkdtempSync(path.join(os.tmpdir(), 'portal-admin-build-'));
  try {
    cpSync(path.join(root, 'content'), path.join(site, 'content'), { recursive: true });
    cpSync(path.join(root, 'admin'), path.join(site, 'admin'), { recursive: true });
    const config = path.join(site, 'content', 'site.yaml');
    writeFileSync(
      config,
      withAdmin(
        readFileSync(config, 'utf8'),
        'admin:\n  cms: admin/decap-cms\n  backend:\n    name: gitlab\n    repo: land/portal\n    app_id: demo-app-id\n',
      ),
    );
    const out = path.join(site, 'public');
    const build = spawnSync(BIN, ['build', '--root', site, '--out', out], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const published = YAML.parse(readFileSync(path.join(out, 'admin', 'config.yml'), 'utf8'));
    // Decap's own keys, which Sveltia's schema does not list (Sveltia
    // ignores them): the interface language and the relation's page size.
    // Everything else is the shared format.
    const decapOnly = [];
    delete published.locale;
    decapOnly.push('locale');
    const strip = (node) => {
      if (Array.isArray(node)) node.forEach(strip);
      else if (node && typeof node === 'object') {
        if ('options_length' in node) {
          delete node.options_length;
          if (!decapOnly.includes('options_length')) decapOnly.push('options_length');
        }
        Object.values(node).forEach(strip);
      }
    };
    strip(published);
    assert.deepEqual(decapOnly, ['locale', 'options_length']);
    const schema = JSON.parse(
      readFileSync(path.join(HERE, 'node_modules', '@sveltia', 'cms', 'schema', 'sveltia-cms.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    const validate = ajv.compile(schema);
    const valid = validate(published);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 10), null, 2));
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
