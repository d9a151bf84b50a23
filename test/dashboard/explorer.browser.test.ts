import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession, type PageProblem, type TestBrowser } from '../support/browser.ts';
import { signInAs, startDashboardPlatform, UI_TIMEOUT_MS, untilSignedIn, webStorage, type DashboardPlatform } from '../support/dashboard.ts';
import { tokenFor } from '../support/tokens.ts';

const QUERY = '{ vitalSignCodes { code } }';
/** Where the explorer keeps its own development sign-in (dashboard/src/explorer/dev-sign-in.ts). */
const EXPLORER_SESSION_KEY = 'caregraph.explorer.session';
/** The keys whose values are tokens by design: the dashboard's session and the explorer's. */
const TOKEN_KEYS = ['caregraph.session', EXPLORER_SESSION_KEY];

/** GraphiQL's editors (Monaco): the operation, the open tool below it (headers), and the result. */
const operationEditor = (page: Page) => page.locator('.graphiql-query-editor .view-lines');
const headersEditor = (page: Page) => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines');
const resultPane = (page: Page) => page.locator('.result-window');

/** What an editor shows (Monaco draws spaces as no-break spaces). */
async function textOf(editor: ReturnType<typeof operationEditor>): Promise<string> {
  return (await editor.innerText()).replace(/\u00a0/g, ' ');
}

/** Opens /graphql and waits for GraphiQL's editors (Monaco loads after the page). */
async function openExplorer(page: Page): Promise<void> {
  const response = await page.goto('/graphql');
  expect(response?.status()).toBe(200);
  await operationEditor(page).waitFor({ timeout: UI_TIMEOUT_MS });
  await headersEditor(page).waitFor({ timeout: UI_TIMEOUT_MS });
}

/**
 * Replaces an editor's text as a user would type it. Monaco closes brackets and quotes as they are
 * typed; whatever it added after the cursor is deleted.
 */
async function typeInto(page: Page, editor: ReturnType<typeof operationEditor>, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+ControlOrMeta+End');
  await page.keyboard.press('Delete');
}

/** Runs the operation (the toolbar's run button) and waits for the API's answer (`expected` in it) in the result pane. */
async function run(page: Page, expected = '"vitalSignCodes"'): Promise<string> {
  const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST' && !response.request().postData()?.includes('IntrospectionQuery'));
  await page.locator('.graphiql-execute-button').click();
  await answered;
  await expect.poll(() => textOf(resultPane(page)), { timeout: UI_TIMEOUT_MS }).toContain(expected);
  return textOf(resultPane(page));
}

/** The explorer's development sign-in bar, above GraphiQL. */
const signInBar = (page: Page) => page.getByRole('navigation', { name: 'Development sign-in' });

/** Nothing GraphiQL keeps (tabs, history) holds the token; localStorage holds nothing at all. */
async function expectTokenStoredNowhereElse(page: Page, token: string): Promise<void> {
  const { session, local } = await webStorage(page);
  expect(local).toEqual({});
  for (const [key, value] of Object.entries(session)) {
    if (!TOKEN_KEYS.includes(key)) expect(value, key).not.toContain(token);
  }
  expect(Object.keys(session).some((key) => key.startsWith('graphiql:'))).toBe(true);
}

/**
 * GraphiQL served by the router at /graphql, in Chromium, against the platform as `pnpm start`
 * runs it: everything from this origin (no request anywhere else, no CSP violation), the token in
 * the headers editor, and the answer in the result pane.
 */
