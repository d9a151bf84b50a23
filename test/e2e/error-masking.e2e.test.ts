import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const LEAKS = [/select|from |observations\.|relation/i, /\bat .+\.ts:\d+/, /127\.0\.0\.1|localhost|http:\/\//];

describe('internal errors are masked (in-process)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers a database failure with INTERNAL and no SQL, stack or table names, serving the rest', async () => {
    // Break the observations domain under the running platform.
    await platform.database!.db.execute(sql`alter table observations.observations rename to observations_gone`);
    const patient = platform.plan.patients[0]!;
    const response = await platform.admin(`query ($id: ID!) { patient(id: $id) { id mrn latestVitals { code } } }`, {
      id: patient.id,
    });
    const body = JSON.stringify(response);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL']);
    expect(response.errors?.[0]?.message).toBe('Internal server error');
    for (const leak of LEAKS) expect(body).not.toMatch(leak);
  });
});

describe('a subgraph that is down (distributed)', () => {
  let platform: TestPlatform & { kill?: (name: string) => Promise<void> };
  beforeAll(async () => {
    platform = await startTestPlatform('distributed');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('does not leak its URL or the response body', async () => {
    await platform.kill!('devices');
    const patient = platform.plan.patients[0]!;
    const response = await platform.admin(`query ($id: ID!) { patient(id: $id) { id mrn devices { id } } }`, {
      id: patient.id,
    });
    const body = JSON.stringify(response);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const leak of LEAKS) expect(body).not.toMatch(leak);
    // Named by service (never by address): the fields it owns are unavailable, not a mystery.
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.service])).toEqual([['SERVICE_UNAVAILABLE', 'devices']]);
  });
});
