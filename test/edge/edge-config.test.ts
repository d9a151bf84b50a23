import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from '@caregraph/platform/edge-config';
import { addressKey } from '@caregraph/router/edge/client-address';

describe('edge configuration', () => {
  it('has the documented defaults', () => {
    const config = readEdgeConfig({}, []);
    expect(config).toMatchObject({
      maxBodyBytes: 1_000_000,
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 10,
      maxTokens: 1_000,
      maxCost: 10_000,
      rateLimitPerAddress: 1_200,
      rateLimitPerPrincipal: 600,
      rateLimitWindowSeconds: 60,
      trustedProxyHops: 0,
      corsOrigins: [],
      apqTtlSeconds: 86_400,
      developmentTools: true,
    });
    expect(readEdgeConfig({ NODE_ENV: 'production' }, []).developmentTools).toBe(false);
  });

  it('lists every invalid value, and refuses a CORS wildcard', () => {
    const problems: string[] = [];
    readEdgeConfig({ QUERY_MAX_DEPTH: '0', RATE_LIMIT_ADDRESS: 'many', CORS_ORIGINS: '*', TRUSTED_DOCUMENTS_FILE: '/nonexistent.json' }, problems);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/QUERY_MAX_DEPTH[\s\S]*RATE_LIMIT_ADDRESS[\s\S]*CORS_ORIGINS[\s\S]*TRUSTED_DOCUMENTS_FILE/);
    const wildcards: string[] = [];
    readEdgeConfig({ CORS_ORIGINS: 'https://*.example.org, https://app.example.org' }, wildcards);
    expect(wildcards).toHaveLength(1);
  });
});

describe('rate-limit keys of addresses', () => {
  it('keys IPv4 as is (also IPv4-mapped IPv6) and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:aa:1::1')).toBe(addressKey('2001:0db8:00aa:0001:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:aa:1::1')).not.toBe(addressKey('2001:db8:aa:2::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
