import { describe, expect, it } from 'vitest';
import { fullName, patientRowIds, signedInSubject, signInAs, UI_TIMEOUT_MS, useDashboard } from '../support/dashboard.ts';

/**
 * Distributed mode (supergraph.distributed.yaml, one process per subgraph): the devices subgraph's
 * process killed mid-session. The dashboard keeps working on what the other domains answer and
 * says, in the devices panel and the devices column, that that service is unavailable.
 */
describe('the dashboard with the devices subgraph killed (distributed, real processes)', () => {
  const dashboard = useDashboard('distributed');

  it('shows demographics and vitals and marks the devices panel unavailable', async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'clinician');
    const { page } = session;
    const clinician = await signedInSubject(page);
    const patient = platform.plan.patients.find((p) => p.careTeam.includes(clinician) && platform.plan.devices.some((d) => d.assignedPatientId === p.id))!;
    const device = platform.plan.devices.find((d) => d.assignedPatientId === patient.id)!;

    // While every subgraph is up, the devices are there.
    await page.goto(`/patients/${patient.id}`);
    const devices = page.locator('[data-panel="devices"]');
    await devices.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(devices.getAttribute('data-panel-status')).resolves.toBe('ok');
    await expect(devices.innerText()).resolves.toContain(device.serialNumber);
    await page.locator('figure[data-chart-points]').waitFor({ timeout: UI_TIMEOUT_MS });
    await session.screenshot('patient-distributed');

    await platform.kill!('devices');

    await page.reload();
    await page.locator('[data-panel="demographics"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(fullName(patient));
    await expect(page.locator('[data-panel="demographics"]').innerText()).resolves.toContain(patient.mrn);
    await expect(devices.getAttribute('data-panel-status')).resolves.toBe('unavailable');
    await expect(devices.innerText()).resolves.toMatch(/Unavailable/);
    await expect(devices.innerText()).resolves.not.toContain(device.serialNumber);
    // Vitals come from the observations domain, which is up: the latest readings and the chart.
    const latest = page.locator('[data-panel="latest-vitals"]');
    await expect(latest.getAttribute('data-panel-status')).resolves.toBe('ok');
    await expect(latest.innerText()).resolves.toMatch(/\d/);
    const figure = page.locator('figure[data-chart-points]');
    await figure.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(Number(await figure.getAttribute('data-chart-points'))).toBeGreaterThan(0);
    // Only the devices panel says so; the others are answered.
    await expect(page.locator('[data-panel-status="unavailable"]').count()).resolves.toBe(1);
    await session.screenshot('patient-devices-down');

    // The list too: every row with its name and vitals, the devices column unavailable in place.
    await page.getByRole('link', { name: 'My patients' }).click();
    const rows = await patientRowIds(page);
    expect(rows.toSorted()).toEqual(platform.plan.patients.filter((p) => p.careTeam.includes(clinician)).map((p) => p.id).toSorted());
    await expect(page.locator('tr[data-patient-id] td [data-field-status="unavailable"]').count()).resolves.toBe(rows.length);
    await expect(page.locator(`tr[data-patient-id="${patient.id}"] th`).innerText()).resolves.toContain(fullName(patient));
    await session.screenshot('patients-devices-down');
    session.expectNoProblems();
  });
});
