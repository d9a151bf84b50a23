import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RESILIENCE, isRetryableOperation, readServiceConfig, ConfigError } from '@caregraph/platform';
import { fieldPaths, LastGoodAnswers, SubgraphFailure, SubgraphGuard } from '../src/resilience/index.ts';

const settings = { ...DEFAULT_RESILIENCE, retries: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 2, breakerMinCalls: 3, breakerResetMs: 50 };
const unreachable = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('retries', () => {
  it('waits a random time up to min(max, base * 2^n): full jitter', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(799);
    expect(backoffDelay(6, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(6, policy, () => 0)).toBe(0);
  });

  it('retries queries only', () => {
    expect(isRetryableOperation('{ vitalSignCodes { code } }')).toBe(true);
    expect(isRetryableOperation('query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toBe(true);
    expect(isRetryableOperation(parse('mutation { recordObservations(input: []) { recorded } }'))).toBe(false);
  });

  it('a guard retries a query that could not connect, never a mutation', async () => {
    const guard = new SubgraphGuard('devices', { ...settings, breakerMinCalls: 100 });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw unreachable();
    };
    await expect(guard.call(failing, { deadline: Date.now() + 1_000, repeatable: true })).rejects.toMatchObject({ kind: 'unreachable' });
    expect(calls).toBe(3);
    calls = 0;
    await expect(guard.call(failing, { deadline: Date.now() + 1_000, repeatable: false })).rejects.toBeInstanceOf(SubgraphFailure);
    expect(calls).toBe(1);
    guard.shutdown();
  });

  it('aborts an attempt at the deadline and does not retry a timeout', async () => {
    const guard = new SubgraphGuard('devices', { ...settings, breakerMinCalls: 100 });
    let calls = 0;
    let aborted = false;
    const hanging = (signal: AbortSignal) => {
      calls += 1;
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<never>(() => {});
    };
    const started = Date.now();
    await expect(guard.call(hanging, { deadline: Date.now() + 100, repeatable: true })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(1);
    expect(aborted).toBe(true);
    guard.shutdown();
  });

  it('passes an answer about the caller through without counting it as a failure', async () => {
    const guard = new SubgraphGuard('devices', settings);
    const refusal = Object.assign(new Error('Forbidden'), { extensions: { code: 'FORBIDDEN' } });
    for (let i = 0; i < 5; i++) {
      await expect(guard.call(async () => Promise.reject(refusal), { deadline: Date.now() + 1_000, repeatable: true })).rejects.toBe(refusal);
    }
    expect(guard.state).toBe('closed');
    guard.shutdown();
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, half-opens after the reset time and closes on success', async () => {
    const guard = new SubgraphGuard('devices', { ...settings, retries: 0 });
    const options = () => ({ deadline: Date.now() + 1_000, repeatable: true });
    for (let i = 0; i < 3; i++) await guard.call(() => Promise.reject(unreachable()), options()).catch(() => {});
    expect(guard.state).toBe('open');
    let called = false;
    await expect(guard.call(async () => (called = true), options())).rejects.toMatchObject({ kind: 'circuit-open' });
    expect(called).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(guard.state).toBe('half-open');
    await expect(guard.call(async () => 'answer', options())).resolves.toBe('answer');
    expect(guard.state).toBe('closed');
    guard.shutdown();
  });
});

describe('partial results', () => {
  it('names the response paths of root fields and of each entity’s fields', () => {
    const root = parse('query { device(id: "1") { kind } codes: vitalSignCodes { code } __typename }');
    expect(fieldPaths(root, {})).toEqual([['device'], ['codes']]);
    const entities = parse(
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Patient { devices { id } } ... on Device { observations { edges { cursor } } } } }',
    );
    const representations = [{ __typename: 'Patient', id: 'p' }, { __typename: 'Device', id: 'd' }];
    expect(fieldPaths(entities, { representations })).toEqual([['_entities', 0, 'devices'], ['_entities', 1, 'observations']]);
  });

  it('says a write may have happened only for a mutation that may have reached the subgraph', () => {
    expect(new SubgraphFailure('devices', 'timeout', true).messageFor('write')).toMatch(/may or may not have been applied/);
    expect(new SubgraphFailure('devices', 'unreachable', false).messageFor('write')).not.toMatch(/applied/);
    expect(new SubgraphFailure('devices', 'timeout', true).messageFor('read')).toBe('The devices service did not answer in time.');
  });
});

