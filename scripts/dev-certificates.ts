import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { PEER_CERTIFICATE_NAME, ROUTER_CERTIFICATE_NAME } from '@caregraph/platform';

/** The services that serve HTTPS, each with a server certificate for its own name. */
export const SERVED = ['router', 'patients', 'devices', 'observations', 'audit'] as const;
/** Client certificates for mutual TLS: a router's (for any router in front), a peer's (subgraphs and caregraph's router). */
export const CLIENTS = [ROUTER_CERTIFICATE_NAME, PEER_CERTIFICATE_NAME] as const;

const DAY_MS = 86_400_000;

type Extensions = NonNullable<NonNullable<Parameters<typeof generate>[1]>['extensions']>;

function write(dir: string, name: string, pem: string, secret = false): void {
  const path = join(dir, name);
  writeFileSync(path, pem, secret ? { mode: 0o600 } : {});
  if (secret) chmodSync(path, 0o600);
}

/**
 * A development certificate authority and what it signs, for TLS and mutual TLS between the
 * router and the subgraphs: `ca.pem` (trust it: `TLS_CLIENT_CA_FILE`, `SUBGRAPH_CA_FILE`,
 * `NODE_EXTRA_CA_CERTS`), `<service>.pem` / `<service>-key.pem` (`TLS_CERT_FILE`, `TLS_KEY_FILE`;
 * names: the service, localhost, 127.0.0.1, ::1), `caregraph-router.pem` and `caregraph-peer.pem`
 * with keys (`SUBGRAPH_CLIENT_CERT_FILE`, `SUBGRAPH_CLIENT_KEY_FILE`). Not for production: there,
 * certificates come from the organization's own CA (or a service mesh).
 */
export async function makeDevelopmentCertificates(dir: string, validDays = 365): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notAfterDate = new Date(Date.now() + validDays * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'caregraph development CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  write(dir, 'ca.pem', ca.cert);
  write(dir, 'ca-key.pem', ca.private, true);
  const signer = { key: ca.private, cert: ca.cert };
  /** A certificate the CA signs for `name`, with these extensions beside the common ones. */
  const issue = async (name: string, extensions: Extensions) => {
    const pems = await generate([{ name: 'commonName', value: name }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      ca: signer,
      extensions: [{ name: 'basicConstraints', cA: false }, ...extensions],
    });
    write(dir, `${name}.pem`, pems.cert);
    write(dir, `${name}-key.pem`, pems.private, true);
  };
  for (const service of SERVED) {
    await issue(service, [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: service },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ]);
  }
  for (const client of CLIENTS) {
    await issue(client, [
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
  }
}
