import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';

/**
 * Calls between services go through node:http(s), not the built-in fetch: an Agent bounds the
 * connections per service (`maxSockets`; further calls queue for a free socket), keeps them alive,
 * and OpenTelemetry's http instrumentation sees the call (it does not see the built-in fetch).
 */
export type ServiceAgent = HttpAgent | HttpsAgent;

/**
 * With `clientTls`, an https agent presents that client certificate (mutual TLS, the subgraphs'
 * `TLS_CLIENT_CA_FILE`) and checks the service's certificate against its CA; files are read once.
 */
export function serviceAgent(url: string, maxSockets: number, clientTls?: { certFile: string; keyFile: string; caFile: string | undefined }): ServiceAgent {
  const options = { keepAlive: true, maxSockets, maxFreeSockets: Math.min(maxSockets, 16) };
  if (new URL(url).protocol !== 'https:') return new HttpAgent(options);
  const tls = clientTls
    ? { cert: readFileSync(clientTls.certFile), key: readFileSync(clientTls.keyFile), ...(clientTls.caFile ? { ca: readFileSync(clientTls.caFile) } : {}) }
    : {};
  return new HttpsAgent({ ...options, ...tls });
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A larger answer is not a GraphQL response caregraph produces: refuse to buffer it. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Network-level failures: the request did not get an answer (refused, reset, unresolvable). */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
]);

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

/** Connection refused before anything was sent: the call certainly had no effect. */
export function wasNotSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

export class AnswerTooLarge extends Error {
  constructor() {
    super(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
    this.name = 'AnswerTooLarge';
  }
}

/** POSTs `body` and buffers the answer; `signal` aborts the request at any point (queued, sending, reading). */
export function httpPost(
  url: string,
  options: { agent: ServiceAgent; headers: Record<string, string>; body: string; signal: AbortSignal },
): Promise<HttpAnswer> {
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: options.agent,
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        signal: options.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            res.destroy(new AnswerTooLarge());
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' })));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
