import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChainKey } from './chain-key.ts';

/** Where one chain stood: its last sequence number and that event's MAC. */
export interface CheckpointHead {
  chain: string;
  seq: number;
  mac: string;
}

/**
 * A signed statement of where chains stood at a moment, published outside the database (a line
 * in the checkpoint file and one in the log stream). A database rolled back behind it (tail
 * removed, head rewound) no longer holds the event it names.
 */
export interface Checkpoint {
  v: 1;
  ledger: string;
  at: string;
  heads: CheckpointHead[];
  mac: string;
}

export function signCheckpoint(key: ChainKey, ledger: string, at: Date, heads: CheckpointHead[]): Checkpoint {
  const sorted = [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const body = { v: 1 as const, ledger, at: at.toISOString(), heads: sorted };
  return { ...body, mac: key.checkpoint(checkpointBody(body)) };
}

export function checkpointIsSigned(key: ChainKey, checkpoint: Checkpoint): boolean {
  return key.checkpoint(checkpointBody(checkpoint)) === checkpoint.mac;
}

function checkpointBody(checkpoint: Omit<Checkpoint, 'mac'>): string {
  return JSON.stringify([checkpoint.v, checkpoint.ledger, checkpoint.at, checkpoint.heads.map((head) => [head.chain, head.seq, head.mac])]);
}

/**
 * A signed statement, made by a holder of the audit key, of which chains held events from before
 * the keyed chain (unkeyed SHA-256) when it first saw the migrated database: for each, its
 * cut-over (`legacy_until`, as `seq`) and the hash of the event there, which pins every unkeyed
 * event before it. A chain with a cut-over that no attestation names with exactly that cut-over
 * and hash does not verify, so unkeyed events cannot be added or rewritten by whoever holds only
 * the database. `chains` is empty for a database that held no unkeyed events.
 */
export interface LegacyAttestation {
  v: 1;
  kind: 'legacy-attestation';
  ledger: string;
  at: string;
  chains: CheckpointHead[];
  mac: string;
}

export function signAttestation(key: ChainKey, ledger: string, at: Date, chains: CheckpointHead[]): LegacyAttestation {
  const sorted = [...chains].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const body = { v: 1 as const, kind: 'legacy-attestation' as const, ledger, at: at.toISOString(), chains: sorted };
  return { ...body, mac: key.checkpoint(attestationBody(body)) };
}

export function attestationIsSigned(key: ChainKey, attestation: LegacyAttestation): boolean {
  return key.checkpoint(attestationBody(attestation)) === attestation.mac;
}

// Tagged, so that no checkpoint's signature is one of an attestation (a checkpoint's body begins with its version).
function attestationBody(attestation: Omit<LegacyAttestation, 'mac'>): string {
  return JSON.stringify(['legacy-attestation', attestation.v, attestation.ledger, attestation.at, attestation.chains.map((head) => [head.chain, head.seq, head.mac])]);
}

export interface CheckpointFileContent {
  checkpoints: Checkpoint[];
  attestations: LegacyAttestation[];
  /** Line numbers (1-based) that are not checkpoints (e.g. a line cut short by a crash). */
  unreadable: number[];
}

/**
 * The append-only checkpoint file: one JSON checkpoint or legacy attestation per line, of every
 * database whose trail this host writes (each names its ledger). Appends are single `write`s of one line (O_APPEND),
 * so several processes can publish to one file.
 */
export class CheckpointFile {
  constructor(readonly path: string) {}

  append(record: Checkpoint | LegacyAttestation): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }

  read(): CheckpointFileContent {
    if (!existsSync(this.path)) return { checkpoints: [], attestations: [], unreadable: [] };
    const checkpoints: Checkpoint[] = [];
    const attestations: LegacyAttestation[] = [];
    const unreadable: number[] = [];
    readFileSync(this.path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        const parsed = parseRecord(line);
        if (parsed && 'kind' in parsed) attestations.push(parsed);
        else if (parsed) checkpoints.push(parsed);
        else unreadable.push(index + 1);
      });
    return { checkpoints, attestations, unreadable };
  }
}

const wellFormedHeads = (heads: unknown): heads is CheckpointHead[] =>
  Array.isArray(heads) &&
  heads.every((head: CheckpointHead) => typeof head?.chain === 'string' && Number.isSafeInteger(head.seq) && typeof head.mac === 'string');

function parseRecord(line: string): Checkpoint | LegacyAttestation | null {
  try {
    const value = JSON.parse(line) as (Checkpoint & { kind?: undefined }) | LegacyAttestation;
    const wellFormed = value.v === 1 && typeof value.ledger === 'string' && typeof value.at === 'string' && typeof value.mac === 'string';
    if (!wellFormed) return null;
    if (value.kind === 'legacy-attestation') return wellFormedHeads(value.chains) ? value : null;
    return value.kind === undefined && wellFormedHeads(value.heads) ? value : null;
  } catch {
    return null;
  }
}
