import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../src/identity/verified-tokens.ts';
import type { Viewer } from '../src/request.ts';

const viewer: Viewer = {
  sub: 'clinician-1',
  role: 'clinician',
  organizationId: '0d3e5f6a-7b8c-4d9e-8f01-23456789abcd',
  scopes: ['patients:read'],
  patientId: null,
  deviceId: null,
  mfa: true,
  clientId: null,
};
const inSeconds = (seconds: number) => Date.now() / 1000 + seconds;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('verified tokens kept for a while', () => {
  it('answers for the same token only, with a viewer nobody can change', () => {
    const tokens = new VerifiedTokens({ maxAgeMs: 60_000, maxEntries: 10 });
    tokens.remember('header.payload.signature', viewer, inSeconds(300));

    const known = tokens.get('header.payload.signature')!;
    expect(known).toEqual(viewer);
    expect(tokens.get('header.payload.signaturf')).toBeUndefined();
    expect(() => ((known as { role: string }).role = 'org_admin')).toThrow(TypeError);
    expect(() => (known.scopes as string[]).push('patients:write')).toThrow(TypeError);
  });

  it('forgets a token when it expires, even within the age bound', async () => {
    const tokens = new VerifiedTokens({ maxAgeMs: 60_000, maxEntries: 10 });
    tokens.remember('expiring', viewer, inSeconds(0.3));
    expect(tokens.get('expiring')).toBeDefined();
    await sleep(450);
    expect(tokens.get('expiring')).toBeUndefined();
  });

  it('forgets a token after the age bound, even if it is still valid', async () => {
    const tokens = new VerifiedTokens({ maxAgeMs: 300, maxEntries: 10 });
    tokens.remember('long-lived', viewer, inSeconds(3600));
    expect(tokens.get('long-lived')).toBeDefined();
    await sleep(450);
    expect(tokens.get('long-lived')).toBeUndefined();
  });

  it('keeps nothing already expired, nothing when switched off, and no more than its bound', () => {
    const tokens = new VerifiedTokens({ maxAgeMs: 60_000, maxEntries: 2 });
    tokens.remember('expired', viewer, inSeconds(-1));
    expect(tokens.get('expired')).toBeUndefined();

    for (const token of ['a', 'b', 'c']) tokens.remember(token, viewer, inSeconds(300));
    expect(['a', 'b', 'c'].map((token) => tokens.get(token) !== undefined)).toEqual([false, true, true]);

    const off = new VerifiedTokens({ maxAgeMs: 0, maxEntries: 10 });
    off.remember('any', viewer, inSeconds(300));
    expect(off.get('any')).toBeUndefined();
  });
});
