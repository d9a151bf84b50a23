import { request } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';

export interface HttpsAnswer {
  status: number;
  body: string;
  /** The certificate the server presented. */
  certificate: PeerCertificate;
  protocol: string | null;
}

/**
 * One HTTPS request trusting only `ca` (Node's fetch cannot be given a CA per call). Rejects on
 * any TLS failure, as a client that checks certificates would.
 */
export function httpsRequest(
  url: string,
  options: { ca: string; method?: string; headers?: Record<string, string>; body?: string; clientCertificate?: { cert: string; key: string } },
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const tls = { ca: options.ca, ...(options.clientCertificate ?? {}) };
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, ...tls, agent: false, timeout: 10_000 }, (res) => {
      const socket = res.socket as TLSSocket;
      const certificate = socket.getPeerCertificate();
      const protocol = socket.getProtocol();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), certificate, protocol }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}
