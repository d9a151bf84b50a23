import { describe, expect, it } from 'vitest';
import type { Viewer } from '@caregraph/platform';
import { notFoundCount, ProbeWatch } from '../src/edge/probe-watch.ts';

const viewer = (sub: string, org = 'org-a'): Viewer => ({ sub, role: 'clinician', organizationId: org, scopes: [], patientId: null, deviceId: null, mfa: true, clientId: null });

describe('ProbeWatch', () => {
  it('reports a principal once per window, on the request that passes the threshold', async () => {
    const watch = new ProbeWatch({ threshold: 10, windowMs: 60_000 });
    expect(await watch.observe(viewer('c1'), 4, 0)).toBeNull();
    expect(await watch.observe(viewer('c1'), 5, 1_000)).toBeNull();
    expect(await watch.observe(viewer('c1'), 3, 2_000)).toEqual({
      action: 'deny', outcome: 'denied', resourceType: 'Request', resourceId: null, patientId: null, fields: ['NOT_FOUND', 'probes:12'],
    });
    expect(await watch.observe(viewer('c1'), 50, 3_000)).toBeNull();
    // A new window counts afresh.
    expect((await watch.observe(viewer('c1'), 10, 61_000))?.fields).toEqual(['NOT_FOUND', 'probes:10']);
  });

  it('counts each principal apart (same subject in two organizations too) and ignores anonymous callers', async () => {
    const watch = new ProbeWatch({ threshold: 5, windowMs: 60_000 });
    expect(await watch.observe(viewer('c1', 'org-a'), 4, 0)).toBeNull();
    expect(await watch.observe(viewer('c1', 'org-b'), 4, 0)).toBeNull();
    expect(await watch.observe(viewer('c2', 'org-a'), 4, 0)).toBeNull();
    expect(await watch.observe(null, 100, 0)).toBeNull();
    expect(await watch.observe(viewer('c1', 'org-a'), 1, 0)).not.toBeNull();
  });

  it('only counts when the threshold is 0', async () => {
    const watch = new ProbeWatch({ threshold: 0, windowMs: 60_000 });
    expect(await watch.observe(viewer('c1'), 1_000, 0)).toBeNull();
  });
});

describe('notFoundCount', () => {
  it('counts each item of a batch refused as NOT_FOUND, not the one error that lists them', async () => {
    const batch = { extensions: { code: 'NOT_FOUND', problems: Array.from({ length: 50 }, (_, i) => ({ field: `input[${i}].patientId` })) } };
    expect(notFoundCount([batch, { extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'FORBIDDEN' } }, {}])).toBe(51);
  });
});
