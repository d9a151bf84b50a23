// `pnpm bench:dashboard [--runs N]`: how fast the care dashboard loads on the demo data, in
// Debian's Chromium (playwright-core) against the real platform (in-memory PGlite, in-process mode):
//   - first load: a fresh browser (empty cache) opens /, signs in as the demo clinician (OIDC code +
//     PKCE against the development issuer) and sees the patient table;
//   - patient page: from the table, opens a patient and waits until the 7-day chart is drawn;
//   - patient page, reloaded: the same URL loaded again with a warm HTTP cache.
// Medians of N runs (default 7) go to stdout and bench/results/dashboard-<date>.json. The machine is
// shared and noisy: compare runs made together, never a figure from another day.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumLaunchOptions } from '../../scripts/support/chromium.ts';
import { chromium, type Page } from 'playwright-core';

process.env.LOG_LEVEL ??= 'warn';
const { readServiceConfig } = await import('@caregraph/platform');
const { startPlatform } = await import('@caregraph/router/platform');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs) || 7);
const scratch = mkdtempSync(join(tmpdir(), 'caregraph-bench-dashboard-'));
const platform = await startPlatform(
  readServiceConfig(
    { ...process.env, PGLITE_DATA_DIR: 'memory', DEMO_DATA: 'true', KEYS_FILE: join(scratch, 'keys.json'), ROUTER_SECRET_FILE: join(scratch, 'router-secret') },
    { port: 0 },
  ),
);
const origin = platform.url.replace(/\/graphql$/, '');
const browser = await chromium.launch(chromiumLaunchOptions());

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const chartDrawn = (page: Page) => page.locator('[data-chart-points]:not([data-chart-points="0"])').waitFor();

const samples = { firstLoad: [] as number[], patientPage: [] as number[], patientReload: [] as number[], transferredKiB: [] as number[] };
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', (response) => void response.body().then((body) => (bytes += body.length)).catch(() => undefined));
    samples.firstLoad.push(
      await timed(async () => {
        await page.goto(`${origin}/`);
        await page.getByRole('button', { name: /^Clinician/ }).click();
        await page.locator('tr[data-patient-id]').first().waitFor();
      }),
    );
    samples.patientPage.push(
      await timed(async () => {
        await page.locator('tr[data-patient-id] th a').first().click();
        await chartDrawn(page);
      }),
    );
    samples.transferredKiB.push(bytes / 1024);
    samples.patientReload.push(
      await timed(async () => {
        await page.reload();
        await chartDrawn(page);
      }),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await platform.stop();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const report = {
  at: new Date().toISOString(),
  runs,
  node: process.version,
  medians: {
    firstLoadMs: Math.round(median(samples.firstLoad)),
    patientPageWithChartMs: Math.round(median(samples.patientPage)),
    patientPageReloadMs: Math.round(median(samples.patientReload)),
    transferredKiB: Math.round(median(samples.transferredKiB)),
  },
  samples,
};
console.log(`care dashboard on the demo data, median of ${runs} runs (Chromium, headless, loopback):`);
console.log(`  first load (empty cache, sign in as the demo clinician, patient table): ${report.medians.firstLoadMs} ms`);
console.log(`  patient page with the 7-day chart (from the table):                   ${report.medians.patientPageWithChartMs} ms`);
console.log(`  patient page reloaded (warm cache, chart drawn):                      ${report.medians.patientPageReloadMs} ms`);
console.log(`  response bytes the page read (first load + patient page, cache hits too): ${report.medians.transferredKiB} KiB`);
const out = resolve(import.meta.dirname, '../results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `dashboard-${report.at.slice(0, 10)}.json`), `${JSON.stringify(report, null, 2)}\n`);
