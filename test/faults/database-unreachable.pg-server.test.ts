import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl } from '../support/database.ts';
import { expectNoLeak, timed } from './support/assertions.ts';
import { eventually } from '../support/eventually.ts';
import { startFaultPlatform, type FaultPlatform } from './support/fault-platform.ts';
import { startTcpProxy, type NetworkFault, type TcpProxy } from './support/tcp-proxy.ts';
import { PATIENT_AND_DEVICE, patientAndDeviceOf } from './support/patient-and-device.ts';

/**
 * The devices process reaches PostgreSQL through a TCP relay the test breaks: the server down
 * (connections dropped and refused) or a partition (nothing answers). The router keeps answering
 * within its timeout with the other domains' data, the devices process reports itself not ready,
 * and everything recovers without a restart once the database is back.
 */
describe('PostgreSQL unreachable for one subgraph (distributed, real processes)', () => {
  let platform: FaultPlatform;
  let proxy: TcpProxy;
  let variables: { patient: string; device: string };
  const fullAnswer = async () => {
    const response = await platform.admin(PATIENT_AND_DEVICE, variables);
    return response.errors === undefined && Boolean(response.data?.device?.kind);
  };
  beforeAll(async () => {
    const server = new URL(serverUrl()!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    platform = await startFaultPlatform({ databaseUrlFor: (url, subgraph) => (subgraph === 'devices' ? proxy.urlFor(url) : url) });
    variables = patientAndDeviceOf(platform.plan);
  });
  afterAll(async () => {
    await platform?.stop();
    await proxy?.close();
  });

  const faults: [NetworkFault, string][] = [
    ['refuse', 'the server down (connections dropped and refused)'],
    ['blackhole', 'a network partition (nothing answers)'],
  ];
  for (const [fault, what] of faults) {
    it(`${what}: partial data within the timeout, devices not ready, then recovery`, async () => {
      expect(await fullAnswer()).toBe(true);
      proxy.setFault(fault);

      const { answer, ms } = await timed(() => platform.admin(PATIENT_AND_DEVICE, variables));
      expect(ms).toBeLessThan(platform.requestTimeoutMs);
      expect(answer.data?.patient?.name?.text).toBeTruthy();
      expect(answer.data?.device).toBeNull();
      const error = answer.errors?.find((e) => e.path?.[0] === 'device');
      // The database error is the subgraph's own (masked INTERNAL); a hung statement is the router's timeout.
      expect(['INTERNAL', 'SERVICE_UNAVAILABLE']).toContain(error?.extensions?.code);
      expectNoLeak(answer);

      const probe = await platform.subgraphReadyz('devices');
      expect(probe.status).toBe(503);
      expect(probe.body.checks.database).toBe('unreachable');
      expect((await platform.subgraphReadyz('patients')).status).toBe(200);

      proxy.setFault('pass');
      expect(await eventually(fullAnswer, 20_000)).toBe(true);
      expect((await platform.subgraphReadyz('devices')).status).toBe(200);
    });
  }
});
