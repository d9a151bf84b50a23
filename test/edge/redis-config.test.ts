import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from '@caregraph/platform/edge-config';

describe('Redis configuration of the router replicas', () => {
  it('is off without REDIS_URL, and has the documented defaults with it', () => {
    expect(readEdgeConfig({}, []).redis).toBeUndefined();
    expect(readEdgeConfig({ REDIS_URL: 'rediss://router:secret@redis.internal:6380/2' }, []).redis).toEqual({
      url: 'rediss://router:secret@redis.internal:6380/2',
      keyPrefix: 'caregraph:',
      commandTimeoutMs: 250,
      connectTimeoutMs: 2_000,
    });
  });

  it('lists every invalid value at once, without repeating the URL (it may hold the password)', () => {
    const problems: string[] = [];
    readEdgeConfig(
      { REDIS_URL: 'http://router:hunter2@redis.internal:6379', REDIS_KEY_PREFIX: 'prod stack*', REDIS_COMMAND_TIMEOUT_MS: '60000', REDIS_CONNECT_TIMEOUT_MS: 'soon' },
      problems,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/REDIS_KEY_PREFIX[\s\S]*REDIS_COMMAND_TIMEOUT_MS[\s\S]*REDIS_CONNECT_TIMEOUT_MS[\s\S]*REDIS_URL/);
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
