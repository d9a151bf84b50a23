import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSupergraphConfig, SMALL_DEMO, planDemoData } from '@caregraph/platform';
import { httpsRequest } from '../support/https-client.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

const plan = planDemoData(SMALL_DEMO);

/**
 * In transit: `pnpm start:distributed` in its own process with TLS_CERT_FILE/TLS_KEY_FILE serves
 * HTTPS on the router and on every subgraph, and the router reaches the subgraphs over HTTPS,
 * trusting the certificate through NODE_EXTRA_CA_CERTS (as a private CA would be trusted).
 */
describe('TLS on the router and the subgraphs (distributed, real processes)', () => {
  let dir: string;
  let ca: string;
  let platform: PlatformProcess;
  let routerUrl: string;
  let subgraphUrls: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-tls-'));
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', notAfterDate: new Date(Date.now() + 86_400_000) });
    ca = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
    platform = await startPlatformProcess('distributed', {}, { tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') } });
    routerUrl = platform.url;
    subgraphUrls = readSupergraphConfig(platform.supergraphConfig).subgraphs.map((entry) => entry.routingUrl);
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a cross-subgraph query over HTTPS, with PHI, through subgraphs reached over HTTPS', async () => {
    const patient = plan.patients[0]!;
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
    const answer = await httpsRequest(routerUrl, {
      ca,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ query: 'query ($p: ID!) { patient(id: $p) { mrn devices { id } latestVitals { code } accessLog(first: 1) { edges { node { action } } } } }', variables: { p: patient.id } }),
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.errors).toBeUndefined();
    expect(body.data.patient.mrn).toBe(patient.mrn);
    expect(body.data.patient.devices.length).toBeGreaterThan(0);
    expect(answer.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(answer.certificate.fingerprint256).toBe(new X509Certificate(ca).fingerprint256);
  });

  it('serves every subgraph over HTTPS only', async () => {
    for (const url of subgraphUrls) {
      expect(url.startsWith('https://')).toBe(true);
      expect((await httpsRequest(url.replace(/\/graphql$/, '/healthz'), { ca })).status).toBe(200);
      await expect(fetch(url.replace(/^https:/, 'http:').replace(/\/graphql$/, '/healthz'))).rejects.toThrow();
    }
  });

  it('refuses plain HTTP on the router’s port', async () => {
    await expect(fetch(routerUrl.replace(/^https:/, 'http:').replace(/\/graphql$/, '/healthz'))).rejects.toThrow();
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const stranger = (await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', notAfterDate: new Date(Date.now() + 86_400_000) })).cert;
    await expect(httpsRequest(routerUrl.replace(/\/graphql$/, '/healthz'), { ca: stranger })).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });
});
