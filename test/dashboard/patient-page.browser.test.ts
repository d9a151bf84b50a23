import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoPatient } from '@caregraph/platform';
import { fullName, patientRowIds, signedInSubject, signInAs, UI_TIMEOUT_MS, useDashboard } from '../support/dashboard.ts';

/** The chart's figure once it has drawn (the chart says how many points it drew). */
async function chartPoints(page: Page): Promise<number> {
  const figure = page.locator('figure[data-chart-points]');
  await figure.waitFor({ timeout: UI_TIMEOUT_MS });
  return Number(await figure.getAttribute('data-chart-points'));
}

/** Clicks a button of the chart's toolbar group ("Vital", "Time range") and waits for the chart drawn for it. */
async function choose(page: Page, group: 'Vital' | 'Time range', button: string): Promise<void> {
  const choice = page.getByRole('group', { name: group }).getByRole('button', { name: button, exact: true });
  await choice.click();
  await expect.poll(() => choice.getAttribute('aria-pressed'), { timeout: UI_TIMEOUT_MS }).toBe('true');
  await page.locator('figure[data-chart-points]').waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The chart's legend, as uPlot draws it under the canvas: what a user reads to tell the lines apart. */
function legend(page: Page): Promise<string> {
  return page.locator('figure[data-chart-points] .u-legend').innerText();
}

/**
 * The patient view, as a clinician opens it from their list: the record, devices and latest vitals
 * of the demo plan, and the vitals chart over the ranges the toolbar offers.
 */
describe('the patient page (in-process platform)', () => {
  const dashboard = useDashboard();

  /** Signs in as the clinician and opens, from the list, their patient with a blood pressure monitor. */
  async function openPatientWithBloodPressure(): Promise<{ page: Page; patient: DemoPatient; clinician: string }> {
    const { platform, session } = dashboard;
    await signInAs(session, 'clinician');
    const { page } = session;
    const clinician = await signedInSubject(page);
    await patientRowIds(page);
    const patient = platform.plan.patients.find(
      (p) => p.careTeam.includes(clinician) && platform.plan.devices.some((d) => d.assignedPatientId === p.id && d.kind === 'BLOOD_PRESSURE_MONITOR'),
    )!;
    expect(patient, 'a care-team patient with a blood pressure monitor in the demo plan').toBeDefined();
    await page.locator(`tr[data-patient-id="${patient.id}"]`).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/patients/${patient.id}`, { timeout: UI_TIMEOUT_MS });
    await page.locator('[data-panel="demographics"]').waitFor({ timeout: UI_TIMEOUT_MS });
    return { page, patient, clinician };
  }

  it("shows the patient's record, care team, devices and latest vitals, blood pressure as one reading", async () => {
    const { platform, session } = dashboard;
    const { page, patient, clinician } = await openPatientWithBloodPressure();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(fullName(patient));
    const demographics = await page.locator('[data-panel="demographics"]').innerText();
    for (const value of [patient.mrn, patient.birthDate, patient.email, patient.phone, patient.sex.toLowerCase()]) expect(demographics).toContain(value);
    await expect(page.locator('[data-panel="care-team"]').innerText()).resolves.toContain(clinician);

    const devices = page.locator('[data-panel="devices"]');
    await expect(devices.getAttribute('data-panel-status')).resolves.toBe('ok');
    const devicesText = await devices.innerText();
    for (const device of platform.plan.devices.filter((d) => d.assignedPatientId === patient.id)) {
      expect(devicesText).toContain(device.serialNumber);
      expect(devicesText).toContain(device.model);
      expect(devicesText).toContain(device.firmwareVersion);
    }

    const latest = await page.locator('[data-panel="latest-vitals"]').innerText();
    expect(latest).toMatch(/Blood pressure\s+\d+\/\d+ mmHg/);
    expect(latest).not.toMatch(/Systolic|Diastolic/); // one reading, not two
    await expect(page.locator('[data-field-status]').count()).resolves.toBe(0); // nothing restricted for the care team
    await session.screenshot('patient-clinician');
    session.expectNoProblems();
  });

  it('charts 7 days by default with data points; blood pressure draws systolic and diastolic together', async () => {
    const { session } = dashboard;
    const { page } = await openPatientWithBloodPressure();
    const ranges = page.getByRole('group', { name: 'Time range' });
    await expect(ranges.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await chartPoints(page)).toBeGreaterThan(0);

    await choose(page, 'Vital', 'Blood pressure');
    expect(await chartPoints(page)).toBeGreaterThan(0);
    const text = await legend(page);
    expect(text).toMatch(/Systolic mean/);
    expect(text).toMatch(/Diastolic mean/);
    await expect(page.locator('figure[data-chart-points] figcaption').innerText()).resolves.toMatch(/^Blood pressure \(mmHg\)/);
    // The choice is in the address: the view can be shared as it is.
    expect(new URL(page.url()).searchParams.get('vital')).toBe('blood-pressure');
    await session.screenshot('patient-chart-blood-pressure-7d');

    await choose(page, 'Vital', 'Heart rate');
    expect(await chartPoints(page)).toBeGreaterThan(0);
    await expect(page.locator('figure[data-chart-points] figcaption').innerText()).resolves.toMatch(/^Heart rate/);
    await session.screenshot('patient-chart-heart-rate-7d');
    session.expectNoProblems();
  });

  it('charts the other ranges: 24 h with each reading, 30 days', async () => {
    const { session } = dashboard;
    const { page } = await openPatientWithBloodPressure();
    await choose(page, 'Vital', 'Blood pressure');
    await choose(page, 'Time range', '24 h');
    expect(new URL(page.url()).searchParams.get('range')).toBe('24h');
    expect(await chartPoints(page)).toBeGreaterThan(0);
    await expect(page.locator('figure[data-chart-points] figcaption').innerText()).resolves.toMatch(/with each reading/);
    await expect(legend(page)).resolves.toMatch(/Systolic reading[\s\S]*Diastolic reading/);
    await session.screenshot('patient-chart-blood-pressure-24h');

    await choose(page, 'Time range', '30 days');
    expect(await chartPoints(page)).toBeGreaterThan(0);
    await expect(page.locator('figure[data-chart-points] figcaption').innerText()).resolves.not.toMatch(/with each reading/);
    await session.screenshot('patient-chart-blood-pressure-30d');
    session.expectNoProblems();
  });
});
