import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunchOptions, chromiumPath } from '../../scripts/support/chromium.ts';

export { chromiumPath };

const ROOT = resolve(import.meta.dirname, '../..');
/** Where the browser tests keep their screenshots (not committed: see .gitignore). */
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts/dashboard');


/** Big enough for the patient page's three panels side by side (the layout for a desktop). */
const VIEWPORT = { width: 1280, height: 900 };

/** Something that went wrong in the page: every test asserts there was none it did not expect. */
export interface PageProblem {
  kind: 'console-error' | 'page-error' | 'csp-violation' | 'other-origin-request';
  text: string;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** The platform's origin (`http://127.0.0.1:<port>`): every request must go there. */
  origin: string;
  /** Everything recorded so far, in order. */
  problems: PageProblem[];
  /** Fails the test with the list of problems, if any (besides those `allowed` matches). */
  expectNoProblems(allowed?: (problem: PageProblem) => boolean): void;
  /** `test-artifacts/dashboard/<name>.png`, the whole page. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestBrowser {
  /** A fresh context (no cookies, no storage) with one page, recording its problems. */
  open(origin: string): Promise<BrowserSession>;
  close(): Promise<void>;
}


/**
 * Starts headless Chromium, once per test file. A missing browser fails the file (never a silent
 * skip): the browser tests are part of `pnpm test`.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}: the dashboard's browser tests need it. ` +
        'Install it with `apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  const sessions = new Set<BrowserSession>();
  return {
    async open(origin) {
      const session = await openSession(browser, origin);
      sessions.add(session);
      const close = session.close;
      session.close = async () => {
        sessions.delete(session);
        await close();
      };
      return session;
    },
    async close() {
      await Promise.all([...sessions].map((session) => session.close()));
      await browser.close();
    },
  };
}

/** What the init script uses of the page's globals (the tests are type-checked without the DOM library). */
interface InPage {
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string; blockedURI: string; sourceFile: string; lineNumber: number }) => void): void;
  };
  __reportCspViolation(text: string): Promise<void>;
}

async function openSession(browser: Browser, origin: string): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: origin, locale: 'en-US', timezoneId: 'UTC' });
  const problems: PageProblem[] = [];
  // The page's own report of what its CSP blocked (Chromium logs it as a console error too, but
  // this names the directive and the blocked address). Init scripts are not subject to the CSP.
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void problems.push({ kind: 'csp-violation', text }));
  await context.addInitScript(() => {
    const page = globalThis as unknown as InPage;
    page.document.addEventListener('securitypolicyviolation', (event) => {
      void page.__reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on('request', (request) => {
    const url = request.url();
    if (originOf(url) !== origin) problems.push({ kind: 'other-origin-request', text: `${request.method()} ${url}` });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push({ kind: 'console-error', text: `${message.text()} (${message.location().url})` });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'page-error', text: error.stack ?? error.message }));

  return {
    context,
    page,
    origin,
    problems,
    expectNoProblems(allowed = () => false) {
      const unexpected = problems.filter((problem) => !allowed(problem));
      if (unexpected.length > 0) {
        throw new Error(`the page had ${unexpected.length} problem(s):\n${unexpected.map((p) => `  ${p.kind}: ${p.text}`).join('\n')}`);
      }
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: () => context.close(),
  };
}

/** `data:` and `about:` addresses have no origin of their own ('null'): they count as another's. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
