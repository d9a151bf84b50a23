import { allow, or, rules } from '@caregraph/platform';

// Writers see the observations they just recorded (the payload); their read scope is otherwise empty.
const readOrWrote = or(rules.readObservations, rules.recordObservations);

/** Field-level rules of the observations subgraph (record-level scope is in the repository). */
export const permissions = {
  Query: { observation: rules.readObservations, vitalSignCodes: rules.signedIn },
  VitalSignCode: { code: allow, display: allow, unit: allow, min: allow, max: allow, referenceRange: allow },
  ReferenceRange: { low: allow, high: allow },
  Mutation: {
    recordObservations: rules.recordObservations,
    amendObservation: rules.amendObservations,
    markObservationEnteredInError: rules.amendObservations,
    eraseObservationsOfPatient: rules.managePatients,
  },
  ObservationCorrectionPayload: { observation: allow, previous: allow },
  ObservationRevision: { revision: allow, value: allow, unit: allow, status: allow, reason: allow, correctedAt: allow },
  // Every path to an Observation is gated by readOrWrote already (the Patient and Device lists,
  // `observation(id)`: readObservations; the write payload: recordObservations) and filtered by
  // reach in the repository, so the measurement itself is never refused on a record that was
  // reached: its fields stay non-null (contract v2: a field that can be refused is nullable).
  Observation: {
    id: rules.signedIn,
    patient: readOrWrote,
    device: readOrWrote,
    code: rules.signedIn,
    display: rules.signedIn,
    value: rules.signedIn,
    unit: rules.signedIn,
    effectiveAt: rules.signedIn,
    receivedAt: rules.signedIn,
    status: rules.signedIn,
    reported: rules.signedIn,
  },
  Quantity: { value: allow, unit: allow },
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
