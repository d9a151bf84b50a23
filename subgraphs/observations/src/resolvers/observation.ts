import type { ObservationsContext } from '../context.ts';
import { vitalCode } from '../codes.ts';
import type { DeviceResolvers, ObservationResolvers, PatientResolvers } from '../generated/resolvers-types.ts';
import { checkSummaryArgs } from '../validation.ts';
import { patientsDisclosedBy } from '../loaders.ts';
import { timelineArgs } from './timeline-args.ts';

export const Observation: ObservationResolvers = {
  __resolveReference(reference, context) {
    return context.loaders.observationById.load(reference.id);
  },
  patient(observation) {
    return { __typename: 'Patient', id: observation.patientId };
  },
  device(observation) {
    return observation.deviceId ? { __typename: 'Device', id: observation.deviceId } : null;
  },
  display(observation) {
    return vitalCode(observation.code)?.display ?? null;
  },
  reported(observation) {
    return observation.reportedValue !== null && observation.reportedUnit !== null
      ? { value: observation.reportedValue, unit: observation.reportedUnit }
      : null;
  },
};

/** Records a read of each patient whose observations were returned (nothing returned, nothing read). */
function audited<T>(context: ObservationsContext, field: string, patientIdsOf: (result: T) => string[]) {
  return (result: T): T => {
    for (const patientId of new Set(patientIdsOf(result))) context.audit.read('Observation', patientId, null, [field]);
    return result;
  };
}

/** The observations domain's part of Patient. */
export const Patient: PatientResolvers = {
  observations(patient, args, context) {
    return context.loaders.patientTimeline
      .load({ id: patient.id, args: timelineArgs(args) })
      .then(audited(context, 'observations', patientsDisclosedBy));
  },
  latestVitals(patient, _args, context) {
    return context.loaders.latestVitals
      .load(patient.id)
      .then(audited(context, 'latestVitals', (rows) => rows.map((row) => row.patientId)));
  },
  vitalsSummary(patient, args, context) {
    checkSummaryArgs(args.code, args.from, args.to, args.bucket);
    return context.loaders.vitalsSummary
      .load({ id: patient.id, args })
      .then(audited(context, 'vitalsSummary', (buckets) => buckets.map((bucket) => bucket.patientId)));
  },
};

/** The observations domain's part of Device. */
export const Device: DeviceResolvers = {
  observations(device, args, context) {
    return context.loaders.deviceTimeline
      .load({ id: device.id, args: timelineArgs(args) })
      .then(audited(context, 'observations', patientsDisclosedBy));
  },
};
