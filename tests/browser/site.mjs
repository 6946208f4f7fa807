// Finds the pages to test in a built site folder, from the site itself:
// sitemap.xml (absolute production URLs, mapped back to local paths) plus
// fixed paths checked on disk.

import { promises as fs } from 'node:fs';
import path from 'node:path';

// One representative page per page type. `path` = fixed path that must exist
// on disk; `pattern` = first sitemap entry matching it; `footerLink` = target
// of the home page footer link with that text (resolved in the browser);
// `fileContains` = first sitemap entry whose HTML contains that text.
export const PAGE_TYPES = [
  { name: 'home', label: 'home page', path: '/' },
  { name: 'leistungen', label: 'service catalogue', path: '/leistungen/' },
  { name: 'leistungen-a-z', label: 'services from A to Z', path: '/leistungen/a-z/' },
  { name: 'leistung', label: 'service page', pattern: /^\/leistungen\/(?!seite\/|a-z\/)[^/]+\/$/ },
  { name: 'aktuelles', label: 'news list', path: '/aktuelles/' },
  { name: 'aktuelles-seite-2', label: 'news list page 2', path: '/aktuelles/seite/2/' },
  { name: 'artikel', label: 'news article', pattern: /^\/aktuelles\/\d{4}\/[^/]+\/$/ },
  { name: 'steuerung', label: 'governance overview', path: '/steuerung/' },
  { name: 'gremium', label: 'governance body', pattern: /^\/steuerung\/(?!seite\/)[^/]+\/$/ },
  { name: 'person', label: 'person page', pattern: /^\/personen\/(?!seite\/)[^/]+\/$/ },
  { name: 'themen', label: 'topic list', path: '/themen/' },
  { name: 'thema', label: 'topic page', pattern: /^\/themen\/(?!seite\/)[^/]+\/$/ },
  { name: 'fortschritt', label: 'progress dashboard', path: '/fortschritt/' },
  { name: 'suche', label: 'search page', path: '/suche/' },
  { name: 'impressum', label: 'legal page (footer "Impressum")', footerLink: 'Impressum' },
  { name: 'barrierefreiheit', label: 'accessibility statement (footer link)', footerLink: 'Erklärung zur Barrierefreiheit' },
  { name: 'tabelle', label: 'page with a Markdown table', fileContains: 'class="table-scroll"' },
  { name: '404', label: 'not-found page', path: '/404.html' },
  // The example's further languages: English below /en/, Leichte Sprache below /leichte-sprache/.
  { name: 'en-home', label: 'start page in English', path: '/en/' },
  { name: 'en-leistung', label: 'service page in English', path: '/en/leistungen/wohngeld/' },
  { name: 'en-a-z', label: 'services from A to Z in English', path: '/en/leistungen/a-z/' },
  { name: 'leichte-sprache', label: 'start page in Leichte Sprache', path: '/leichte-sprache/' },
  { name: 'ls-leistung', label: 'service page in Leichte Sprache', path: '/leichte-sprache/leistungen/wohngeld/' },
];

async function exists(p) {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

function decodeXml(s) {
  return s
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

// Local file that serves URL path `p` ('/x/' -> '/x/index.html').
export function fileForPath(siteDir, p) {
  let rel = decodeURIComponent(p);
  if (rel.endsWith('/')) rel += 'index.html';
  return path.join(siteDir, rel);
}

// Maps an absolute production URL (or a path) to a local path. The production
// base URL may carry a path prefix (https://example.de/portal/...), so leading
// segments are stripped until the path exists in the built folder.
export async function urlToPath(siteDir, url) {
  let pathname;
  try {
    pathname = new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    return null;
  }
  const segments = pathname.split('/');
  // segments[0] is '' (leading slash)
  for (let strip = 0; strip < segments.length - 1; strip++) {
    const candidate = '/' + segments.slice(1 + strip).join('/');
    if (await exists(fileForPath(siteDir, candidate))) return candidate;
  }
  return pathname;
}

// All local paths listed in SITE_DIR/sitemap.xml (follows a sitemap index).
export async function sitemapPaths(siteDir, file = 'sitemap.xml', seen = new Set()) {
  const full = path.join(siteDir, file);
  if (seen.has(full)) return [];
  seen.add(full);
  let xml;
  try {
    xml = await fs.readFile(full, 'utf8');
  } catch {
    throw new Error(`sitemap not found: ${full}`);
  }
  const isIndex = /<sitemapindex[\s>]/.test(xml);
  const locs = [...xml.matchAll(/<loc>([\s\S]*?)<\/loc>/g)].map((m) => decodeXml(m[1]));
  const out = [];
  for (const loc of locs) {
    const p = await urlToPath(siteDir, loc);
    if (!p) continue;
    if (isIndex) out.push(...(await sitemapPaths(siteDir, p.replace(/^\//, ''), seen)));
    else out.push(p);
  }
  return [...new Set(out)];
}

// Resolves every page type except footerLink ones. Returns
// [{ ...type, path, error }] where error explains a type that was not found.
export async function discoverPages(siteDir) {
  let listed = null;
  let sitemapError = null;
  try {
    listed = await sitemapPaths(siteDir);
  } catch (err) {
    sitemapError = err.message;
  }
  const result = [];
  for (const type of PAGE_TYPES) {
    const entry = { ...type, path: null, error: null };
    if (type.path) {
      if (await exists(fileForPath(siteDir, type.path))) entry.path = type.path;
      else entry.error = `${type.path} does not exist in ${siteDir} (looked for ${fileForPath(siteDir, type.path)})`;
    } else if (type.pattern) {
      if (!listed) entry.error = sitemapError;
      else {
        entry.path = listed.find((p) => type.pattern.test(p)) ?? null;
        if (!entry.path) entry.error = `no URL in sitemap.xml matches ${type.pattern} (${listed.length} URLs listed)`;
      }
    } else if (type.fileContains) {
      if (!listed) entry.error = sitemapError;
      else {
        for (const p of listed) {
          const html = await fs.readFile(fileForPath(siteDir, p), 'utf8').catch(() => '');
          if (html.includes(type.fileContains)) {
            entry.path = p;
            break;
          }
        }
        if (!entry.path) entry.error = `no page in sitemap.xml contains ${type.fileContains}`;
      }
    }
    result.push(entry);
  }
  return result;
}
