import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type HttpService } from '@caregraph/platform';

function headersOf(url: string, ca: string): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      res.resume();
      resolve(res.headers);
    })
      .on('error', reject)
      .end();
  });
}

describe('security headers over TLS', () => {
  let service: HttpService;
  let ca: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caregraph-headers-'));
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', notAfterDate: new Date(Date.now() + 86_400_000) });
    ca = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    service = await listen({
      port: 0,
      host: '127.0.0.1',
      tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
      graphql: (_req, res) => void res.end('{}'),
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('adds HSTS, so a browser never falls back to plain HTTP', async () => {
    for (const path of ['/graphql', '/healthz']) {
      const headers = await headersOf(service.url.replace('127.0.0.1', 'localhost').replace('/graphql', path), ca);
      expect(headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      expect(headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
