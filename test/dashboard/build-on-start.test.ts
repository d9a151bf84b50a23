import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardSourceHash } from '@caregraph/router/dashboard/build-on-start';
import { servePages } from './support.ts';

const SOURCES = resolve(import.meta.dirname, '../../dashboard');

describe('building the dashboard beside a running platform', () => {
  it('adds the new build and keeps the assets a page served before still loads; the page follows the new build', { timeout: 120_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'caregraph-dashboard-build-')), 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'assets/dashboard-before.js'), '// the build an open page still loads');
    writeFileSync(join(dir, 'assets/dashboard-last-week.js'), '// a build nobody serves any more');
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    utimesSync(join(dir, 'assets/dashboard-last-week.js'), lastWeek, lastWeek);

    await buildDashboard(SOURCES, dir, { keepOldAssets: true });
    expect(readFileSync(join(dir, '.source-hash'), 'utf8')).toBe(dashboardSourceHash(SOURCES));
    expect(existsSync(join(dir, 'assets/dashboard-before.js'))).toBe(true);
    expect(existsSync(join(dir, 'assets/dashboard-last-week.js'))).toBe(false);
    const script = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))![1]!;
    expect(existsSync(join(dir, 'assets', script))).toBe(true);

    const served = await servePages({ DASHBOARD_DIR: dir });
    try {
      expect(await (await fetch(`${served.origin}/`)).text()).toContain(`/assets/${script}`);
      expect((await fetch(`${served.origin}/assets/dashboard-before.js`)).status).toBe(200);
      // Another process builds again: the running platform serves the new page from then on.
      const rebuilt = readFileSync(join(dir, 'index.html'), 'utf8').replace('<title>', '<title>rebuilt · ');
      writeFileSync(join(dir, 'index.html'), rebuilt);
      const later = new Date(Date.now() + 5_000);
      utimesSync(join(dir, 'index.html'), later, later);
      expect(await (await fetch(`${served.origin}/patients`)).text()).toContain('<title>rebuilt · ');
    } finally {
      await served.http.close();
    }
  });
});
