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

/**
 * Where caregraph's published API (contract v1) predates a rule. Each exception names why it stays;
 * new fields get none. Removing one is a breaking change (see CONVENTIONS.md), planned for v2.
 */
const CONTRACT_V1 = 'contract v1; changing it breaks clients';

/** The rules `pnpm lint:schema` applies to every subgraph, with caregraph's recorded exceptions. */
export const caregraphRules: SchemaRule[] = [
  standardDefinitionsRule,
  descriptionsRequired,
  rootTypesUndescribed,
  naming({ inputsWithoutSuffix: { PatientFilter: CONTRACT_V1 } }),
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
  nullableForeignFields({
    nonNullExceptions: {
      'Patient.devices': CONTRACT_V1,
      'Patient.observations': CONTRACT_V1,
      'Patient.latestVitals': CONTRACT_V1,
      'Patient.vitalsSummary': CONTRACT_V1,
      'Device.observations': CONTRACT_V1,
      'Patient.accessLog': 'published with the audit trail; same shape as the other Patient lists',
    },
  }),
];
