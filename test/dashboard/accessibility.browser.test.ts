import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInAs, UI_TIMEOUT_MS, useDashboard, type DemoPrincipalButton } from '../support/dashboard.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now (labels, names, contrast, landmarks,
 * `lang`, ARIA). Run through the DevTools protocol, so the page's CSP (no inline script) stays as it is.
 */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(globalThis as unknown, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing wider than the window: a table may scroll inside its panel, the page never sideways. */
async function pageOverflow(page: Page): Promise<number> {
  // Page-side code as text: this file is type-checked for Node, without the DOM's types.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** Each view once its data is in: what the check looks at must be the page a user reads. */
const VIEWS: { who: DemoPrincipalButton; path: string; ready: string }[] = [
  { who: 'clinician', path: '/patients', ready: 'tr[data-patient-id]' },
  { who: 'orgAdmin', path: '/devices', ready: 'table tbody tr' },
  { who: 'auditor', path: '/audit', ready: 'table tbody tr' },
  { who: 'patient', path: '/me', ready: 'figure[data-chart-points]' },
  { who: 'analyst', path: '/patients', ready: 'tr[data-patient-id]' },
];

describe('the dashboard is accessible (axe-core, WCAG 2.1 AA) and fits a tablet', () => {
  const dashboard = useDashboard();

  it('the sign-in page', async () => {
    const { page } = dashboard.session;
    await page.goto('/');
    await page.getByRole('button', { name: /^Clinician/ }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await accessibilityViolations(page)).toEqual([]);
    dashboard.session.expectNoProblems();
    // The check can fail: an input without a label is one violation.
    await page.evaluate("document.querySelector('main').append(document.createElement('input'))");
    expect(await accessibilityViolations(page)).toEqual([expect.stringMatching(/^label \(critical\)/)]);
  });

  for (const view of VIEWS) {
    it(`${view.path} as the ${view.who}, on a desktop and on a tablet (820 px)`, async () => {
      const { page } = dashboard.session;
      await signInAs(dashboard.session, view.who);
      await page.goto(view.path);
      await page.locator(view.ready).first().waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 820, height: 1180 });
      await page.waitForTimeout(200); // the chart and the layout follow the resize on the next frame
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      await dashboard.session.screenshot(`tablet-${view.who}-${view.path.slice(1)}`);
      dashboard.session.expectNoProblems();
    });
  }

  it('the patient page with its chart, as the clinician', async () => {
    const { page } = dashboard.session;
    await signInAs(dashboard.session, 'clinician');
    await page.locator('tr[data-patient-id] th a').first().click();
    await page.locator('figure[data-chart-points]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.waitForTimeout(200);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    dashboard.session.expectNoProblems();
  });

  it('can be used from the keyboard: the skip link, then the views and sign-out in order', async () => {
    const { page } = dashboard.session;
    await signInAs(dashboard.session, 'orgAdmin');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");
    await expect(focused()).resolves.toBe('Skip to content');
    const reached: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await focused());
    }
    expect(reached).toEqual(['Patients', 'Devices', 'Sign out', expect.any(String)]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // on "Devices"
    await page.waitForURL((url) => url.pathname === '/devices', { timeout: UI_TIMEOUT_MS });
  });
});
