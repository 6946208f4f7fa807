// Starting `portal serve` for the browser tests: on a free loopback port,
// resolved with its origin once it prints the address it serves.

import { spawn } from 'node:child_process';

export function startPreview(bin, root) {
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
