import type { Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { DemoPatient, DemoPlan } from '@caregraph/platform';
import { launchBrowser, type BrowserSession, type TestBrowser } from './browser.ts';
import { DASHBOARD_BUILD_KEY } from './dashboard-build.ts';
import { startTestPlatform, type Mode, type TestPlatform } from './platform.ts';

/** The platform a browser test drives: the demo data, and the dashboard at `origin`. */
export interface DashboardPlatform extends TestPlatform {
  /** `http://127.0.0.1:<port>`: the dashboard at `/`, the API at `/graphql`. */
  origin: string;
}

/**
 * Distributed, a subgraph that is gone fails fast: a panel shows as unavailable within a second or
 * two. Not the fault tests' database timeouts too: a 1 s idle-in-transaction limit ends a subgraph's
 * demo seeding while Chromium and another platform share the two cores.
 */
const FAST_FAILING_SUBGRAPHS = {
  ROUTER_REQUEST_TIMEOUT_MS: '4000',
  SUBGRAPH_TIMEOUT_MS: '1500',
  SUBGRAPH_RETRY_BASE_DELAY_MS: '10',
  SUBGRAPH_RETRY_MAX_DELAY_MS: '50',
  SUBGRAPH_BREAKER_MIN_CALLS: '3',
  SUBGRAPH_BREAKER_RESET_MS: '800',
};

/**
 * The platform as `pnpm start` (or, distributed, `pnpm start:distributed`) runs it, seeded with
 * the small demo set, serving the dashboard: this run's copy of the build global setup made
 * (dashboard-build.ts says why a copy).
 */
export async function startDashboardPlatform(mode: Mode = 'in-process', extraEnv: Record<string, string> = {}): Promise<DashboardPlatform> {
  const env = { DASHBOARD_DIR: inject(DASHBOARD_BUILD_KEY), ...(mode === 'distributed' ? FAST_FAILING_SUBGRAPHS : {}), ...extraEnv };
  const platform = await startTestPlatform(mode, { demoData: true, env });
  return { ...platform, origin: new URL(platform.url).origin };
}

export interface DashboardSuite {
  /** The file's platform (started once, in `beforeAll`). */
  readonly platform: DashboardPlatform;
  /** This test's browser context and page (fresh for every test: no cookies, no storage). */
  readonly session: BrowserSession;
  /** Another browser context for this test (someone else, signed in beside the first); closed with it. */
  another(): Promise<BrowserSession>;
}

/**
 * The hooks of a browser test file: Chromium (first, so a missing browser fails at once) and one
 * platform for the file, a fresh browser context for each test. Call it inside `describe`.
 */
export function useDashboard(mode: Mode = 'in-process', extraEnv: Record<string, string> = {}): DashboardSuite {
  let platform: DashboardPlatform | undefined;
  let browser: TestBrowser | undefined;
  let session: BrowserSession | undefined;
  let others: BrowserSession[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startDashboardPlatform(mode, extraEnv);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  beforeEach(async () => {
    session = await browser!.open(platform!.origin);
  });
  afterEach(async (context) => {
    // A failed test leaves what the page showed, and what went wrong in it, for whoever reads the report.
    if (session && context.task.result?.state === 'fail') {
      const path = await session.screenshot(`failed-${context.task.name}`).catch(() => null);
      console.error(`[browser] "${context.task.name}" failed at ${session.page.url()}; screenshot: ${path}; page problems:\n${session.problems.map((p) => `  ${p.kind}: ${p.text}`).join('\n') || '  none'}`);
    }
    await Promise.all([session, ...others].map((open) => open?.close()));
    session = undefined;
    others = [];
  });
  return {
    get platform() {
      if (!platform) throw new Error('the platform has not started (useDashboard: beforeAll)');
      return platform;
    },
    get session() {
      if (!session) throw new Error('no browser session outside a test (useDashboard: beforeEach)');
      return session;
    },
    async another() {
      const other = await browser!.open(platform!.origin);
      others.push(other);
      return other;
    },
  };
}

/** The development sign-in's buttons, by the role they sign in as (their label begins with it). */
export const SIGN_IN_BUTTONS = {
  clinician: /^Clinician\b/,
  orgAdmin: /^Organization admin\b/,
  patient: /^Patient\b/,
  auditor: /^Auditor\b/,
  analyst: /^Analyst\b/,
} as const;
export type DemoPrincipalButton = keyof typeof SIGN_IN_BUTTONS;

/** How long the page may take for anything a user waits for (a sign-in, a query, a chart). */
export const UI_TIMEOUT_MS = 15_000;

export interface SignedIn {
  /** The dashboard page's first response (its headers carry the CSP). */
  response: Response | null;
  /** What the button said about whom it signs in as (e.g. the demo patient's name). */
  button: string;
}

/**
 * Opens the dashboard, which sends a signed-out visitor to `/sign-in`, and clicks the demo
 * principal's button: the OIDC round trip (authorize, callback, token) ends on the role's landing
 * view, with the top bar's "Sign out".
 */
export async function signInAs(session: BrowserSession, principal: DemoPrincipalButton): Promise<SignedIn> {
  const { page } = session;
  const response = await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: UI_TIMEOUT_MS });
  const button = page.getByRole('button', { name: SIGN_IN_BUTTONS[principal] });
  const text = await button.innerText();
  await button.click();
  await untilSignedIn(page);
  return { response, button: text };
}