describe('the GraphQL explorer at /graphql, in a browser (in-process platform, development)', () => {
  let platform: DashboardPlatform;
  let browser: TestBrowser;
  let session: BrowserSession;
  let clinician: string;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startDashboardPlatform(), launchBrowser()]);
    const organization = platform.plan.organizations[0]!;
    clinician = await tokenFor({ role: 'clinician', sub: 'clinician-explorer', org: organization.id, mfa: true });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  beforeEach(async () => {
    session = await browser.open(platform.origin);
  });
  afterEach(async () => {
    await session.close();
  });

  it('with no sign-in: explains how to get a token; with the token typed into the headers, runs the query', async () => {
    const { page } = session;
    await openExplorer(page);
    await expect.poll(() => textOf(headersEditor(page)), { timeout: UI_TIMEOUT_MS }).toContain('pnpm dev-token');
    await typeInto(page, operationEditor(page), QUERY);
    await typeInto(page, headersEditor(page), `{ "authorization": "Bearer ${clinician}" }`);
    const result = await run(page);
    expect(result).toContain('"code": "8867-4"');
    expect(result).not.toContain('"errors"');
    await session.screenshot('explorer-typed-token');
    await expectTokenStoredNowhereElse(page, clinician);
    // The schema request GraphiQL makes on opening, before there is a token: refused, as it should be.
    session.expectNoProblems((problem: PageProblem) => problem.kind === 'console-error' && /status of 401 \(Unauthorized\)/.test(problem.text));
  });

  it("signed in to the dashboard (#token=) in this tab: starts with that token, loads the schema and runs the query", async () => {
    const { page } = session;
    await page.goto(`/#token=${clinician}`);
    await untilSignedIn(page);
    const introspected = page.waitForResponse((response) => response.url().endsWith('/graphql') && Boolean(response.request().postData()?.includes('IntrospectionQuery')));
    await openExplorer(page);
    const schema = await introspected;
    expect(schema.status()).toBe(200);
    await expect.poll(() => textOf(headersEditor(page)), { timeout: UI_TIMEOUT_MS }).toContain(`"authorization": "Bearer ${clinician.slice(0, 40)}`);
    await typeInto(page, operationEditor(page), QUERY);
    const result = await run(page);
    expect(result).toContain('"code": "8867-4"');
    await session.screenshot('explorer-signed-in');
    await expectTokenStoredNowhereElse(page, clinician);
    session.expectNoProblems();
  });

  it("signed in with the dashboard's own client (one click): says that token cannot explore, instead of starting with it", async () => {
    const { page } = session;
    await signInAs(session, 'clinician');
    const dashboardToken = (JSON.parse((await webStorage(page)).session['caregraph.session']!) as { accessToken: string }).accessToken;
    await openExplorer(page);
    await expect.poll(() => textOf(headersEditor(page)), { timeout: UI_TIMEOUT_MS }).toContain('"caregraph-dashboard", which may run only its registered operations');
    expect(await textOf(headersEditor(page))).not.toContain(dashboardToken.slice(0, 40));
    // And offers the explorer's own sign-in instead.
    await signInBar(page).getByRole('button', { name: 'Clinician', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await session.screenshot('explorer-dashboard-client');
    session.expectNoProblems((problem: PageProblem) => problem.kind === 'console-error' && /status of 401 \(Unauthorized\)/.test(problem.text));
  });

  it('one click on "Organization admin" signs the explorer in (its own client): the token in the headers, any query runs; sign-out forgets it', async () => {
    const { page } = session;
    await openExplorer(page);
    const bar = signInBar(page);
    await expect.poll(() => bar.innerText(), { timeout: UI_TIMEOUT_MS }).toMatch(/Sign in as:\s*Clinician\s*·\s*Organization admin\s*·\s*Patient\s*·\s*Auditor\s*·\s*Analyst/);
    await session.screenshot('explorer-sign-in-bar');

    // The OIDC round trip: /dev-oidc/authorize, back to /graphql?code=…&state=…, the code exchanged.
    const exchanged = page.waitForResponse((response) => response.url().endsWith('/dev-oidc/token'));
    await bar.getByRole('button', { name: 'Organization admin', exact: true }).click();
    expect((await exchanged).status()).toBe(200);
    await expect.poll(() => bar.innerText(), { timeout: UI_TIMEOUT_MS }).toContain('Signed in as Organization admin');
    // The code and state are out of the address bar (and history) at once.
    expect(new URL(page.url()).pathname).toBe('/graphql');
    expect(new URL(page.url()).search).toBe('');
    await headersEditor(page).waitFor({ timeout: UI_TIMEOUT_MS });

    const stored = (await webStorage(page)).session[EXPLORER_SESSION_KEY];
    const token = (JSON.parse(stored ?? '{}') as { accessToken?: string }).accessToken!;
    expect(token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ azp: 'caregraph-explorer', role: 'org_admin' });
    await expect.poll(() => textOf(headersEditor(page)), { timeout: UI_TIMEOUT_MS }).toContain(`"authorization": "Bearer ${token.slice(0, 40)}`);

    // Not a registered operation: the dashboard's client could not run it; the explorer's can.
    await typeInto(page, operationEditor(page), '{ patients(first: 2) { edges { node { id } } } }');
    const result = await run(page, '"patients"');
    expect(result).not.toContain('"errors"');
    expect(result.match(/"id": "[0-9a-f-]{36}"/g)).toHaveLength(2);
    await session.screenshot('explorer-dev-sign-in');
    await expectTokenStoredNowhereElse(page, token);

    await bar.getByRole('button', { name: 'Sign out' }).click();
    await bar.getByRole('button', { name: 'Organization admin', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => textOf(headersEditor(page)), { timeout: UI_TIMEOUT_MS }).toContain('No token yet');
    expect(await textOf(headersEditor(page))).not.toContain(token.slice(0, 40));
    // Nor is the answer fetched with it still on screen.
    expect(await textOf(resultPane(page))).not.toContain('"patients"');
    const { session: tab, local } = await webStorage(page);
    expect(local).toEqual({});
    for (const [key, value] of Object.entries(tab)) expect(value, key).not.toContain(token);
    expect(tab[EXPLORER_SESSION_KEY]).toBeUndefined();
    // Still signed out after a reload.
    await openExplorer(page);
    await bar.getByRole('button', { name: 'Organization admin', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The schema requests made with no token (on opening, after sign-out): refused, as they should be.
    session.expectNoProblems((problem: PageProblem) => problem.kind === 'console-error' && /status of 401 \(Unauthorized\)/.test(problem.text));
  });
});
