import { describe, expect, it } from 'vitest';
import { DoorRefusals } from '../src/host/door-refusals.ts';
import type { RequestInfo } from '../src/request.ts';
import type { Subgraph } from '../src/subgraph.ts';

interface Recorded {
  address: string | null | undefined;
  userAgent: string | null | undefined;
  token: string | null;
  fields: string[];
}

/** A subgraph whose audit trail is an array: what the door records, and from which request. */
function fakeSubgraph() {
  const events: Recorded[] = [];
  const subgraph = {
    createContext: (request: RequestInfo) => ({ request }),
    audit: (context: { request: RequestInfo }) => ({
      denied: (_type: string, fields: string[]) =>
        events.push({ address: context.request.client?.address, userAgent: context.request.client?.userAgent, token: context.request.token, fields }),
      flush: async () => {},
    }),
  } as unknown as Subgraph;
  return { subgraph, events };
}

const call = (address: string, userAgent: string | null, token = 'a-token'): RequestInfo => ({
  requestId: `r-${Math.random()}`,
  viewer: null,
  token,
  client: { address, userAgent },
});

/** Refuses, swallowing the 429 past the limit (it is what the caller gets, not a failure). */
async function knock(door: DoorRefusals, request: RequestInfo, code = 'UNAUTHENTICATED'): Promise<'refused' | 'limited'> {
  try {
    await door.refuse(request, code);
    return 'refused';
  } catch (error) {
    if ((error as { status?: number }).status === 429) return 'limited';
    throw error;
  }
}

const pendingOf = (door: DoorRefusals) => (door as unknown as { pending: Map<string, unknown> }).pending;

describe('refusals at a subgraph’s door', () => {
  it('aggregates per address and code, whatever user agent each call sends', async () => {
    const { subgraph, events } = fakeSubgraph();
    const door = new DoorRefusals(subgraph, { perAddress: 60, windowSeconds: 60 });
    try {
      for (let i = 0; i < 5000; i++) await knock(door, call('10.0.0.9', `ua-${i}`));
      expect(pendingOf(door).size).toBe(1);
      expect(events).toHaveLength(1); // the first, at once
      expect(events[0]).toMatchObject({ address: '10.0.0.9', userAgent: 'ua-0', fields: ['UNAUTHENTICATED'] });
      await door.flush();
      expect(events).toHaveLength(2);
      // The window's event: the first caller's user agent, how many more calls, how many user agents (counted up to 100).
      expect(events[1]).toEqual({ address: '10.0.0.9', userAgent: 'ua-0', token: null, fields: ['UNAUTHENTICATED', 'repeated:4999', 'user-agents:100+'] });
    } finally {
      await door.close();
    }
  });

  it('counts the distinct user agents of an address and code, and keeps codes apart', async () => {
    const { subgraph, events } = fakeSubgraph();
    const door = new DoorRefusals(subgraph, { perAddress: 0 });
    try {
      for (const userAgent of ['curl/8', 'curl/8', 'python-requests', null, 'curl/8']) await knock(door, call('10.0.0.1', userAgent));
      await knock(door, call('10.0.0.1', 'curl/8'), 'FORBIDDEN');
      await door.flush();
      expect(events.map(({ userAgent, fields }) => ({ userAgent, fields }))).toEqual([
        { userAgent: 'curl/8', fields: ['UNAUTHENTICATED'] },
        { userAgent: 'curl/8', fields: ['FORBIDDEN'] },
        { userAgent: 'curl/8', fields: ['UNAUTHENTICATED', 'repeated:4', 'user-agents:3'] },
      ]);
      // A new window starts afresh.
      await knock(door, call('10.0.0.1', 'curl/8'));
      expect(events.at(-1)!.fields).toEqual(['UNAUTHENTICATED']);
    } finally {
      await door.close();
    }
  });

  it('bounds memory and audit volume when addresses, codes and user agents all vary: the rest folds into one event', async () => {
    const { subgraph, events } = fakeSubgraph();
    const maxTracked = 10;
    const door = new DoorRefusals(subgraph, { perAddress: 3, maxTracked });
    try {
      let limited = 0;
      for (let i = 0; i < 20_000; i++) {
        const outcome = await knock(door, call(`10.1.${i % 250}.${i % 7}`, `ua-${i}`, `t-${i}`), `CODE_${i % 5}`);
        if (outcome === 'limited') limited += 1;
        expect(pendingOf(door).size).toBeLessThanOrEqual(maxTracked);
      }
      expect(limited).toBeGreaterThan(0); // the per-address limit still holds for the folded ones
      expect(events).toHaveLength(maxTracked);
      await door.flush();
      expect(events.length).toBeLessThanOrEqual(2 * maxTracked + 1);
      const overflow = events.filter((event) => event.fields[0] === 'overflow');
      expect(overflow).toEqual([{ address: expect.any(String), userAgent: expect.any(String), token: null, fields: ['overflow', expect.stringMatching(/^repeated:\d+$/), 'addresses:1000+'] }]);
      const counted = events.slice(maxTracked).reduce((sum, event) => sum + Number(event.fields[1]!.split(':')[1]), 0);
      expect(counted + maxTracked).toBe(20_000); // every refusal is in the trail, once
    } finally {
      await door.close();
    }
  });
});
