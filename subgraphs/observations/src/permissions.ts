import { allow, or, rules } from '@caregraph/platform';

// Writers see the observations they just recorded (the payload); their read scope is otherwise empty.
const readOrWrote = or(rules.readObservations, rules.recordObservations);

/** Field-level rules of the observations subgraph (record-level scope is in the repository). */
export const permissions = {
  Query: { observation: rules.readObservations, vitalSignCodes: rules.signedIn },
  VitalSignCode: { code: allow, display: allow, unit: allow, min: allow, max: allow },
  Mutation: { recordObservations: rules.recordObservations, eraseObservationsOfPatient: rules.managePatients },
  Observation: {
    id: rules.signedIn,
    patient: readOrWrote,
    device: readOrWrote,
    code: readOrWrote,
    display: readOrWrote,
    value: readOrWrote,
    unit: readOrWrote,
    effectiveAt: readOrWrote,
    receivedAt: readOrWrote,
    status: readOrWrote,
  },
  Patient: {
    id: rules.signedIn,
    observations: rules.readObservations,
    latestVitals: rules.readObservations,
    vitalsSummary: rules.readObservations,
  },
  Device: { id: rules.signedIn, observations: rules.readObservations },
  ObservationBucket: { start: allow, min: allow, max: allow, mean: allow, count: allow },
  ObservationConnection: { edges: allow, pageInfo: allow },
  ObservationEdge: { cursor: allow, node: allow },
  PageInfo: { hasNextPage: allow, endCursor: allow },
  RecordObservationsPayload: { observations: allow, recorded: allow, duplicates: allow },
};
