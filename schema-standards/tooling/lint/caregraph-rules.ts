import type { SchemaRule } from './rule.ts';
import { connectionsForGrowingLists } from './rules/connections-for-growing-lists.ts';
import { deprecationWithDate } from './rules/deprecation-with-date.ts';
import { descriptionsRequired } from './rules/descriptions-required.ts';
import { entityKeys } from './rules/entity-keys.ts';
import { naming } from './rules/naming.ts';
import { nullableForeignFields } from './rules/nullable-foreign-fields.ts';
import { paginationArguments } from './rules/pagination-arguments.ts';
import { phiOnIdentifiers } from './rules/phi-on-identifiers.ts';
import { relayConnections } from './rules/relay-connections.ts';
import { rootTypesUndescribed } from './rules/root-types-undescribed.ts';
import { shareableOnPurpose } from './rules/shareable-on-purpose.ts';
import { standardDefinitionsRule } from './rules/standard-definitions.ts';

/** The rules `pnpm lint:schema` applies to every subgraph. Contract v2 keeps no exceptions to them. */
export const caregraphRules: SchemaRule[] = [
  standardDefinitionsRule,
  descriptionsRequired,
  rootTypesUndescribed,
  naming,
  relayConnections,
  paginationArguments,
  connectionsForGrowingLists({
    boundedLists: {
      'Patient.devices': 'the devices assigned to one patient now: a handful',
      'Patient.latestVitals': 'one observation per vital-sign code (8 codes)',
      'RecordObservationsPayload.observations': 'one per input item; a batch has at most 1000',
    },
  }),
  phiOnIdentifiers,
  deprecationWithDate,
  shareableOnPurpose,
  entityKeys,
  nullableForeignFields,
];
