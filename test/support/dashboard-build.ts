import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// By path, not by package: global setup runs without the workspace's source condition.
import { readDashboardConfig } from '../../platform/src/dashboard-config.ts';
import { boolReader } from '../../platform/src/env-bool.ts';
import { intReader } from '../../platform/src/env-int.ts';
import { buildDashboardIfNeeded } from '../../router/src/dashboard/build-on-start.ts';

/** The key under which global setup hands the browser tests their copy of the build (vitest `provide`/`inject`). */
export const DASHBOARD_BUILD_KEY = 'dashboardBuild';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's copy of the dashboard build: the browser tests' platforms serve it (DASHBOARD_DIR). */
    [DASHBOARD_BUILD_KEY]: string;
  }
}

/**
 * Builds the care dashboard as `pnpm start` would (dashboard/dist, stamped with its sources' hash;
 * a current build is left alone, and the build's lock holds off a platform starting meanwhile), so
 * no platform a test starts has to build it inside that test's time limit.
 *
 * Returns a copy of it for this run only. A platform serves the page it read at start, whose
 * scripts are files of that build; a later build (sources edited while the suite runs, another
 * checkout's `pnpm start`) replaces them, and the page a browser test has open would load scripts
 * that are gone. Served from the copy (DASHBOARD_DIR, which also turns the build at start off),
 * the browser tests see one build from start to end.
 */
export async function buildDashboardForTests(log: (line: string) => void): Promise<{ dir: string; remove(): void }> {
  const problems: string[] = [];
  const tools = { int: intReader(process.env, problems), bool: boolReader(process.env, problems), problems };
  const dashboard = readDashboardConfig(process.env, tools, { external: false, issuer: '' });
  if (problems.length > 0) throw new Error(`the dashboard settings in this environment: ${problems.join('; ')}`);
  const copy = mkdtempSync(join(tmpdir(), 'caregraph-dashboard-'));
  const remove = () => rmSync(copy, { recursive: true, force: true });
  try {
    for (let attempt = 1; ; attempt++) {
      await buildDashboardIfNeeded(dashboard, { production: false, log });
      cpSync(dashboard.dir, copy, { recursive: true, force: true });
      const missing = missingAssets(copy);
      if (missing.length === 0) return { dir: copy, remove };
      // Rebuilt by someone else while it was copied: build (if need be) and copy again.
      if (attempt === 3) throw new Error(`the dashboard build in ${dashboard.dir} keeps changing while it is copied (missing ${missing.join(', ')})`);
      rmSync(copy, { recursive: true, force: true });
    }
  } catch (error) {
    remove();
    throw error;
  }
}

/** The files index.html loads that are not in the directory (a copy taken halfway through a build). */
function missingAssets(dir: string): string[] {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return ['index.html'];
  const referenced = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!);
  return referenced.filter((file) => !existsSync(join(dir, file)));
}
