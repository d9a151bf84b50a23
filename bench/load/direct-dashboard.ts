import { randomUUID } from 'node:crypto';
import { provenHeaders, ROUTER_PROOF_HEADER, RouterProof, type Viewer } from '@caregraph/platform';
import { JsonPoster } from './http-client.ts';
import { hasGraphQLErrors } from './result.ts';

/** W1 straight to the subgraphs (distributed mode): the URLs and who is asking. */
export interface DirectDashboardSpec {
  subgraphs: { patients: string; devices: string; observations: string; audit: string };
  routerSecretFile: string;
  token: string;
  /** The caller the token stands for, as the router would know it after verifying it. */
  viewer: Viewer;
  patientId: string;
}

// The fetches the router's query plan makes for DASHBOARD: the patient, then devices and latest
// vitals of that entity side by side.
const PATIENT = 'query($id:ID!){patient(id:$id){__typename id name{text}ageBand}}';
const DEVICES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Patient{devices{kind serialNumber}}}}';
const VITALS = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Patient{latestVitals{display value unit effectiveAt}}}}';

/**
 * One dashboard as a client holding the router's secret would fetch it without the router: each
 * fetch signed with a router proof and carrying the caller's token (every subgraph verifies both,
 * and records its own reads before answering, as for the router). So the difference from the
 * routed request is the router's own work: parsing, planning, proof signing, merging, its hop.
 */
export function directDashboard(spec: DirectDashboardSpec): { iteration: () => Promise<boolean>; close(): void } {
  const proof = RouterProof.fromConfig(undefined, spec.routerSecretFile);
  const poster = new JsonPoster();
  const representations = [{ __typename: 'Patient', id: spec.patientId }];

  const fetch = async (url: string, query: string, variables: Record<string, unknown>, requestId: string) => {
    const operation = { query, variables };
    // The proof covers the request id the subgraph records under (PROVEN_HEADERS), as the router's does.
    const signed = { ...operation, token: spec.token, headers: provenHeaders((name) => (name === 'x-request-id' ? requestId : undefined)) };
    const headers = { authorization: `Bearer ${spec.token}`, 'x-request-id': requestId, [ROUTER_PROOF_HEADER]: proof.sign(signed, 'router') };
    const response = await poster.post(url, operation, headers);
    if (response.status !== 200 || hasGraphQLErrors(response.text)) throw new Error(`${url} answered ${response.status}`);
  };

  return {
    async iteration() {
      const requestId = randomUUID();
      await fetch(spec.subgraphs.patients, PATIENT, { id: spec.patientId }, requestId);
      await Promise.all([
        fetch(spec.subgraphs.devices, DEVICES, { representations }, requestId),
        fetch(spec.subgraphs.observations, VITALS, { representations }, requestId),
      ]);
      return true;
    },
    close: () => poster.close(),
  };
}

/** The same dashboard through the router, with the same HTTP client, for a like-for-like latency. */
export function routedDashboard(spec: { url: string; token: string; patientId: string; query: string }) {
  const poster = new JsonPoster();
  return {
    async iteration() {
      const response = await poster.post(spec.url, { query: spec.query, variables: { id: spec.patientId } }, { authorization: `Bearer ${spec.token}` });
      return response.status === 200 && !hasGraphQLErrors(response.text);
    },
    close: () => poster.close(),
  };
}
