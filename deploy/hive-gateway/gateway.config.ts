import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { defineConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway in front of caregraph's subgraphs, by configuration only:
 *
 *   hive-gateway supergraph supergraph.distributed.graphql -c deploy/hive-gateway/gateway.config.ts
 *
 * Environment (read once, at start):
 * - `ROUTER_CREDENTIAL`: the shared secret every subgraph call carries as
 *   `x-caregraph-router-credential` (the subgraphs read the same variable). Required unless the
 *   client certificate below is set.
 * - `SUBGRAPH_CLIENT_CERT_FILE`, `SUBGRAPH_CLIENT_KEY_FILE` (both or neither) and `SUBGRAPH_CA_FILE`:
 *   mutual TLS to subgraphs at `https://` URLs (the router's client certificate, its key, and the
 *   private CA that signed the subgraphs' certificates; the same variables as caregraph's router,
 *   `pnpm certs` makes a development set).
 * - `PATIENTS_SUBGRAPH_URL`, `DEVICES_SUBGRAPH_URL`, `OBSERVATIONS_SUBGRAPH_URL`,
 *   `AUDIT_SUBGRAPH_URL`: where each subgraph is, when not at the supergraph's routing URL.
 */

const problems: string[] = [];
const env = (name: string): string | undefined => process.env[name] || undefined;

const credential = env('ROUTER_CREDENTIAL');
const certFile = env('SUBGRAPH_CLIENT_CERT_FILE');
const keyFile = env('SUBGRAPH_CLIENT_KEY_FILE');
const caFile = env('SUBGRAPH_CA_FILE');
if (!certFile !== !keyFile) problems.push('SUBGRAPH_CLIENT_CERT_FILE and SUBGRAPH_CLIENT_KEY_FILE: set both or neither');
if (!credential && !certFile) problems.push('ROUTER_CREDENTIAL (or a client certificate): subgraphs refuse calls that carry neither');
if (problems.length > 0) throw new Error(`Hive Gateway configuration:\n  - ${problems.join('\n  - ')}`);

const tls = certFile || caFile ? new Agent({ keepAlive: true, ...(certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : {}), ...(caFile ? { ca: readFileSync(caFile) } : {}) }) : undefined;

const SUBGRAPHS = { patients: 'PATIENTS_SUBGRAPH_URL', devices: 'DEVICES_SUBGRAPH_URL', observations: 'OBSERVATIONS_SUBGRAPH_URL', audit: 'AUDIT_SUBGRAPH_URL' };
const locations = Object.fromEntries(
  Object.entries(SUBGRAPHS).flatMap(([name, variable]) => (env(variable) ? [[name, { location: env(variable) }]] : [])),
);

/**
 * The id every subgraph fetch of one client request carries as `x-request-id`: made here, one per
 * request (the GraphQL context is the same object for all of them), never the client's. The
 * subgraphs record a request's disclosures once across its fetches by this id, so a client that
 * could choose it could fold its requests into one event. Hive's own request id would be the
 * client's `x-request-id` when one is sent, so it is off (`requestId: false`).
 */
const requestIds = new WeakMap<object, string>();
const requestIdOf = (context: object): string => {
  let id = requestIds.get(context);
  if (!id) requestIds.set(context, (id = randomUUID()));
  return id;
};

export const gatewayConfig = defineConfig({
  requestId: false,
  // Subgraph errors keep their own codes; one without a code is INTERNAL (the API's catalogue has
  // no DOWNSTREAM_SERVICE_ERROR), and the answer does not name the subgraph (as caregraph's router).
  subgraphErrors: { errorCode: 'INTERNAL', subgraphNameProp: false },
  transportEntries: {
    ...locations,
    '*.http': {
      headers: credential ? [['x-caregraph-router-credential', credential]] : [],
      // Identical concurrent reads are not merged into one fetch: each is a disclosure of its own
      // in the audit trail. (The per-request x-request-id below keeps them apart anyway: it is part
      // of Hive's merge key.)
      options: { deduplicateInflightRequests: false },
    },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, context }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      'x-request-id': requestIdOf(context),
      // The caller's own id, kept beside the platform's (audit clientRequestId).
      'x-caregraph-client-request-id': request.headers.get('x-request-id') ?? undefined,
      'x-caregraph-client-agent': request.headers.get('user-agent') ?? undefined,
    }),
    // The subgraphs answer with the id they recorded the request under: the client gets it once.
    fromSubgraphsToClient: ({ response }) => ({ 'x-request-id': response.headers.get('x-request-id') ?? undefined }),
    deduplicateHeaders: true,
  },
  ...(tls ? { customAgent: ({ url }: { url: string }) => (url.startsWith('https:') ? tls : undefined) } : {}),
});
