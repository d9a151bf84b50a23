// `pnpm screenshot:dashboard`: regenerates the README's picture of the care dashboard's patient
// view (docs/images/patient-view.png) from the real platform: in-memory PGlite with the demo data,
// the dashboard signed in as the demo clinician, the first patient's 7-day heart-rate chart, in
// Debian's Chromium driven by playwright-core. Needs chromium (`apt-get install -y chromium`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumLaunchOptions } from './support/chromium.ts';
import { chromium } from 'playwright-core';
import { planDemoData, readServiceConfig, SMALL_DEMO } from '@caregraph/platform';
import { startPlatform } from '@caregraph/router/platform';

const ROOT = resolve(import.meta.dirname, '..');
const OUTPUT = join(ROOT, 'docs/images/patient-view.png');
const scratch = mkdtempSync(join(tmpdir(), 'caregraph-screenshot-'));

const platform = await startPlatform(
  readServiceConfig(
    { ...process.env, PORT: '0', PGLITE_DATA_DIR: 'memory', DEMO_DATA: 'true', LOG_LEVEL: 'warn', KEYS_FILE: join(scratch, 'keys.json'), ROUTER_SECRET_FILE: join(scratch, 'router-secret') },
    { port: 0 },
  ),
);
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const origin = platform.url.replace(/\/graphql$/, '');
  // A patient with a pulse oximeter, so the chart shows heart rate (the done-criterion's chart).
  const plan = planDemoData(SMALL_DEMO);
  const clinician = plan.patients[0]!.careTeam[0]!;
  const patient = plan.patients.find(
    (p) => p.careTeam.includes(clinician) && plan.devices.some((d) => d.assignedPatientId === p.id && d.kind === 'PULSE_OXIMETER'),
  )!;
  await page.goto(`${origin}/sign-in?returnTo=${encodeURIComponent(`/patients/${patient.id}?vital=8867-4&range=7d`)}`);
  await page.getByRole('button', { name: /^Clinician/ }).click();
  await page.locator('[data-chart-points]').waitFor();
  await page.waitForTimeout(300); // uPlot draws on the next frame
  await page.screenshot({ path: OUTPUT, fullPage: true });
  console.log(`wrote ${OUTPUT}`);
} finally {
  await browser.close();
  await platform.stop();
}
