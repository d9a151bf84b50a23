import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';

/**
 * One registered operation, in the shape of an entry of Apollo's persisted query manifest
 * (`@apollo/generate-persisted-query-manifest`), so a partner's generated list can be pasted in.
 */
export interface RegisteredOperation {
  /** SHA-256 of `body`, lowercase hex: what a client sends as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name?: string;
  type?: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** The trusted-documents file: per OAuth client id (`azp`/`client_id`), the operations it registered. */
export interface TrustedDocumentsFile {
  format: 'caregraph-trusted-documents';
  version: 1;
  clients: Record<string, { description?: string; operations: RegisteredOperation[] }>;
}

/** The registered operations by client, as the router consults them: hash -> document. */
export class TrustedDocuments {
  private readonly byHash: ReadonlyMap<string, string>;

  private constructor(private readonly byClient: ReadonlyMap<string, ReadonlyMap<string, string>>) {
    this.byHash = new Map([...byClient.values()].flatMap((operations) => [...operations]));
  }

  static none(): TrustedDocuments {
    return new TrustedDocuments(new Map());
  }

  /**
   * Reads and checks the file; every problem is listed at once, and any one stops the start.
   * `aliases` file a listed client's operations under another client id too (the dashboard's
   * documents are filed as `caregraph-dashboard`; a deployment's IdP may know it by another id).
   */
  static load(path: string, aliases: Readonly<Record<string, string>> = {}): TrustedDocuments {
    let file: TrustedDocumentsFile;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocumentsFile;
    } catch (error) {
      throw new Error(`${path}: not readable JSON (${(error as Error).message})`);
    }
    const problems: string[] = [];
    if (file?.format !== 'caregraph-trusted-documents' || file.version !== 1) {
      problems.push('format must be "caregraph-trusted-documents" and version 1');
    }
    const byClient = new Map<string, Map<string, string>>();
    for (const [clientId, client] of Object.entries(file?.clients ?? {})) {
      const operations = new Map<string, string>();
      for (const [index, operation] of (Array.isArray(client?.operations) ? client.operations : []).entries()) {
        const where = `clients.${clientId}.operations[${index}]${operation?.name ? ` (${operation.name})` : ''}`;
        if (typeof operation?.body !== 'string') {
          problems.push(`${where}: no body`);
          continue;
        }
        if (operation.id !== sha256(operation.body)) problems.push(`${where}: id is not the SHA-256 of the body`);
        try {
          parse(operation.body);
        } catch (error) {
          problems.push(`${where}: ${(error as Error).message}`);
        }
        operations.set(operation.id, operation.body);
      }
      if (operations.size === 0) problems.push(`clients.${clientId}: no operations (a listed client may run only its registered ones)`);
      byClient.set(clientId, operations);
    }
    for (const [alias, clientId] of Object.entries(aliases)) {
      const operations = byClient.get(clientId);
      if (operations && !byClient.has(alias)) byClient.set(alias, operations);
    }
    if (problems.length > 0) throw new Error(`${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return new TrustedDocuments(byClient);
  }

  /**
   * The text of an operation some client registered, by its hash. Registered documents are not
   * secret (the dashboard's ship in its bundle): any caller who is not restricted may send one by
   * hash alone, e.g. the dashboard signed in with a token issued to another client.
   */
  published(hash: string): string | undefined {
    return this.byHash.get(hash);
  }

  /** Every client restricted to its registered operations (the explorer warns a token of theirs cannot explore). */
  clients(): string[] {
    return [...this.byClient.keys()];
  }

  /** The operations a client registered, or undefined when the client is not restricted. */
  registeredBy(clientId: string | null | undefined): ReadonlyMap<string, string> | undefined {
    return clientId ? this.byClient.get(clientId) : undefined;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
