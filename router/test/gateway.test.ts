import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSupergraphConfig, RouterProof } from '@caregraph/platform';

const proof = new RouterProof(Buffer.alloc(32, 7));
const accessLog = { record: async () => {} };
import { createRouter } from '../src/gateway.ts';

describe('createRouter', () => {
  it("turns off @apollo/gateway's usage telemetry to Apollo before the gateway is built", () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const supergraph = readSupergraphConfig(resolve(import.meta.dirname, '../../supergraph.distributed.yaml'));
    createRouter({ supergraph, inProcess: new Map(), proof, accessLog });
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it('refuses a config that runs a subgraph in-process without building it', async () => {
    const supergraph = readSupergraphConfig(resolve(import.meta.dirname, '../../supergraph.yaml'));
    const router = createRouter({ supergraph, inProcess: new Map(), proof, accessLog });
    await expect(router.start()).rejects.toThrow(/configured in-process but was not built/);
  });
});
