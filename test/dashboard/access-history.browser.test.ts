import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoPatient } from '@caregraph/platform';
import { fullName, namesOfOthers, signedInSubject, signInAs, UI_TIMEOUT_MS, useDashboard, visibleText } from '../support/dashboard.ts';

interface ShownEvent {
  /** The row's outcome (data-outcome) and the badge a user reads. */
  outcome: string;
  badge: string;
  /** The actor in full (a UUID is shown shortened, in full on hover). */
  actor: string;
}

/** The audit trail's rows as shown. */
function auditRows(page: Page): Promise<ShownEvent[]> {
  return page.locator('tr[data-audit-event]').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      const actor = cells[2]?.querySelector('code');
      return { outcome: row.getAttribute('data-outcome') ?? '', badge: cells[1]?.textContent?.trim() ?? '', actor: actor?.getAttribute('title') ?? actor?.textContent ?? '' };
    }),
  );
}

/** Waits for the trail's answer (its status line says how many events the page shows) and returns that line. */
async function trailStatus(page: Page): Promise<string> {
  const status = page.locator('[data-panel="audit-events"] [role="status"]');
  await status.waitFor({ timeout: UI_TIMEOUT_MS });
  return status.innerText();
}

/**
 * Who looked at what, as the people concerned read it: the patient's access log on My record and
 * the auditor's trail. What they read is made first by others, each in a browser of their own: the
 * clinician opens the demo patient's record; the demo patient opens the audit trail's address,
 * which the access policy refuses them (a denial in their organization's trail).
 */
describe("the patient's access log and the auditor's trail (in-process platform)", () => {
  const dashboard = useDashboard();
  let self: DemoPatient;
  let clinician: string;
  let patientSubject: string;

  beforeAll(async () => {
    const { platform } = dashboard;
    const [clinicianSession, patientSession] = await Promise.all([dashboard.another(), dashboard.another()]);
    try {
      // The demo patient: the one the patient's sign-in button names.
      const { button } = await signInAs(patientSession, 'patient');
      self = platform.plan.patients.find((patient) => button.includes(fullName(patient)))!;
      expect(self, `a demo patient named on the button: ${button}`).toBeDefined();
      patientSubject = await signedInSubject(patientSession.page);
      // The trail is the auditors': a patient following a link to it gets it marked restricted.
      await patientSession.page.goto('/audit');
      await patientSession.page.locator('[data-panel="audit-events"][data-panel-status="restricted"]').waitFor({ timeout: UI_TIMEOUT_MS });
      await expect(patientSession.page.locator('tr[data-audit-event]').count()).resolves.toBe(0);
      await patientSession.screenshot('audit-as-patient');

      await signInAs(clinicianSession, 'clinician');
      clinician = await signedInSubject(clinicianSession.page);
      expect(self.careTeam, 'the demo patient is in the demo clinician’s care team').toContain(clinician);
      await clinicianSession.page.locator(`tr[data-patient-id="${self.id}"]`).getByRole('link').click();
      await clinicianSession.page.locator('[data-panel="demographics"]').waitFor({ timeout: UI_TIMEOUT_MS });
      for (const other of [clinicianSession, patientSession]) other.expectNoProblems();
    } finally {
      await Promise.all([clinicianSession.close(), patientSession.close()]);
    }
  });

  it('My record: the patient sees their own record, vitals, devices, chart, and who looked at it', async () => {
    const { platform, session } = dashboard;
    await signInAs(session, 'patient');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/me');
    await page.locator('[data-panel="about-me"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`My record: ${fullName(self)}`);
    const about = await page.locator('[data-panel="about-me"]').innerText();
    for (const value of [self.mrn, self.birthDate, self.email]) expect(about).toContain(value);
    const devices = await page.locator('[data-panel="devices"]').innerText();
    for (const device of platform.plan.devices.filter((d) => d.assignedPatientId === self.id)) expect(devices).toContain(device.serialNumber);
    await expect(page.locator('[data-panel="latest-vitals"]').innerText()).resolves.toMatch(/\d/);
    const figure = page.locator('figure[data-chart-points]');
    await figure.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(Number(await figure.getAttribute('data-chart-points'))).toBeGreaterThan(0);

    // The access log: the clinician's read of the record, and the patient's own ("You").
    const log = page.locator('[data-panel="access-log"] tr[data-access-event]');
    await log.first().waitFor({ timeout: UI_TIMEOUT_MS });
    const who = await log.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[0]?.textContent ?? ''));
    expect(who.some((text) => text.startsWith('Clinician') && text.includes(clinician))).toBe(true);
    expect(who).toContain('You');

    // Nobody else's record on the page.
    const text = await visibleText(page);
    for (const name of namesOfOthers(platform.plan, new Set([self.id]))) expect(text).not.toContain(name);
    for (const patient of platform.plan.patients.filter((p) => p.id !== self.id)) expect(text).not.toContain(patient.mrn);
    await session.screenshot('my-record');
    session.expectNoProblems();
  });

  it('Audit: the auditor filters by outcome Denied and sees only denied events, then narrows to one actor', async () => {
    const { session } = dashboard;
    await signInAs(session, 'auditor');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/audit');
    await trailStatus(page);
    const all = await auditRows(page);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((row) => row.outcome === 'SUCCESS')).toBe(true);
    // The API gives no integrity verdict yet: the view says so instead of implying one.
    await expect(page.getByRole('complementary', { name: 'Integrity verification' }).innerText()).resolves.toMatch(/pnpm audit:verify/);
    await session.screenshot('audit-trail');

    await page.getByLabel('Outcome').selectOption({ label: 'Denied' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('outcome') === 'DENIED', { timeout: UI_TIMEOUT_MS });
    // Until the filtered answer arrives the page still shows the rows it had (see the report on
    // AuditTrail): wait for the rows to change, then read them.
    const onlyDenied = (rows: ShownEvent[]) => rows.length > 0 && rows.every((row) => row.outcome === 'DENIED');
    await expect.poll(async () => onlyDenied(await auditRows(page)), { timeout: UI_TIMEOUT_MS }).toBe(true);
    await expect(trailStatus(page)).resolves.toMatch(/events? on this page, newest first, filtered\.$/);
    const denied = await auditRows(page);
    for (const row of denied) expect(row).toMatchObject({ outcome: 'DENIED', badge: 'Denied' });
    // The patient's try at the trail is there.
    expect(denied.map((row) => row.actor)).toContain(patientSubject);
    await session.screenshot('audit-trail-denied');

    // An actor's link narrows the trail to them, the outcome filter kept.
    await page.getByRole('link', { name: patientSubject, exact: true }).first().click();
    await page.waitForURL((url) => url.searchParams.get('actor') === patientSubject && url.searchParams.get('outcome') === 'DENIED', { timeout: UI_TIMEOUT_MS });
    await expect.poll(async () => (await auditRows(page)).every((row) => row.actor === patientSubject && row.outcome === 'DENIED'), { timeout: UI_TIMEOUT_MS }).toBe(true);
    await expect(page.getByLabel('Actor').inputValue()).resolves.toBe(patientSubject);
    await expect(page.locator('tr[data-audit-event]').first().innerText()).resolves.toMatch(/Refused[\s\S]*Denied[\s\S]*Patient/);
    await session.screenshot('audit-trail-denied-patient');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL((url) => !url.searchParams.has('outcome') && !url.searchParams.has('actor'), { timeout: UI_TIMEOUT_MS });
    await expect.poll(async () => (await auditRows(page)).some((row) => row.outcome === 'SUCCESS'), { timeout: UI_TIMEOUT_MS }).toBe(true);
    session.expectNoProblems();
  });
});
