import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';
import { codeOf, postJson, startPlatformWith, type Answer } from './support.ts';

/** Low limits, so a flood is a handful of requests; one trusted proxy, so each test floods from its own address. */
const PER_ADDRESS = 5;
const PER_PRINCIPAL = 3;

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(codeOf(answer)).toBe('RATE_LIMITED');
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body?.data).toBeUndefined();
}

describe('rate limits (black box)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformWith({
      RATE_LIMIT_ADDRESS: String(PER_ADDRESS),
      RATE_LIMIT_PRINCIPAL: String(PER_PRINCIPAL),
      RATE_LIMIT_WINDOW_SECONDS: '60',
      TRUSTED_PROXY_HOPS: '1',
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** A request as the trusted proxy in front of the router forwards it for `address`. */
  const from = (address: string, headers: Record<string, string> = {}, requestId?: string) =>
    postJson(platform.url, { query: '{ __typename }' }, { 'x-forwarded-for': address, ...(requestId ? { 'x-request-id': requestId } : {}), ...headers });

  it('refuses a flood from one address with 429, Retry-After and RATE_LIMITED, before authentication', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i <= PER_ADDRESS; i++) answers.push(await from('203.0.113.7', bearer('not-a-token'), `flood-request-${i}`));
    expect(answers.slice(0, PER_ADDRESS).map((a) => a.status)).toEqual(Array(PER_ADDRESS).fill(401));
    expectRateLimited(answers[PER_ADDRESS]!);
    // A refused sign-in is audited; a rate-limited request never reaches authentication, so it costs no insert.
    if (platform.auditTrail) {
      expect(await platform.auditTrail.eventsOf('flood-request-0')).toHaveLength(1);
      expect(await platform.auditTrail.eventsOf(`flood-request-${PER_ADDRESS}`)).toHaveLength(0);
    }
  });

  it('limits each address on its own, an IPv6 address by its /64', async () => {
    expect((await from('203.0.113.8')).status).toBe(401);
    for (let i = 0; i < PER_ADDRESS; i++) await from(`2001:db8:aa:1::${i + 1}`);
    expectRateLimited(await from('2001:db8:aa:1:ffff::9'));
    expect((await from('2001:db8:aa:2::1')).status).toBe(401);
  });

  it('believes only the entry the trusted proxy added, not what the caller wrote before it', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) await from(`198.51.100.${i}, 203.0.113.20`);
    expectRateLimited(await from('198.51.100.200, 203.0.113.20'));
  });

  it('limits a principal across addresses', async () => {
    const headers = bearer(await tokenFor({ role: 'org_admin', sub: 'busy-admin', org: platform.plan.organizations[0]!.id, mfa: true }));
    const answers: Answer[] = [];
    for (let i = 0; i <= PER_PRINCIPAL; i++) answers.push(await from(`192.0.2.${i + 1}`, headers));
    expect(answers.slice(0, PER_PRINCIPAL).map((a) => a.status)).toEqual(Array(PER_PRINCIPAL).fill(200));
    expectRateLimited(answers[PER_PRINCIPAL]!);
    // Another principal from the same address is not held back.
    const other = bearer(await tokenFor({ role: 'org_admin', sub: 'calm-admin', org: platform.plan.organizations[0]!.id, mfa: true }));
    expect((await from(`192.0.2.${PER_PRINCIPAL + 1}`, other)).status).toBe(200);
  });
});
