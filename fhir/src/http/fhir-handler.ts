import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import { operationOutcome } from '../mapping/operation-outcome.ts';
import { capabilityStatement, READABLE_TYPES, type ReadableType } from './capability-statement.ts';
import type { GraphExecutor } from './graph.ts';
import { readDevice, readObservation, readPatient, type ReadResult } from './reads.ts';

export const FHIR_PREFIX = '/fhir';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** FHIR ids: 1-64 of [A-Za-z0-9.-]. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/** A refusal before any read (no token, a bad one, too many requests): its status, and why in words safe to show. */
export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

export interface FhirHandlerOptions {
  /**
   * The router's door for this request: verifies the caller (or throws a {@link Refusal}-like error
   * with `status`) and returns the executor that runs GraphQL as them.
   */
  executorFor(req: IncomingMessage, res: ServerResponse): Promise<GraphExecutor>;
  software: { version: string; releaseDate: string };
}

const READS: Record<ReadableType, (graph: GraphExecutor, id: string) => Promise<ReadResult>> = {
  Patient: readPatient,
  Observation: readObservation,
  Device: readDevice,
};

function send(res: ServerResponse, status: number, body: Resource, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', FHIR_JSON);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, error: unknown): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number') throw error;
  const code = status === 401 ? 'login' : status === 403 ? 'forbidden' : status === 429 ? 'throttled' : 'invalid';
  const outcome = operationOutcome(code === 'throttled' ? 'transient' : code, (error as Error).message);
  send(res, status, outcome.body, {
    ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    ...((error as { headers?: Record<string, string> }).headers ?? {}),
  });
}

/**
 * caregraph's FHIR R4 face at `/fhir` (read so far): `metadata`, and `Patient/{id}`,
 * `Observation/{id}`, `Device/{id}` computed from the graph as the caller (the router's access
 * rules and audit trail apply as to any GraphQL request). Everything else is an OperationOutcome.
 */
export function fhirHandler(options: FhirHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fhir.invalid');
    const parts = url.pathname.slice(FHIR_PREFIX.length).split('/').filter(Boolean);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      const outcome = operationOutcome('not-supported', `${req.method} is not supported: this server reads only`);
      return send(res, 405, outcome.body);
    }
    if (parts.length === 1 && parts[0] === 'metadata') {
      const host = req.headers.host ?? 'localhost';
      const base = `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host}${FHIR_PREFIX}`;
      return send(res, 200, capabilityStatement(base, options.software));
    }
    const [type, id, ...rest] = parts;
    if (!type || !READABLE_TYPES.includes(type as ReadableType) || rest.length > 0) {
      const outcome = operationOutcome('not-supported', `${url.pathname} is not an interaction this server supports (see /fhir/metadata)`);
      return send(res, outcome.status === 400 ? 404 : outcome.status, outcome.body);
    }
    if (!id) {
      const outcome = operationOutcome('not-supported', `search on ${type} is not supported yet (see /fhir/metadata)`);
      return send(res, 400, outcome.body);
    }
    if (!FHIR_ID.test(id)) {
      const outcome = operationOutcome('invalid', 'the id is not a FHIR id (1-64 letters, digits, dots or dashes)', 'id');
      return send(res, outcome.status, outcome.body);
    }
    let graph: GraphExecutor;
    try {
      graph = await options.executorFor(req, res);
    } catch (error) {
      return refuse(res, error);
    }
    const result = await READS[type as ReadableType](graph, id);
    if ('resource' in result) return send(res, 200, result.resource);
    send(res, result.outcome.status, result.outcome.body);
  };
}
