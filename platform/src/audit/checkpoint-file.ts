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

export interface CheckpointFileContent {
  checkpoints: Checkpoint[];
  /** Line numbers (1-based) that are not checkpoints (e.g. a line cut short by a crash). */
  unreadable: number[];
}

/**
 * The append-only checkpoint file: one JSON checkpoint per line, of every database whose trail
 * this host writes (each names its ledger). Appends are single `write`s of one line (O_APPEND),
 * so several processes can publish to one file.
 */
export class CheckpointFile {
  constructor(readonly path: string) {}

  append(checkpoint: Checkpoint): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }

  read(): CheckpointFileContent {
    if (!existsSync(this.path)) return { checkpoints: [], unreadable: [] };
    const checkpoints: Checkpoint[] = [];
    const unreadable: number[] = [];
    readFileSync(this.path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        const parsed = parseCheckpoint(line);
        if (parsed) checkpoints.push(parsed);
        else unreadable.push(index + 1);
      });
    return { checkpoints, unreadable };
  }
}

function parseCheckpoint(line: string): Checkpoint | null {
  try {
    const value = JSON.parse(line) as Checkpoint;
    const wellFormed =
      value.v === 1 &&
      typeof value.ledger === 'string' &&
      typeof value.at === 'string' &&
      typeof value.mac === 'string' &&
      Array.isArray(value.heads) &&
      value.heads.every((head) => typeof head.chain === 'string' && Number.isSafeInteger(head.seq) && typeof head.mac === 'string');
    return wellFormed ? value : null;
  } catch {
    return null;
  }
}
