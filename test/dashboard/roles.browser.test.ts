import { describe, expect, it } from 'vitest';
import {
  fullName,
  namesOfOthers,
  patientRowIds,
  signedInSubject,
  signInAs,
  UI_TIMEOUT_MS,
  visibleText,
  useDashboard,
} from '../support/dashboard.ts';

/**
 * Sign in as each demo principal, with the sign-in page's buttons, and read what the dashboard
 * shows: the rows and names it lists are checked against the demo plan (same seed, same ids).
 */
describe('each role sees exactly what it may see (dashboard, in-process platform)', () => {
  const dashboard = useDashboard();

  it('the clinician sees their care team and no one else', async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'clinician');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/patients');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('My patients');

    const clinician = await signedInSubject(page);
    const careTeam = platform.plan.patients.filter((patient) => patient.careTeam.includes(clinician));
    expect(careTeam.length).toBeGreaterThan(0);
    const rows = await patientRowIds(page);
    expect(rows.toSorted()).toEqual(careTeam.map((patient) => patient.id).toSorted());
    const text = await visibleText(page);
    for (const patient of careTeam) expect(text).toContain(fullName(patient));
    for (const name of namesOfOthers(platform.plan, new Set(rows))) expect(text).not.toContain(name);

    await session.screenshot('patients-clinician');
    session.expectNoProblems();
  });

  it("the organization admin sees the organization's patients", async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'orgAdmin');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/patients');
    const rows = await patientRowIds(page);
    const organization = platform.plan.organizations[0]!;
    const ofOrganization = platform.plan.patients.filter((patient) => patient.organizationId === organization.id);
    expect(rows.toSorted()).toEqual(ofOrganization.map((patient) => patient.id).toSorted());
    const text = await visibleText(page);
    for (const name of namesOfOthers(platform.plan, new Set(rows))) expect(text).not.toContain(name);
    // The navigation offers what an administrator has: the fleet besides the patients.
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Patients', 'Devices']);

    await session.screenshot('patients-org-admin');
    session.expectNoProblems();
  });

  it('the analyst sees patients without names: restricted in place, no name anywhere on the page', async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'analyst');
    const { page } = session;
    const rows = await patientRowIds(page);
    expect(rows.length).toBeGreaterThan(0);
    const known = new Set(platform.plan.patients.map((patient) => patient.id));
    for (const id of rows) expect(known).toContain(id);
    // Every row's name cell says restricted, and the page goes on: age bands and vitals are there.
    const nameCells = page.locator('tr[data-patient-id] th');
    await expect(nameCells.locator('[data-field-status="restricted"]').count()).resolves.toBe(rows.length);
    const text = await visibleText(page);
    for (const name of namesOfOthers(platform.plan, new Set())) expect(text).not.toContain(name);
    for (const patient of platform.plan.patients) expect(text).not.toContain(patient.family);
    expect(text).toMatch(/\d+-\d+/); // an age band
    await session.screenshot('patients-analyst');

    // The patient page too: the name and the direct identifiers restricted, the rest shown.
    await nameCells.first().getByRole('link').click();
    await page.locator('[data-panel="demographics"]').waitFor({ timeout: UI_TIMEOUT_MS });
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading.locator('[data-field-status="restricted"]').count()).resolves.toBe(1);
    const demographics = page.locator('[data-panel="demographics"]');
    await expect(demographics.locator('[data-field-status="restricted"]').count()).resolves.toBeGreaterThanOrEqual(1);
    await expect(demographics.innerText()).resolves.toMatch(/Age\s+\d+-\d+/);
    const patientText = await visibleText(page);
    for (const patient of platform.plan.patients) {
      expect(patientText).not.toContain(patient.family);
      expect(patientText).not.toContain(patient.mrn);
      expect(patientText).not.toContain(patient.email);
    }
    await session.screenshot('patient-analyst');
    session.expectNoProblems();
  });

  it("the patient lands on their own record and cannot open another's", async () => {
    const { platform, session } = dashboard;
    const { button } = await signInAs(session, 'patient');
    const { page } = session;
    // The sign-in button names the demo patient; that is who this is.
    const self = platform.plan.patients.find((patient) => button.includes(fullName(patient)))!;
    expect(self, `a demo patient named on the button: ${button}`).toBeDefined();
    expect(new URL(page.url()).pathname).toBe('/me');
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link').allInnerTexts()).resolves.toEqual(['My record']);
    await session.screenshot('my-record-landing');

    // Another patient's address, typed in: no record, and none of that patient's data.
    const other = platform.plan.patients.find((patient) => patient.organizationId === self.organizationId && patient.id !== self.id)!;
    await page.goto(`/patients/${other.id}`);
    const panel = page.locator('[data-panel="patient"]');
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(panel.getAttribute('data-panel-status')).resolves.toMatch(/^(not-found|restricted)$/);
    const text = await visibleText(page);
    for (const value of [fullName(other), other.family, other.mrn, other.email, other.birthDate]) expect(text).not.toContain(value);
    await expect(page.locator('[data-panel="demographics"], [data-panel="devices"], [data-chart-points]').count()).resolves.toBe(0);
    await session.screenshot('patient-other-as-patient');
    session.expectNoProblems();
  });
});
