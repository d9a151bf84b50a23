// `node dist/scripts/healthcheck.js`: the image's HEALTHCHECK. Asks this container's own service for
// GET /healthz on loopback (PORT, default 4000; HTTPS when TLS_CERT_FILE is set) and exits 0 on 200,
// 1 otherwise or after 3 s. Liveness only, as /healthz is: a down dependency never fails it.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const TIMEOUT_MS = 3_000;
const port = Number(process.env.PORT || 4000);
const tls = Boolean(process.env.TLS_CERT_FILE);
const readIf = (file: string | undefined) => (file ? readFileSync(file) : undefined);

const request = tls
  ? httpsRequest({
      host: '127.0.0.1',
      port,
      path: '/healthz',
      timeout: TIMEOUT_MS,
      // The process's own port on loopback: whether it is alive, not who it is (its certificate
      // names its service, not 127.0.0.1). A server that asks for client certificates gets ours.
      rejectUnauthorized: false,
      cert: readIf(process.env.SUBGRAPH_CLIENT_CERT_FILE),
      key: readIf(process.env.SUBGRAPH_CLIENT_KEY_FILE),
    })
  : httpRequest({ host: '127.0.0.1', port, path: '/healthz', timeout: TIMEOUT_MS });

request
  .on('response', (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  })
  .on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)))
  .on('error', (error) => {
    console.error(`healthcheck: ${error.message}`);
    process.exit(1);
  })
  .end();
