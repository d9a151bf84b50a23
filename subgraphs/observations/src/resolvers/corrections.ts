import { organizationOf } from '@caregraph/platform';
import { badUserInput, CaregraphError, checkText, isId, notFound } from '@caregraph/schema-standards';
import { vitalCode, type VitalCode } from '../codes.ts';
import type { ObservationsContext } from '../context.ts';
import { AlreadyInError, correctObservation, subjectOfObservation, type Correction } from '../db/correction-repository.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { acceptedUnits, toCanonicalUnit } from '../units.ts';

const REASON = { max: 500 };

/**
 * The observation to correct, if the caller may: an integrator with observations:write within
 * its organization (the lookup is bounded to it), a clinician only for patients on their care
 * team (the patients domain says). Out of reach and missing look the same: NOT_FOUND.
 */
async function correctable(context: ObservationsContext, id: string): Promise<{ patientId: string; vital: VitalCode }> {
  const subject = isId(id) ? await subjectOfObservation(context.db, organizationOf(context.request), id) : null;
  const vital = subject ? vitalCode(subject.code) : undefined;
  if (!subject || !vital) throw notFound('Observation');
  if (context.request.viewer?.role === 'clinician') {
    const scope = await context.scope.forPatients([subject.patientId]);
    if (scope.kind !== 'patients' || !scope.patientIds.includes(subject.patientId)) throw notFound('Observation');
  }
  return { patientId: subject.patientId, vital };
}

async function correct(context: ObservationsContext, id: string, field: string, correction: Correction) {
  try {
    const corrected = await correctObservation(context.db, organizationOf(context.request), id, correction, (tx, observation) =>
      context.audit.write('update', 'Observation', observation.id, observation.patientId, [field], tx),
    );
    if (!corrected) throw notFound('Observation');
    return corrected;
  } catch (error) {
    if (error instanceof AlreadyInError) {
      throw new CaregraphError('CONFLICT', 'The observation was entered in error; it cannot be corrected further.', { field: 'id' });
    }
    throw error;
  }
}

/** The corrected value in the code's unit, checked as a recorded one is. */
function correctedValue(vital: VitalCode, value: number, unit: string): NonNullable<Correction['value']> {
  if (!Number.isFinite(value)) throw badUserInput('input.value', 'must be a finite number');
  const converted = toCanonicalUnit(vital, value, unit);
  if (typeof converted === 'string') throw badUserInput('input.unit', `must be one of ${acceptedUnits(vital)} for code ${vital.code}`);
  if (converted.value < vital.min || converted.value > vital.max) throw badUserInput('input.value', `is outside the possible range for code ${vital.code}`);
  return { value: converted.value, unit: converted.unit, reportedValue: converted.reported?.value ?? null, reportedUnit: converted.reported?.unit ?? null };
}

function changedBy(context: ObservationsContext): string {
  return `sub:${context.request.viewer!.sub}`;
}

/** Corrections of recorded observations: each keeps the state before it as a revision, and is audited. */
export const Corrections: Pick<MutationResolvers, 'amendObservation' | 'markObservationEnteredInError'> = {
  async amendObservation(_, args, context) {
    const reason = checkText('input.reason', args.input.reason, REASON);
    const { vital } = await correctable(context, args.id);
    const value = correctedValue(vital, args.input.value, args.input.unit);
    return correct(context, args.id, 'amendObservation', { status: 'AMENDED', value, reason, changedBy: changedBy(context) });
  },

  async markObservationEnteredInError(_, args, context) {
    const reason = checkText('reason', args.reason, REASON);
    await correctable(context, args.id);
    return correct(context, args.id, 'markObservationEnteredInError', { status: 'ENTERED_IN_ERROR', reason, changedBy: changedBy(context) });
  },
};
