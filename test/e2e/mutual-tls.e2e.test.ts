import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDemoData, readSupergraphConfig, ROUTER_CREDENTIAL_HEADER, RouterProof, SMALL_DEMO } from '@caregraph/platform';
import { makeDevelopmentCertificates } from '../../scripts/dev-certificates.ts';
import { httpsRequest } from '../support/https-client.ts';
import { PROCESS_TEST_TIMEOUT_MS, startPlatformProcess, type PlatformProcess } from '../support/platform-process.ts';
import { bearer, TEST_ROUTER_SECRET_FILE, tokenFor } from '../support/tokens.ts';

const plan = planDemoData(SMALL_DEMO);
const patient = plan.patients[0]!;

/**
 * Subgraph trust by mutual TLS (`pnpm certs`' development CA): with TLS_CLIENT_CA_FILE a subgraph
 * answers only a caller whose client certificate that CA signed (the router's or a peer's), and
 * nothing else vouches for a call, neither a shared credential nor a certificate of another CA.
 */
describe('mutual TLS between the router and the subgraphs (distributed, real processes)', () => {
  let dir: string;
  let otherDir: string;
  let platform: PlatformProcess;
  let patientsUrl: string;
  let admin: Record<string, string>;
  const pem = (name: string, inDir = dir) => readFileSync(join(inDir, `${name}.pem`), 'utf8');
  const client = (name: string, inDir = dir) => ({ cert: pem(name, inDir), key: pem(`${name}-key`, inDir) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caregraph-mtls-'));
    otherDir = mkdtempSync(join(tmpdir(), 'caregraph-mtls-other-'));
    await makeDevelopmentCertificates(dir, 1);
    await makeDevelopmentCertificates(otherDir, 1);
    platform = await startPlatformProcess(
      'distributed',
      {
        TLS_CLIENT_CA_FILE: join(dir, 'ca.pem'),
        // Every process of this test serves with one certificate; caregraph's router calls as a peer
        // (its audit records are internal calls), and so do the subgraphs.
        SUBGRAPH_CLIENT_CERT_FILE: join(dir, 'caregraph-peer.pem'),
        SUBGRAPH_CLIENT_KEY_FILE: join(dir, 'caregraph-peer-key.pem'),
        SUBGRAPH_CA_FILE: join(dir, 'ca.pem'),
        NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      },
      { tls: { certFile: join(dir, 'router.pem'), keyFile: join(dir, 'router-key.pem') } },
    );
    patientsUrl = readSupergraphConfig(platform.supergraphConfig).subgraphs.find((entry) => entry.name === 'patients')!.routingUrl;
    admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  const query = { query: 'query ($p: ID!) { patient(id: $p) { mrn } }', variables: { p: patient.id } };
  const direct = (headers: Record<string, string>, clientCertificate?: { cert: string; key: string }) =>
    httpsRequest(patientsUrl, {
      ca: pem('ca'),
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(query),
      ...(clientCertificate ? { clientCertificate } : {}),
    });

  it('serves a cross-subgraph query through the router, every hop with a client certificate', async () => {
    const answer = await httpsRequest(platform.url, {
      ca: pem('ca'),
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ query: 'query ($p: ID!) { patient(id: $p) { mrn devices { id } latestVitals { code } } }', variables: { p: patient.id } }),
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.errors).toBeUndefined();
    expect(body.data.patient.mrn).toBe(patient.mrn);
  });

  it('answers a router’s certificate with a valid token', async () => {
    const answer = await direct(admin, client('caregraph-router'));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.patient.mrn).toBe(patient.mrn);
  });

  it.each([
    ['no client certificate', undefined],
    ['a certificate another CA signed', 'other'],
  ] as const)('refuses %s (401, no data), whatever else the call carries', async (_case, certificate) => {
    // The router credential the processes would accept without mutual TLS (derived from the shared secret file).
    const credential = { [ROUTER_CREDENTIAL_HEADER]: RouterProof.fromConfig(undefined, TEST_ROUTER_SECRET_FILE).credentials.router[0]! };
    const answer = await direct({ ...admin, ...credential }, certificate === 'other' ? client('caregraph-router', otherDir) : undefined);
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain(patient.mrn);
  });

  it('refuses a router’s certificate without a token', async () => {
    const answer = await direct({}, client('caregraph-router'));
    expect(answer.status).toBe(401);
  });
});
