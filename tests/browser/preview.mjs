// Starting `portal serve` for the browser tests: over a copy of the
// example's content in a temporary folder, on a free loopback port, with a
// browser to look at it.

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/// `portal serve` over `root`, with its origin once it prints the address
/// it serves.
function startPreview(bin, root) {
  const server = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const origin = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`portal serve did not start: ${out}`)), 60_000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { server, origin };
}

/// The preview of a copy of the example's content/ (changed by `prepare`,
/// given the copy's root, before the preview starts), and a browser.
/// `close()` stops both and removes the copy.
export async function previewOfExample(bin, { prefix, prepare = () => {} }) {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
  prepare(root);
  const { server, origin } = startPreview(bin, root);
  const preview = { root, server, origin: await origin, browser: await launchBrowser() };
  preview.close = async () => {
    await preview.browser?.close();
    server.kill();
    rmSync(root, { recursive: true, force: true });
  };
  return preview;
}
