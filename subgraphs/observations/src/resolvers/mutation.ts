import { organizationOf, type RequestInfo } from '@caregraph/platform';
import { badUserInput, CaregraphError, inputProblems, isId } from '@caregraph/schema-standards';
import { deleteObservationsOfPatient, ErasedPatients, IdempotencyConflict, insertObservations } from '../db/ingest-repository.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { checkBatch } from '../validation.ts';
import { authorizeBatch } from './authorize-batch.ts';
import { Corrections } from './corrections.ts';

/** Idempotency keys are scoped to the organization and the sender: the device itself, else the signed-in subject. */
function sourceOf(request: RequestInfo): string {
  return request.viewer?.deviceId ?? `sub:${request.viewer?.sub ?? 'anonymous'}`;
}

function conflict(index: number): CaregraphError {
  return new CaregraphError('CONFLICT', `input[${index}].idempotencyKey was already used for a different observation.`, {
    field: `input[${index}].idempotencyKey`,
  });
}

function erased(indexes: number[]): CaregraphError {
  return inputProblems(indexes.map((index) => ({ field: `input[${index}].patientId`, reason: 'is not a patient within reach' })), 'NOT_FOUND');
}

export const Mutation: MutationResolvers = {
  ...Corrections,

  async recordObservations(_, args, context) {
    const organizationId = organizationOf(context.request);
    const device = context.request.viewer?.role === 'device';
    const batch = checkBatch(args.input, device ? context.ingestion.deviceMaxAgeMs : context.ingestion.otherMaxAgeMs);

    const items = await authorizeBatch(batch, context);

    const sourceId = sourceOf(context.request);
    try {
      const { rows, recorded } = await insertObservations(
        context.db,
        { organizationId, sourceId },
        items.map((item) => ({ ...item, deviceId: item.deviceId ?? null })),
        (tx) => context.audit.writeEach('create', 'Observation', [...new Set(items.map((item) => item.patientId))], ['recordObservations'], tx),
      );
      await context.devicesSeen([...new Set(items.flatMap((item) => (item.deviceId ? [item.deviceId] : [])))], context.request);
      return { observations: rows, recorded, duplicates: batch.length - recorded };
    } catch (error) {
      if (error instanceof IdempotencyConflict) throw conflict(error.index);
      if (error instanceof ErasedPatients) throw erased(error.indexes);
      throw error;
    }
  },

  /** Internal (erasePatient): reached only by the patients domain, never through the router. */
  async eraseObservationsOfPatient(_, args, context) {
    const organizationId = organizationOf(context.request);
    if (!isId(args.patientId)) throw badUserInput('patientId', 'is not a valid id');
    return deleteObservationsOfPatient(context.db, organizationId, args.patientId, (tx, count) =>
      context.audit.write('delete', 'Observation', null, args.patientId, [`${count} observations`], tx),
    );
  },
};
