import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ProofKind } from './router-proof.ts';

/** The common names of the client certificates `pnpm certs` issues, and whom each stands for. */
export const ROUTER_CERTIFICATE_NAME = 'caregraph-router';
export const PEER_CERTIFICATE_NAME = 'caregraph-peer';

/**
 * The kind of call a verified client certificate (mutual TLS against `TLS_CLIENT_CA_FILE`) proves:
 * a router's (`caregraph-router`; without a caller's token the caller's sign-in is refused), or a peer's (`caregraph-peer`: `peer` with
 * a token, `service` without). Null without a certificate the CA signed, or with another name.
 */
export function certificateKind(req: IncomingMessage, withToken: boolean): ProofKind | null {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return null;
  const name = socket.getPeerCertificate().subject?.CN;
  if (name === PEER_CERTIFICATE_NAME) return withToken ? 'peer' : 'service';
  if (name === ROUTER_CERTIFICATE_NAME) return 'router';
  return null;
}
