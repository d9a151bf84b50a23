import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectOwnOriginCsp,
  patientRowIds,
  signedInSubject,
  signInAs,
  UI_TIMEOUT_MS,
  untilSignedIn,
  useDashboard,
  visibleText,
  webStorage,
} from '../support/dashboard.ts';
import { tokenFor } from '../support/tokens.ts';

/** How many entries the tab's history has (what Back could return to). */
function historyLength(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
}

/**
 * The session as a user has it: where the token lives and when it is gone, sign-in with a token
 * in the address, and the page's own protections (its CSP, nothing loaded from elsewhere).
 */
describe('the dashboard session (in-process platform)', () => {
  const dashboard = useDashboard();
  let clinicianToken: string;
  let clinician: string;
  beforeAll(async () => {
    const { platform } = dashboard;
    const organization = platform.plan.organizations[0]!;
    clinician = platform.plan.patients.find((patient) => patient.organizationId === organization.id)!.careTeam[0]!;
    clinicianToken = await tokenFor({ role: 'clinician', sub: clinician, org: organization.id, mfa: true });
  });

  it('keeps the token in sessionStorage only, and signing out forgets it', async () => {
    const { session } = dashboard;
    const { page } = session;
    await signInAs(session, 'clinician');
    await patientRowIds(page);
    const signedIn = await webStorage(page);
    expect(Object.keys(signedIn.session).length).toBeGreaterThan(0);
    expect(signedIn.local).toEqual({});

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
    await expect(page.getByRole('status').innerText()).resolves.toBe('You are signed out.');
    await expect(webStorage(page)).resolves.toEqual({ session: {}, local: {} });
    await session.screenshot('signed-out');

    // Nothing left to sign in with: a view's address, even reloaded, asks to sign in again.
    await page.goto('/patients');
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/patients');
    await expect(page.locator('tr[data-patient-id]').count()).resolves.toBe(0);
    session.expectNoProblems();
  });

  it('a shared address survives the sign-in: the view opens after it', async () => {
    const { platform, session } = dashboard;
    const { page } = session;
    const patient = platform.plan.patients.find((p) => p.careTeam.includes(clinician))!;
    await page.goto(`/patients/${patient.id}?range=24h`);
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: /^Clinician\b/ }).click();
    await untilSignedIn(page);
    const url = new URL(page.url());
    expect(`${url.pathname}${url.search}`).toBe(`/patients/${patient.id}?range=24h`);
    await page.locator('[data-panel="demographics"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect(page.locator('[data-panel="demographics"]').innerText()).resolves.toContain(patient.mrn);
    session.expectNoProblems();
  });

  it('signs in with #token=, and takes the token out of the address at once', async () => {
    const { platform, session } = dashboard;
    const { page } = session;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const entriesBefore = await historyLength(page);
    // As soon as the document has loaded (its module script has run), before anything else.
    await page.goto(`/patients#token=${clinicianToken}`, { waitUntil: 'domcontentloaded' });
    expect(page.url()).toBe(`${platform.origin}/patients`);
    // Replaced, not pushed: no history entry keeps the address with the token.
    await expect(historyLength(page)).resolves.toBe(entriesBefore + 1);
    await untilSignedIn(page);
    await expect(page.getByTestId('signed-in-as').innerText()).resolves.toContain('(token from the URL)');
    expect(await signedInSubject(page)).toBe(clinician);
    const rows = await patientRowIds(page);
    expect(rows.toSorted()).toEqual(platform.plan.patients.filter((p) => p.careTeam.includes(clinician)).map((p) => p.id).toSorted());
    expect(page.url()).not.toContain(clinicianToken);
    for (const url of requested) expect(url).not.toContain(clinicianToken);
    await expect(webStorage(page).then((storage) => storage.local)).resolves.toEqual({});
    await session.screenshot('token-sign-in');
    session.expectNoProblems();
  });

  it('rejects a malformed token with a message, and keeps nothing of it', async () => {
    const { session } = dashboard;
    const { page } = session;
    await page.goto('/#token=not.a-jwt');
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain('not.a-jwt');
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/token in the address was not accepted/);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
    await expect(webStorage(page)).resolves.toEqual({ session: {}, local: {} });
    await session.screenshot('token-rejected');
    session.expectNoProblems();
  });

  it('a token the API refuses (its signature altered) ends the session with a message, showing no data', async () => {
    const { platform, session } = dashboard;
    const { page } = session;
    const forged = `${clinicianToken.slice(0, -6)}${clinicianToken.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    await page.goto(`/patients#token=${forged}`);
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/session has ended/);
    await expect(webStorage(page)).resolves.toEqual({ session: {}, local: {} });
    await expect(page.locator('tr[data-patient-id]').count()).resolves.toBe(0);
    const text = await visibleText(page);
    for (const patient of platform.plan.patients) expect(text).not.toContain(patient.mrn);
    // The browser reports the API's 401 on the console; that one is expected here, nothing else.
    session.expectNoProblems((problem) => problem.kind === 'console-error' && /status of 401/.test(problem.text));
  });

  it('serves every view under a CSP of its own origin only, loads nothing from elsewhere, and breaks none of it', async () => {
    const { platform, session } = dashboard;
    const { page } = session;
    const { response } = await signInAs(session, 'clinician');
    expectOwnOriginCsp(response?.headers()['content-security-policy']);
    await patientRowIds(page);
    // A view opened by its address gets the same page and header.
    const patient = platform.plan.patients.find((p) => p.careTeam.includes(clinician))!;
    const direct = await page.goto(`/patients/${patient.id}`);
    expectOwnOriginCsp(direct?.headers()['content-security-policy']);
    await page.locator('[data-chart-points]').waitFor({ timeout: UI_TIMEOUT_MS });
    // No inline script or style element for the CSP to have to allow.
    await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
    await expect(page.locator('style').count()).resolves.toBe(0);
    const scripts = await page.locator('script[src], link[rel="stylesheet"]').evaluateAll((elements) =>
      elements.map((element) => new URL(element.getAttribute('src') ?? element.getAttribute('href') ?? '', element.baseURI).origin),
    );
    expect(new Set(scripts)).toEqual(new Set([platform.origin]));
    session.expectNoProblems();
  });
});