describe('last good answers', () => {
  const viewer = { sub: 's', role: 'clinician' as const, organizationId: 'o', scopes: [], patientId: null, deviceId: null, mfa: true, clientId: null };
  const request = { query: '{ vitalSignCodes { code } }' };

  it('keeps only answers the subgraph called public and reusable, without errors', () => {
    const answers = new LastGoodAnswers(60_000);
    const key = LastGoodAnswers.keyOf('observations', request, viewer);
    for (const policy of [null, 'max-age=60, private', 'max-age=0, public', 'no-store']) {
      answers.remember(key, { data: { vitalSignCodes: [] } }, policy);
      expect(answers.recall(key)).toBeNull();
    }
    answers.remember(key, { data: { vitalSignCodes: [] }, errors: [{}] }, 'max-age=60, public');
    expect(answers.recall(key)).toBeNull();
    answers.remember(key, { data: { vitalSignCodes: [{ code: 'x' }] } }, 'max-age=60, public');
    expect(answers.recall(key)?.data).toEqual({ vitalSignCodes: [{ code: 'x' }] });
  });

  it('keys answers by service, operation, variables and the caller’s role and scopes', () => {
    const key = LastGoodAnswers.keyOf('observations', request, viewer);
    expect(LastGoodAnswers.keyOf('observations', request, { ...viewer, sub: 'other', organizationId: 'p' })).toBe(key);
    expect(LastGoodAnswers.keyOf('observations', request, { ...viewer, role: 'analyst' })).not.toBe(key);
    expect(LastGoodAnswers.keyOf('observations', request, { ...viewer, scopes: ['observations:read'] })).not.toBe(key);
    expect(LastGoodAnswers.keyOf('observations', { ...request, variables: { a: 1 } }, viewer)).not.toBe(key);
  });

  it('hands out copies, and nothing older than the limit', async () => {
    const answers = new LastGoodAnswers(30);
    const key = LastGoodAnswers.keyOf('observations', request, viewer);
    answers.remember(key, { data: { vitalSignCodes: [{ code: 'x' }] } }, 'max-age=60, public');
    (answers.recall(key)!.data.vitalSignCodes as unknown[]).push('changed by the gateway');
    expect(answers.recall(key)!.data).toEqual({ vitalSignCodes: [{ code: 'x' }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers.recall(key)).toBeNull();
  });
});

describe('configuration', () => {
  const read = (env: Record<string, string>) => readServiceConfig(env, { port: 0 });

  it('has documented defaults', () => {
    const { resilience, databaseConnectTimeoutMs, databaseStatementTimeoutMs } = read({});
    expect(resilience).toMatchObject({ requestTimeoutMs: 15_000, subgraphTimeoutMs: 10_000, retries: 2, breakerErrorPercent: 50, breakerMinCalls: 5, breakerResetMs: 10_000, maxSockets: 64, peerTimeoutMs: 5_000 });
    expect([databaseConnectTimeoutMs, databaseStatementTimeoutMs]).toEqual([5_000, 8_000]);
  });

  it('reads per-subgraph timeouts and lists every invalid value at once', () => {
    expect(read({ SUBGRAPH_TIMEOUT_MS_OBSERVATIONS: '2500' }).resilience.subgraphTimeoutOverrides).toEqual({ observations: 2_500 });
    try {
      read({ SUBGRAPH_RETRIES: '-1', SUBGRAPH_TIMEOUT_MS: 'soon', DATABASE_STATEMENT_TIMEOUT_MS: '1.5' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/SUBGRAPH_RETRIES[\s\S]*SUBGRAPH_TIMEOUT_MS[\s\S]*DATABASE_STATEMENT_TIMEOUT_MS|DATABASE_STATEMENT_TIMEOUT_MS[\s\S]*SUBGRAPH/);
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });
});
