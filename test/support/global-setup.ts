import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { serverUrl } from './database.ts';
import { buildDashboardForTests, DASHBOARD_BUILD_KEY } from './dashboard-build.ts';

/**
 * Says once which database the suite runs on, and fails fast (with the reason) when a server is
 * configured but unreachable, instead of every test timing out on its own. Builds the care
 * dashboard once for the whole run (dashboard-build.ts): every platform a test starts serves it.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await checkDatabase();
  const build = await buildDashboardForTests((line) => console.log(`[caregraph tests] ${line}`));
  project.provide(DASHBOARD_BUILD_KEY, build.dir);
  return build.remove;
}

async function checkDatabase(): Promise<void> {
  const url = serverUrl();
  if (!url) {
    console.log('[caregraph tests] no TEST_DATABASE_URL/DATABASE_URL: running on embedded PGlite');
    return;
  }
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const [row] = await sql`select version()`;
    console.log(`[caregraph tests] PostgreSQL server: ${String(row?.version).split(' ').slice(0, 2).join(' ')}`);
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL/DATABASE_URL is set but the server does not answer: ${String(error)}`);
  } finally {
    await sql.end();
  }
}
