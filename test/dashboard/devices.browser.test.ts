import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoPatient } from '@caregraph/platform';
import { fullName, signInAs, UI_TIMEOUT_MS, useDashboard, visibleText } from '../support/dashboard.ts';

/** Signs in as the organization's administrator and opens Devices from the navigation. */
async function openFleet(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Devices' }).click();
  await page.waitForURL((url) => url.pathname === '/devices', { timeout: UI_TIMEOUT_MS });
  await page.locator('tr[data-device-id]').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The fleet's row for the device with this serial number. */
function rowOf(page: Page, serialNumber: string): Locator {
  return page.locator('tr[data-device-id]').filter({ has: page.locator(`code:text-is("${serialNumber}")`) });
}

/** What the fleet's live region last said (registrations, assignments). */
function announcement(page: Page): Locator {
  return page.locator('#fleet-announcement');
}

/**
 * The Devices view, as the organization's administrator uses it: the fleet of the demo plan, then
 * a device registered, assigned to a patient found by MRN and unassigned, each confirmed in a dialog.
 */
describe('the device fleet (in-process platform)', () => {
  const dashboard = useDashboard();

  it("lists the organization's devices with model, firmware and assigned patient, and nobody else's", async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'orgAdmin');
    const { page } = session;
    await openFleet(page);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Devices');

    const organization = platform.plan.organizations[0]!;
    const fleet = platform.plan.devices.filter((device) => device.organizationId === organization.id);
    const rows = await page.locator('tr[data-device-id]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-device-id')));
    expect(rows.toSorted()).toEqual(fleet.map((device) => device.id).toSorted());
    for (const device of fleet) {
      const row = await page.locator(`tr[data-device-id="${device.id}"]`).innerText();
      expect(row).toContain(device.serialNumber);
      expect(row).toContain(device.model);
      expect(row).toContain(device.firmwareVersion);
      const assigned = platform.plan.patients.find((patient) => patient.id === device.assignedPatientId);
      expect(row).toContain(assigned ? fullName(assigned) : 'Unassigned');
    }
    const text = await visibleText(page);
    for (const device of platform.plan.devices.filter((d) => d.organizationId !== organization.id)) expect(text).not.toContain(device.serialNumber);
    await expect(page.locator('.firmware-summary summary').innerText()).resolves.toMatch(/^Firmware in the fleet: \d+ models?/);
    await session.screenshot('devices-fleet');
    session.expectNoProblems();
  });

  it('registers a device, assigns it to a patient found by MRN and unassigns it, each after a confirmation', async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'orgAdmin');
    const { page } = session;
    await openFleet(page);
    const organization = platform.plan.organizations[0]!;
    const patient: DemoPatient = platform.plan.patients.find((p) => p.organizationId === organization.id)!;
    const serial = 'SN-E2E-0001';

    // Register.
    await page.getByText('Register a device').click();
    await page.getByLabel('Kind').selectOption({ label: 'Blood pressure monitor' });
    await page.getByLabel('Serial number').fill(serial);
    await page.getByLabel('Model').fill('PressureTrack E2E');
    await page.getByLabel('Manufacturer').fill('Acme Medical');
    await page.getByLabel('Firmware version').fill('9.9.1');
    await page.getByRole('button', { name: 'Register device' }).click();
    await expect.poll(() => announcement(page).innerText(), { timeout: UI_TIMEOUT_MS }).toMatch(`Registered Blood pressure monitor ${serial}: active and unassigned`);
    await rowOf(page, serial).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(rowOf(page, serial).innerText()).resolves.toMatch(/Active[\s\S]*Unassigned/);

    // The same serial again: refused at that input, what was typed kept.
    await page.getByLabel('Serial number').fill(serial);
    await page.getByRole('button', { name: 'Register device' }).click();
    const refusal = page.locator('.register-form [data-field-error]');
    await refusal.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(refusal.innerText()).resolves.toMatch(/^Serial number /);
    await expect(page.getByLabel('Serial number').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Serial number').inputValue()).resolves.toBe(serial);
    await expect(page.locator('tr[data-device-id]').filter({ has: page.locator(`code:text-is("${serial}")`) }).count()).resolves.toBe(1);
    await session.screenshot('devices-register-refused');

    // Assign: an MRN nobody has first, then the patient's; nothing changes before the confirmation.
    await announcement(page).getByRole('button', { name: 'Assign it now…' }).click();
    const assign = page.getByRole('dialog', { name: `Assign Blood pressure monitor ${serial}` });
    await assign.waitFor({ timeout: UI_TIMEOUT_MS });
    await assign.getByLabel('Patient MRN').fill('MRN-9-99999');
    await assign.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => assign.getByRole('alert').innerText(), { timeout: UI_TIMEOUT_MS }).toBe('No patient of your organization has the MRN MRN-9-99999.');
    await assign.getByLabel('Patient MRN').fill(patient.mrn);
    await assign.getByRole('button', { name: 'Find' }).click();
    const confirmAssign = assign.getByRole('button', { name: `Assign to ${fullName(patient)}` });
    await confirmAssign.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(assign.innerText()).resolves.toContain(`${fullName(patient)} (MRN ${patient.mrn})`);
    await expect(rowOf(page, serial).innerText()).resolves.toContain('Unassigned');
    await session.screenshot('devices-assign-dialog');
    await confirmAssign.click();
    await expect.poll(() => announcement(page).innerText(), { timeout: UI_TIMEOUT_MS }).toMatch(`Assigned Blood pressure monitor ${serial} to ${fullName(patient)}.`);
    await expect(assign.count()).resolves.toBe(0);
    await expect.poll(() => rowOf(page, serial).innerText(), { timeout: UI_TIMEOUT_MS }).toContain(fullName(patient));

    // The patient's page lists it now.
    await rowOf(page, serial).getByRole('link', { name: fullName(patient) }).click();
    await page.waitForURL((url) => url.pathname === `/patients/${patient.id}`, { timeout: UI_TIMEOUT_MS });
    await expect.poll(() => page.locator('[data-panel="devices"]').innerText(), { timeout: UI_TIMEOUT_MS }).toContain(serial);
    await page.goBack();
    await rowOf(page, serial).waitFor({ timeout: UI_TIMEOUT_MS });

    // Unassign: cancelled once (nothing changes), then confirmed.
    const unassignButton = rowOf(page, serial).getByRole('button', { name: `Unassign… ${serial}` });
    const unassign = page.getByRole('dialog', { name: `Unassign Blood pressure monitor ${serial}` });
    await unassignButton.click();
    await expect(unassign.innerText()).resolves.toContain(fullName(patient));
    await unassign.getByRole('button', { name: 'Cancel' }).click();
    await expect(unassign.count()).resolves.toBe(0);
    await expect(rowOf(page, serial).innerText()).resolves.toContain(fullName(patient));
    await unassignButton.click();
    await unassign.getByRole('button', { name: 'Unassign', exact: true }).click();
    await expect.poll(() => announcement(page).innerText(), { timeout: UI_TIMEOUT_MS }).toMatch(`Unassigned Blood pressure monitor ${serial} from ${fullName(patient)}.`);
    await expect.poll(() => rowOf(page, serial).innerText(), { timeout: UI_TIMEOUT_MS }).toContain('Unassigned');
    await session.screenshot('devices-unassigned');
    session.expectNoProblems();
  });
});
