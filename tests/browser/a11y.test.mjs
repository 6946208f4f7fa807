// Real-browser accessibility suite (BITV 2.0 / WCAG 2.1 AA) for the built site.
//
//   SITE_DIR=public node --test --test-reporter=tap tests/browser/a11y.test.mjs
//
// Serves SITE_DIR on 127.0.0.1 (random port), finds one page of each page type
// from sitemap.xml and the site itself, and checks each at 375 and 1280 px:
// axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa and best practices) with zero violations, no
// horizontal scrolling, no request to any other host, <html lang> set, no
// script errors, no broken same-site resources. Full-page screenshots go to
// tests/browser/screenshots/<name>-<width>.png. Plus: skip link (keyboard) and
// reflow at 320 px (WCAG 1.4.10, = 1280 px at 400 % zoom).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer } from './server.mjs';
import { PAGE_TYPES, discoverPages, urlToPath } from './site.mjs';
import { launchBrowser } from './browser.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOT_DIR = path.join(HERE, 'screenshots');
const WIDTHS = [375, 1280];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const TEST_TIMEOUT = 90_000;

const SITE_DIR = process.env.SITE_DIR ? path.resolve(process.env.SITE_DIR) : null;

let server;
let browser;
let pages; // discovered page types: [{ name, label, path, error }]

const pageFor = (name) => pages.find((p) => p.name === name);

function requirePath(name) {
  const entry = pageFor(name);
  if (!entry?.path) assert.fail(`cannot find the ${entry?.label ?? name} to test: ${entry?.error ?? 'unknown page type'}`);
  return entry.path;
}

function isLocal(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    return new URL(url).origin === server.origin;
  } catch {
    return false;
  }
}

async function newContext(width, height = 900) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    locale: 'de-DE',
    reducedMotion: 'reduce',
  });
  // Keep the tests offline and fast: anything not on the test server is
  // aborted (and still reported, as the 'request' event fires first).
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  return context;
}

// Opens a page and records everything the checks need.
async function open(context, urlPath) {
  const page = await context.newPage();
  const log = { requests: [], pageErrors: [], badResponses: [] };
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('pageerror', (err) => log.pageErrors.push(err.message.split('\n')[0]));
  page.on('response', (res) => {
    if (res.status() >= 400 && isLocal(res.url()) && res.request() !== log.mainRequest) {
      log.badResponses.push(`${res.status()} ${new URL(res.url()).pathname}`);
    }
  });
  const response = await page.goto(server.origin + urlPath, { waitUntil: 'load' });
  log.mainRequest = response?.request();
  log.status = response?.status();
  await page.evaluate(() => document.fonts?.ready);
  return { page, log };
}

