// Launching Debian's Chromium headless, shared by the tests and Lighthouse.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach the
// internet, which this machine (and CI) cannot.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, ...extraArgs],
      headless: true,
    });
  } catch (err) {
    throw new Error(
      `could not start Chromium at ${CHROMIUM_PATH} (run scripts/install-test-deps.sh, ` +
        `or set CHROMIUM_PATH): ${err.message.split('\n')[0]}`,
    );
  }
}
