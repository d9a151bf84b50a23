import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { type DomainService, type ServiceDeps, type Subgraph, type Viewer } from '@caregraph/platform';
import { createPatientsSubgraph } from '@caregraph/patients';
import { PatientVault, type PatientIdentifiers, type SealedRow } from '@caregraph/patients/crypto/patient-vault';
import { resolvers as auditResolvers } from '@caregraph/audit/resolvers';
import { resolvers as devicesResolvers } from '@caregraph/devices/resolvers/index';
import { resolvers as observationsResolvers } from '@caregraph/observations/resolvers/index';
import { resolvers as patientsResolvers } from '@caregraph/patients/resolvers/index';
import type { AccessLog } from '@caregraph/router/access-log';
import type { RouterContext } from '@caregraph/router/context';

// "Security off", for measuring what security costs. Built only here, in code: nothing in the
// platform's configuration can produce any of it. Record-level reach (the SQL conditions of each
// repository) stays: it is how the data is queried, not a layer in front of it.

// The platform's own copy of @apollo/subgraph (a dependency of the platform, not of the root), so
// the schema is built exactly as defineSubgraph builds it, minus withPermissions.
const { buildSubgraphSchema } = createRequire(import.meta.resolve('@caregraph/platform'))('@apollo/subgraph') as {
  buildSubgraphSchema(modules: { typeDefs: DocumentNode; resolvers: unknown }): GraphQLSchema;
};

/** Each subgraph's SDL and resolvers: the same schema the platform builds, minus graphql-shield. */
const SOURCES: Record<string, { sdl: URL; resolvers: object }> = {
  patients: { sdl: new URL('../../subgraphs/patients/src/schema.graphql', import.meta.url), resolvers: patientsResolvers },
  devices: { sdl: new URL('../../subgraphs/devices/src/schema.graphql', import.meta.url), resolvers: devicesResolvers },
  observations: { sdl: new URL('../../subgraphs/observations/src/schema.graphql', import.meta.url), resolvers: observationsResolvers },
  audit: { sdl: new URL('../../subgraphs/audit/src/schema.graphql', import.meta.url), resolvers: auditResolvers },
};

function schemaWithoutFieldRules(name: string): GraphQLSchema {
  const source = SOURCES[name];
  if (!source) throw new Error(`no unguarded schema for subgraph ${name}`);
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(source.sdl, 'utf8')), resolvers: source.resolvers as never });
}

/** Identifiers handed out as stored: no data key unwrapped, nothing decrypted. */
class UnreadVault extends PatientVault {
  override unwrap(): Promise<Buffer> {
    return Promise.resolve(Buffer.alloc(0));
  }

  override open(row: SealedRow): PatientIdentifiers {
    return { mrn: row.mrnEnc, familyName: row.nameEnc, givenNames: [], birthDate: row.birthDateEnc, email: row.contactEnc, phone: null };
  }
}

/**
 * A domain without its guards: no field rules (graphql-shield), no audit hand-over to the router
 * (resolvers still note reads in their per-request recorder, in memory), and for patients no
 * decryption of identifiers (the ciphertext is returned unread).
 */
export function unguardedSubgraph(service: DomainService, deps: ServiceDeps): Subgraph {
  const built =
    service.name === 'patients'
      ? createPatientsSubgraph({
          db: deps.db,
          phiKeys: deps.phiKeys,
          peers: { observations: deps.peers.observations!, devices: deps.peers.devices! },
          vault: new UnreadVault(deps.phiKeys.keys, deps.phiKeys.blindIndex),
        })
      : service.create(deps);
  return { name: built.name, schema: schemaWithoutFieldRules(service.name), createContext: built.createContext };
}

/** An access log that records nothing. */
export const NO_ACCESS_LOG: AccessLog = { record: async () => {} };

/** Instead of verifying a token: every request is this viewer. */
export function fixedViewerContext(viewer: Viewer) {
  return async (req: IncomingMessage): Promise<RouterContext> => ({
    request: { requestId: randomUUID(), viewer, token: null, client: { address: req.socket.remoteAddress ?? null, userAgent: null } },
  });
}
