import { describe, expect, it } from 'vitest';
import { signInAs, UI_TIMEOUT_MS, useDashboard, webStorage } from '../support/dashboard.ts';

/**
 * Automatic logoff (HIPAA §164.312(a)(2)(iii)), with DASHBOARD_IDLE_TIMEOUT_SECONDS made short: an
 * unattended dashboard signs out and shows no patient data; activity keeps the session.
 */
describe('automatic logoff (idle timeout 4 s)', () => {
  const dashboard = useDashboard('in-process', { DASHBOARD_IDLE_TIMEOUT_SECONDS: '4' });

  it('signs out an unattended session, forgets its token and says why; activity keeps a session open', async () => {
    const { page } = dashboard.session;
    await signInAs(dashboard.session, 'clinician');
    await page.locator('tr[data-patient-id]').first().waitFor({ timeout: UI_TIMEOUT_MS });
    // Active for longer than the timeout: still signed in.
    for (let i = 0; i < 6; i += 1) {
      await page.waitForTimeout(1_000);
      await page.mouse.wheel(0, 10);
    }
    await expect(page.locator('tr[data-patient-id]').count()).resolves.toBeGreaterThan(0);
    // Then nobody touches it.
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: 10_000 });
    await expect(page.getByText('signed out after a period of inactivity').isVisible()).resolves.toBe(true);
    await expect(page.locator('tr[data-patient-id]').count()).resolves.toBe(0);
    const storage = await webStorage(page);
    expect(JSON.stringify(storage)).not.toContain('eyJ'); // no token (a JWT) left in either storage
    dashboard.session.expectNoProblems();
  });
});
