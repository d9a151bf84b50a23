import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUnavailable, timed } from './support/assertions.ts';
import { eventually } from '../support/eventually.ts';
import { startFaultPlatform, type FaultPlatform } from './support/fault-platform.ts';
import type { UpstreamFault } from './support/faulty-upstream.ts';
import { PATIENT_AND_DEVICE, patientAndDeviceOf } from './support/patient-and-device.ts';

/**
 * The devices subgraph is reached through a faulty upstream on loopback (a broken peer, not a
 * mock of our code): it hangs, answers garbage or answers 500. Each time the router answers
 * within its request timeout with the other domains' data and `devices` named, then recovers by
 * itself once the upstream behaves again.
 */
describe('a misbehaving subgraph (distributed, real processes)', () => {
  let platform: FaultPlatform;
  let variables: { patient: string; device: string };
  const fullAnswer = async () => {
    const response = await platform.admin(PATIENT_AND_DEVICE, variables);
    return response.errors === undefined && Boolean(response.data?.device?.kind) && Boolean(response.data?.patient?.name?.text);
  };
  beforeAll(async () => {
    platform = await startFaultPlatform({ behindUpstream: ['devices'] });
    variables = patientAndDeviceOf(platform.plan);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const faults: [UpstreamFault, string][] = [
    ['hang', 'hanging (accepts, never answers)'],
    ['garbage-html', 'answering an HTML page'],
    ['garbage-truncated-json', 'answering JSON cut off in the middle'],
    ['garbage-wrong-shape', 'answering JSON that is not a GraphQL response'],
    ['error-500', 'answering HTTP 500'],
  ];
  for (const [fault, what] of faults) {
    it(`${what}: partial data naming devices, within the timeout, then recovery`, async () => {
      expect(await fullAnswer()).toBe(true);
      platform.upstream('devices').fault = fault;
      const { answer, ms } = await timed(() => platform.admin(PATIENT_AND_DEVICE, variables));
      expect(ms).toBeLessThan(platform.requestTimeoutMs);
      expect(answer.status).toBe(200);
      expect(answer.data?.patient?.name?.text).toBeTruthy();
      expect(answer.data?.device).toBeNull();
      expectUnavailable(answer, 'devices', ['device']);

      platform.upstream('devices').fault = 'pass';
      expect(await eventually(fullAnswer)).toBe(true);
    });
  }

  it('stops calling a failing subgraph once its circuit opens, and probes it after the reset time', async () => {
    const upstream = platform.upstream('devices');
    upstream.fault = 'error-500';
    const opened = await eventually(async () => {
      await platform.admin(PATIENT_AND_DEVICE, variables);
      return (await platform.readyz()).body.checks.subgraphs.devices === 'open';
    });
    expect(opened).toBe(true);
    const calls = upstream.requests;
    for (let i = 0; i < 5; i++) expectUnavailable(await platform.admin(PATIENT_AND_DEVICE, variables), 'devices', ['device']);
    // Open: every answer came without a call to the subgraph (at most the one half-open probe).
    expect(upstream.requests - calls).toBeLessThanOrEqual(1);
    const probe = await platform.readyz();
    expect(probe.status).toBe(200);

    upstream.fault = 'pass';
    expect(await eventually(fullAnswer)).toBe(true);
    expect((await platform.readyz()).body.checks.subgraphs.devices).toBe('closed');
  });
});
