import { measuresHeartRate } from '../support/demo-devices.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoData, SMALL_DEMO } from '@caregraph/platform';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postGraphQL } from '../support/graphql-client.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const plan = planDemoData(SMALL_DEMO);
// A device that measures heart rate: ingestion refuses readings a device could not have taken.
const device = plan.devices.find((d) => d.assignedPatientId && measuresHeartRate(d))!;
const patientId = device.assignedPatientId!;
const BATCH = 100;
const RECORD = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { recorded duplicates observations { id } } }`;
// The count below compares the batch's window before and after, so demo readings there do not matter.
const start = Date.now() - 3 * 3_600_000;
const batch = Array.from({ length: BATCH }, (_, i) => ({
  idempotencyKey: `crash-${i}`,
  patientId,
  code: '8867-4',
  value: 60 + (i % 40),
  unit: '/min',
  effectiveAt: new Date(start + i * 1_000).toISOString(),
}));

/**
 * A proxy in front of the router that, when armed, lets the request through and, as soon as the
 * answer starts (the batch is committed), kills the platform and drops the answer: the client
 * never learns whether its batch was stored.
 */
async function crashingProxy(target: () => string, crash: () => Promise<void>): Promise<{ url: string; arm(): void; close(): Promise<void> }> {
  let armed = false;
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = request(target(), { method: incoming.method, headers: incoming.headers }, (answer) => {
      if (armed) {
        armed = false;
        void crash().then(() => outgoing.socket?.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    arm: () => (armed = true),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Ingestion survives a crash between commit and reply: the device resubmits the batch it never got
 * an answer for, and every reading is stored exactly once (real process, killed with SIGKILL).
 */
describe('a batch whose answer was lost to a crash, resubmitted', () => {
  let database: TestDatabase;
  let pgliteDir: string;
  let platform: PlatformProcess;
  let headers: Record<string, string>;

  const startPlatform = () => startPlatformProcess('in-process', {}, { database, pgliteDir });

  beforeAll(async () => {
    database = await createTestDatabase();
    pgliteDir = mkdtempSync(join(tmpdir(), 'caregraph-crash-'));
    platform = await startPlatform();
    headers = bearer(await tokenFor({ role: 'device', sub: `device:${device.id}`, org: device.organizationId, device: device.id }));
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
    rmSync(pgliteDir, { recursive: true, force: true });
  });

  /** Heart-rate readings of the patient in the batch's window (demo data may have some there too). */
  async function readingsInWindow(): Promise<number> {
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: device.organizationId, mfa: true }));
    const counted = await postGraphQL(
      platform.url,
      `query ($p: ID!, $from: DateTime!, $to: DateTime!) { patient(id: $p) { vitalsSummary(code: "8867-4", from: $from, to: $to, bucket: DAY) { count } } }`,
      { p: patientId, from: new Date(start).toISOString(), to: new Date(start + BATCH * 1_000).toISOString() },
      admin,
    );
    expect(counted.errors).toBeUndefined();
    return counted.data!.patient.vitalsSummary.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0);
  }

  it('is stored exactly once', async () => {
    const before = await readingsInWindow();
    const proxy = await crashingProxy(() => platform.url, () => platform.crash());
    try {
      proxy.arm();
      await expect(postGraphQL(proxy.url, RECORD, { input: batch }, headers)).rejects.toThrow();
    } finally {
      await proxy.close();
    }

    platform = await startPlatform();
    const retried = await postGraphQL(platform.url, RECORD, { input: batch }, headers);
    expect(retried.errors).toBeUndefined();
    // The first attempt was committed before the crash: the retry records nothing new and
    // answers with the stored readings.
    expect(retried.data!.recordObservations).toMatchObject({ recorded: 0, duplicates: BATCH });
    expect(retried.data!.recordObservations.observations).toHaveLength(BATCH);

    const again = await postGraphQL(platform.url, RECORD, { input: batch }, headers);
    expect(again.data!.recordObservations.observations.map((o: { id: string }) => o.id)).toEqual(
      retried.data!.recordObservations.observations.map((o: { id: string }) => o.id),
    );

    expect(await readingsInWindow()).toBe(before + BATCH);
  }, PROCESS_TEST_TIMEOUT_MS); // restarts the platform process, which reopens its database on disk
});