/** Waits for the dashboard's signed-in frame: past the sign-in and callback, "Sign out" shown. */
export async function untilSignedIn(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/auth/callback' && !url.pathname.startsWith('/dev-oidc'), { timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** The subject the top bar names as signed in ("Clinician <subject>"). */
export async function signedInSubject(page: Page): Promise<string> {
  return (await page.getByTestId('signed-in-as').locator('.muted').first().innerText()).trim();
}

/** Waits for the patients table and returns the patient id of each row, in order. */
export async function patientRowIds(page: Page): Promise<string[]> {
  await page.locator('tr[data-patient-id]').first().waitFor({ timeout: UI_TIMEOUT_MS });
  return page.locator('tr[data-patient-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-patient-id') ?? ''));
}

/** Everything the page shows as text (what a user can read, and copy). */
export function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** The Web Storage API, as far as `webStorage` reads it (the tests are type-checked without the DOM library). */
interface WebStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

/** Both web storages of the page's origin, key by key. */
export async function webStorage(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  return page.evaluate(() => {
    const { sessionStorage, localStorage } = globalThis as unknown as { sessionStorage: WebStorage; localStorage: WebStorage };
    const all = (storage: WebStorage) => Object.fromEntries(Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map((key) => [key, storage.getItem(key)!]));
    return { session: all(sessionStorage), local: all(localStorage) };
  });
}

/** A demo patient's name as the dashboard writes it ("Given Family"). */
export function fullName(patient: DemoPatient): string {
  return `${patient.given.join(' ')} ${patient.family}`;
}

/**
 * The names of every demo patient but those in `shown` (ids): none of them may appear on a page
 * that shows only those. The demo draws names from short lists, so a name one of them shares is
 * left out (it is on the page rightly).
 */
export function namesOfOthers(plan: DemoPlan, shown: ReadonlySet<string>): string[] {
  const allowed = new Set(plan.patients.filter((patient) => shown.has(patient.id)).map(fullName));
  return [...new Set(plan.patients.filter((patient) => !shown.has(patient.id)).map(fullName))].filter((name) => !allowed.has(name));
}

/**
 * The dashboard's Content-Security-Policy allows its own origin only: every fetch directive is
 * 'self' or 'none', no 'unsafe-inline' / 'unsafe-eval', no scheme or host sources.
 */
export function expectOwnOriginCsp(header: string | undefined): void {
  expect(header, 'a Content-Security-Policy header on the dashboard page').toBeTruthy();
  const directives = new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources] as const),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  for (const [name, sources] of directives) {
    for (const source of sources) expect(["'self'", "'none'"], `${name} allows ${source}`).toContain(source);
  }
  expect(header).not.toMatch(/unsafe-inline|unsafe-eval|data:|https?:|\*/);
}
