import type { LaunchOptions } from 'playwright-core';

/**
 * Chromium as Debian ships it (Playwright cannot download its own browsers here), for the browser
 * tests, `pnpm screenshot:dashboard` and `pnpm bench:dashboard`. These flags keep it from calling
 * home (updates, sync, field trials, QUIC probes), so any request to another origin is the page's.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // run as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to drive: env `CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Headless Chromium's launch options. */
export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS };
}
