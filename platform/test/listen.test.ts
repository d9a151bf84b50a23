import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type HttpService } from '../src/http/listen.ts';

const refusedOrReached = (host: string, port: number) =>
  new Promise<'reached' | 'refused'>((done) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), done('reached')));
    socket.once('error', () => done('refused'));
  });

/** An address of this machine that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe('listen', () => {
  let service: HttpService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });
  const start = (options: Partial<Parameters<typeof listen>[0]> = {}) => listen({ port: 0, graphql: (_req, res) => void res.end('{}'), ...options });

  it('binds loopback unless told otherwise, and says so in its URL', async () => {
    service = await start();
    const { port } = service.server.address() as { port: number };
    expect(service.url).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(await refusedOrReached('127.0.0.1', port)).toBe('reached');
    if (outsideAddress) expect(await refusedOrReached(outsideAddress, port)).toBe('refused');
  });

  it('binds every interface when told (HOST=0.0.0.0), reached as localhost', async () => {
    service = await start({ host: '0.0.0.0' });
    const { port } = service.server.address() as { port: number };
    expect(service.url).toBe(`http://localhost:${port}/graphql`);
    if (outsideAddress) expect(await refusedOrReached(outsideAddress, port)).toBe('reached');
  });

  it('writes an IPv6 address in brackets', async () => {
    service = await start({ host: '::1' }).catch(() => undefined); // a machine without IPv6 loopback skips this
    if (!service) return;
    expect(service.url).toMatch(/^http:\/\/\[::1\]:\d+\/graphql$/);
  });

  it('keeps idle connections 65 s by default (a load balancer closes first), headers 66 s', async () => {
    service = await start();
    expect(service.server.keepAliveTimeout).toBe(65_000);
    expect(service.server.headersTimeout).toBe(66_000);
  });

  it('applies the configured timeouts', async () => {
    service = await start({ timeouts: { keepAliveTimeoutMs: 120_000, headersTimeoutMs: 125_000 } });
    expect(service.server.keepAliveTimeout).toBe(120_000);
    expect(service.server.headersTimeout).toBe(125_000);
  });
});