async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const limit = Math.min(window.innerWidth, doc.clientWidth);
    const res = { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, clientWidth: doc.clientWidth, offenders: [] };
    if (doc.scrollWidth <= limit) return res;
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      for (const c of el.classList) s += '.' + c;
      return s;
    };
    const right = (el) => el.getBoundingClientRect().right;
    const overflows = (el) => right(el) > limit + 0.5;
    const chainOf = (el) => {
      const chain = [];
      for (let e = el; e && e !== document.body && chain.length < 4; e = e.parentElement) chain.unshift(describe(e));
      return chain.join(' > ');
    };
    // Boxes that stick out (innermost ones only).
    for (const el of document.body.querySelectorAll('*')) {
      if (res.offenders.length >= 8) break;
      if (!overflows(el) || [...el.children].some(overflows)) continue;
      const r = el.getBoundingClientRect();
      res.offenders.push(`${chainOf(el)} (box right edge at ${Math.round(r.right)}px, width ${Math.round(r.width)}px)`);
    }
    // Text that sticks out of its box (long words without hyphenation).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && res.offenders.length < 12; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.right <= limit + 0.5) continue;
      const word = n.textContent.trim().split(/\s+/).sort((a, b) => b.length - a.length)[0];
      res.offenders.push(`text in ${chainOf(n.parentElement)} reaches ${Math.round(r.right)}px (longest word: "${word.slice(0, 60)}")`);
    }
    return res;
  });
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => {
          const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
          const why = (n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim();
          return `      - ${target}${why ? `\n          ${why.slice(0, 240)}` : ''}`;
        })
        .join('\n');
      const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more` : '';
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n      ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

function overflowProblem(o) {
  return (
    `horizontal scrolling: scrollWidth ${o.scrollWidth}px > viewport ${Math.min(o.innerWidth, o.clientWidth)}px` +
    (o.offenders.length ? `; elements past the right edge:\n${o.offenders.map((x) => `      - ${x}`).join('\n')}` : '')
  );
}

async function checkPage(t, context, type, width) {
  const urlPath = requirePath(type.name);
  t.diagnostic(urlPath);
  const { page, log } = await open(context, urlPath);
  const problems = [];
  try {
    if (log.status !== 200) problems.push(`HTTP status ${log.status} for ${urlPath} (expected 200)`);

    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    if (!lang || !lang.trim()) problems.push('<html> has no lang attribute');

    const overflow = await horizontalOverflow(page);
    if (overflow.scrollWidth > Math.min(overflow.innerWidth, overflow.clientWidth)) problems.push(overflowProblem(overflow));

    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    if (results.violations.length) {
      problems.push(`axe: ${results.violations.length} violation(s):\n${formatViolations(results.violations)}`);
    }

    const external = [...new Set(log.requests.filter((u) => !isLocal(u)))];
    if (external.length) problems.push(`requests to other hosts:\n${external.map((u) => `      - ${u}`).join('\n')}`);
    if (log.pageErrors.length) problems.push(`script errors:\n${log.pageErrors.map((e) => `      - ${e}`).join('\n')}`);
    if (log.badResponses.length) {
      problems.push(`broken same-site resources:\n${[...new Set(log.badResponses)].map((e) => `      - ${e}`).join('\n')}`);
    }

    const shot = path.join(SCREENSHOT_DIR, `${type.name}-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    t.diagnostic(`screenshot: ${shot}`);
  } finally {
    await page.close();
  }
  if (problems.length) {
    assert.fail(`${type.label} ${urlPath} at ${width}px: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  }
}

if (!SITE_DIR) {
  test('SITE_DIR is set', () => {
    assert.fail('SITE_DIR is not set: run as  SITE_DIR=path/to/built/site node --test tests/browser/a11y.test.mjs');
  });
} else {
  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    pages = await discoverPages(SITE_DIR);
    server = await startServer(SITE_DIR);
    browser = await launchBrowser();

    // The legal page: target of the home page footer link "Impressum".
    const context = await newContext(1280);
    try {
      for (const entry of pages.filter((p) => p.footerLink)) {
        const { page } = await open(context, '/');
        const href = await page.evaluate((text) => {
          const links = [...document.querySelectorAll('footer a[href], [role="contentinfo"] a[href]')];
          const hit = links.find((a) => a.textContent.replace(/\s+/g, ' ').trim().toLowerCase() === text.toLowerCase());
          return hit ? hit.href : null;
        }, entry.footerLink);
        await page.close();
        if (!href) entry.error = `the home page footer has no link with the text "${entry.footerLink}"`;
        else entry.path = isLocal(href) ? new URL(href).pathname : await urlToPath(SITE_DIR, href);
      }
    } finally {
      await context.close();
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of WIDTHS) {
    describe(`${width}px`, () => {
      let context;
      before(async () => {
        context = await newContext(width);
      });
      after(async () => {
        await context?.close();
      });

      for (const type of PAGE_TYPES) {
        test(`${type.name} – ${type.label}`, { timeout: TEST_TIMEOUT }, (t) => checkPage(t, context, type, width));
      }

      if (width === 1280) {
        test('skip link: first Tab focuses it, Enter moves focus to the main content', { timeout: TEST_TIMEOUT }, async () => {
          const { page } = await open(context, '/');
          try {
            await page.keyboard.press('Tab');
            const link = await page.evaluate(() => {
              const a = document.activeElement;
              if (!a || a === document.body) return null;
              const r = a.getBoundingClientRect();
              return {
                tag: a.tagName,
                href: a.getAttribute('href'),
                text: a.textContent.trim(),
                visible: r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
                html: a.outerHTML.slice(0, 200),
              };
            });
            assert.ok(link, 'the first Tab press focused nothing');
            assert.ok(
              link.tag === 'A' && link.href?.startsWith('#') && link.href.length > 1,
              `the first Tab press focused ${link.html}, not a skip link (<a href="#…">)`,
            );
            assert.ok(link.visible, `the skip link "${link.text}" is not visible while focused (WCAG 2.4.7)`);
            const id = decodeURIComponent(link.href.slice(1));
            const target = await page.evaluate((id) => {
              const t = document.getElementById(id);
              return t ? t.tagName.toLowerCase() + (t.hasAttribute('tabindex') ? `[tabindex=${t.getAttribute('tabindex')}]` : '') : null;
            }, id);
            assert.ok(target, `the skip link points to #${id}, but no element has id="${id}"`);

            await page.keyboard.press('Enter');
            const focusedInside = await page
              .waitForFunction(
                (id) => {
                  const t = document.getElementById(id);
                  return !!t && (document.activeElement === t || t.contains(document.activeElement));
                },
                id,
                { timeout: 2000 },
              )
              .then(() => true)
              .catch(() => false);
            if (!focusedInside) {
              const active = await page.evaluate(() => {
                const a = document.activeElement;
                if (!a) return 'nothing';
                return `<${a.tagName.toLowerCase()}${a.id ? ` id="${a.id}"` : ''}${a.className ? ` class="${a.className}"` : ''}>`;
              });
              assert.fail(
                `after Enter on the skip link focus is on ${active}, not in #${id} (${target}); ` +
                  'a non-focusable target needs tabindex="-1"',
              );
            }
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  describe('reflow at 320px (= 1280px at 400% zoom, WCAG 1.4.10)', () => {
    let context;
    before(async () => {
      context = await newContext(320, 256);
    });
    after(async () => {
      await context?.close();
    });
    for (const name of ['home', 'leistung', 'fortschritt', 'steuerung', 'person']) {
      const type = PAGE_TYPES.find((t) => t.name === name);
      test(`${type.name} – ${type.label}: no horizontal scrolling`, { timeout: TEST_TIMEOUT }, async (t) => {
        const urlPath = requirePath(name);
        t.diagnostic(urlPath);
        const { page } = await open(context, urlPath);
        try {
          const overflow = await horizontalOverflow(page);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-320.png`), fullPage: true });
          if (overflow.scrollWidth > Math.min(overflow.innerWidth, overflow.clientWidth)) {
            assert.fail(`${type.label} ${urlPath} at 320px: ${overflowProblem(overflow)}`);
          }
        } finally {
          await page.close();
        }
      });
    }
  });

  // Chart text in CSS px at the body's size at both widths, never cut; the
  // text column about 70 characters; the org chart a tree of links; time
  // axes to the build year (the site is built today).
  describe('charts, measure and org chart at 375 and 1280 px', () => {
    for (const width of WIDTHS) {
      describe(`${width}px`, () => {
        let context;
        before(async () => {
          context = await newContext(width);
        });
        after(async () => {
          await context?.close();
        });
        for (const name of ['fortschritt', 'person']) {
          const type = PAGE_TYPES.find((t) => t.name === name);
          test(`${type.label}: chart text within 14–20 px, nothing cut`, { timeout: TEST_TIMEOUT }, async (t) => {
            const urlPath = requirePath(name);
            const { page } = await open(context, urlPath);
            try {
              const texts = await page.evaluate(() => {
                const out = [];
                for (const chart of document.querySelectorAll('.chart')) {
                  const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    if (!n.textContent.trim()) continue;
                    const el = n.parentElement;
                    const box = el.getBoundingClientRect();
                    out.push({
                      text: n.textContent.trim(),
                      // What the reader sees: the font size times the scale of an SVG's viewBox, if any.
                      size: parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM ? el.getScreenCTM().a : 1),
                      cut: el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible',
                      right: box.right,
                    });
                  }
                }
                return { out, width: document.documentElement.clientWidth };
              });
              assert.ok(texts.out.length > 3, `${urlPath} has charts with text`);
              const sizes = texts.out.map((x) => x.size);
              t.diagnostic(`${urlPath}: ${texts.out.length} chart texts, ${Math.min(...sizes).toFixed(1)}–${Math.max(...sizes).toFixed(1)} px`);
              for (const x of texts.out) {
                assert.ok(x.size >= 14 && x.size <= 20, `"${x.text}" is ${x.size.toFixed(1)} px`);
                assert.ok(!x.text.includes('…') && !x.cut, `"${x.text}" is cut`);
                assert.ok(x.right <= texts.width + 8, `"${x.text}" runs out of the page (${Math.round(x.right)} px)`);
              }
              if (name === 'person') {
                const years = await page.locator('.chart__axis-label').allTextContents();
                assert.equal(years.at(-1), String(new Date().getFullYear()), `the time axis ends in the build year: ${years}`);
              }
            } finally {
              await page.close();
            }
          });
        }
        test('news article: the text column holds about 70 characters a line', { timeout: TEST_TIMEOUT }, async (t) => {
          const urlPath = requirePath('artikel');
          const { page } = await open(context, urlPath);
          try {
            // Characters a line = the column's width / the paragraph's mean
            // character width, measured on its own text set in one line.
            const perLine = await page.evaluate(() => {
              const p = [...document.querySelectorAll('.prose p')].sort((a, b) => b.textContent.length - a.textContent.length)[0];
              const text = p.textContent;
              const probe = document.createElement('span');
              probe.textContent = text;
              probe.style.whiteSpace = 'nowrap';
              p.append(probe);
              const mean = probe.getBoundingClientRect().width / text.length;
              probe.remove();
              return p.getBoundingClientRect().width / mean;
            });
            t.diagnostic(`${urlPath}: ${Math.round(perLine)} characters a line at ${width} px`);
            if (width === 1280) assert.ok(perLine >= 60 && perLine <= 80, `${Math.round(perLine)} characters a line`);
            else assert.ok(perLine <= 80, `${Math.round(perLine)} characters a line`);
          } finally {
            await page.close();
          }
        });
        test('governance overview: the org chart is the tree of linked boxes, the state first', { timeout: TEST_TIMEOUT }, async (t) => {
          const urlPath = requirePath('steuerung');
          const { page } = await open(context, urlPath);
          try {
            const boxes = await page.locator('.org .tree__body').count();
            const links = await page.locator('.org .tree__body > a.tree__name[href]').count();
            t.diagnostic(`${urlPath}: ${boxes} boxes, ${links} links`);
            assert.ok(boxes > 3 && links === boxes, `every box links its body (${links} of ${boxes})`);
            const levels = await page.locator('.org__level').allTextContents();
            assert.equal(levels[0], 'Land', `the state's own bodies first: ${levels}`);
            // A child's box sits right of its parent's.
            const shift = await page.evaluate(() => {
              const child = document.querySelector('.org .tree .tree .tree__body');
              const parent = child.closest('ul').closest('li').querySelector('.tree__body');
              return child.getBoundingClientRect().left - parent.getBoundingClientRect().left;
            });
            assert.ok(shift >= 16, `children are indented under their parent (${shift} px)`);
          } finally {
            await page.close();
          }
        });
      });
    }
  });

  describe('phone header: the page starts on the first screen, the menu opens without JavaScript', () => {
    let context;
    before(async () => {
      context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'de-DE', javaScriptEnabled: false });
      await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
    });
    after(async () => {
      await context?.close();
    });
    for (const name of ['home', 'leistung', 'suche', 'artikel']) {
      const type = PAGE_TYPES.find((t) => t.name === name);
      test(`${type.name} – ${type.label}: the h1 starts within 250 px at 375 × 667`, { timeout: TEST_TIMEOUT }, async (t) => {
        const urlPath = requirePath(name);
        const { page } = await open(context, urlPath);
        try {
          const top = await page.evaluate(() => document.querySelector('h1').getBoundingClientRect().top);
          t.diagnostic(`${urlPath}: h1 at ${Math.round(top)} px`);
          assert.ok(top < 250, `${type.label} ${urlPath}: the h1 starts at ${Math.round(top)} px`);
        } finally {
          await page.close();
        }
      });
    }
    test('a service page with an online service shows "Online beantragen" on the first screen', { timeout: TEST_TIMEOUT }, async (t) => {
      const urlPath = requirePath('leistung');
      const { page } = await open(context, urlPath);
      try {
        const start = page.locator('.button--start');
        assert.equal(await start.count(), 1, `${urlPath} has an online service`);
        const bottom = await start.evaluate((el) => el.getBoundingClientRect().bottom);
        t.diagnostic(`${urlPath}: "Online beantragen" ends at ${Math.round(bottom)} px`);
        assert.ok(bottom <= 667, `the primary action ends at ${Math.round(bottom)} px, below the first screen`);
      } finally {
        await page.close();
      }
    });
    test('the menu button opens the navigation by keyboard, with JavaScript off', { timeout: TEST_TIMEOUT }, async () => {
      const { page } = await open(context, requirePath('leistung'));
      try {
        const first = page.locator('.site-menu__list a').first();
        assert.equal(await first.isVisible(), false, 'the navigation starts closed');
        assert.equal(await page.locator('.site-nav').isVisible(), false, 'no second navigation bar on a phone');
        await page.locator('.site-menu__button').focus();
        await page.keyboard.press('Enter');
        assert.equal(await first.isVisible(), true, 'Enter opens it');
        assert.equal(await page.locator('.site-menu__list a').count(), await page.locator('.site-nav__list a').count());
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.closest('.site-menu__list') !== null), true, 'Tab goes into it');
        const overflow = await horizontalOverflow(page);
        assert.ok(overflow.scrollWidth <= overflow.clientWidth, 'no horizontal scrolling with the menu open');
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'menu-open-375.png') });
      } finally {
        await page.close();
      }
    });
  });
}
