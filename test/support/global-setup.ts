import postgres from 'postgres';
import { serverUrl } from './database.ts';

/**
 * Says once which database the suite runs on, and fails fast (with the reason) when a server is
 * configured but unreachable, instead of every test timing out on its own.
 */
export default async function setup(): Promise<void> {
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
