// `pnpm certs [dir]`: a development CA and certificates for TLS and mutual TLS between the router
// and the subgraphs (default dir `.data/certs`). See docs/operating.md, "Subgraph trust".
import { resolve } from 'node:path';
import { makeDevelopmentCertificates, SERVED, CLIENTS } from './dev-certificates.ts';

const dir = resolve(process.argv[2] ?? '.data/certs');
await makeDevelopmentCertificates(dir);
console.log(`Development CA and certificates written to ${dir}:
  ca.pem                       the CA: TLS_CLIENT_CA_FILE (subgraphs), SUBGRAPH_CA_FILE (callers), NODE_EXTRA_CA_CERTS
  <service>.pem, -key.pem      server certificates (${SERVED.join(', ')}): TLS_CERT_FILE, TLS_KEY_FILE
  ${CLIENTS.join('.pem, ')}.pem  client certificates (+ -key.pem): SUBGRAPH_CLIENT_CERT_FILE, SUBGRAPH_CLIENT_KEY_FILE
Keys are mode 0600. For development only: production uses its own CA.`);
