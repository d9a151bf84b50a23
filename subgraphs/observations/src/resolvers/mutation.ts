import { organizationOf, type RequestInfo } from '@caregraph/platform';
import { CaregraphError } from '@caregraph/schema-standards';
import type { ObservationsContext } from '../context.ts';
import { IdempotencyConflict, insertObservations } from '../db/ingest-repository.ts';
import { checkBatch, type ObservationInput } from '../validation.ts';

/** Idempotency keys are scoped to the sender: the device itself, else the signed-in subject. */
function sourceOf(request: RequestInfo): string {
  return request.viewer?.deviceId ?? `sub:${request.viewer?.sub ?? 'anonymous'}`;
}

export const Mutation = {
  async recordObservations(_: unknown, args: { input: ObservationInput[] }, context: ObservationsContext) {
    const organizationId = organizationOf(context.request);
    const batch = checkBatch(args.input);

    // Patients and devices belong to other domains: one batched lookup each, for the whole batch.
    const patientIds = [...new Set(batch.map((item) => item.patientId))];
    const deviceIds = [...new Set(batch.flatMap((item) => (item.deviceId ? [item.deviceId] : [])))];
    const [patients, devices] = await Promise.all([
      context.patients(patientIds, context.request),
      context.devices(deviceIds, context.request),
    ]);
    batch.forEach((item, index) => {
      if (patients.get(item.patientId)?.organizationId !== organizationId) {
        throw new CaregraphError('NOT_FOUND', `Patient of input[${index}] not found.`, { field: `input[${index}].patientId` });
      }
      if (item.deviceId && devices.get(item.deviceId)?.organizationId !== organizationId) {
        throw new CaregraphError('NOT_FOUND', `Device of input[${index}] not found.`, { field: `input[${index}].deviceId` });
      }
    });

    const sourceId = sourceOf(context.request);
    try {
      const { rows, recorded } = await insertObservations(
        context.db,
        batch.map((item) => ({ ...item, deviceId: item.deviceId ?? null, organizationId, sourceId })),
      );
      return { observations: rows, recorded, duplicates: batch.length - recorded };
    } catch (error) {
      if (error instanceof IdempotencyConflict) {
        throw new CaregraphError('CONFLICT', `input[${error.index}].idempotencyKey was already used for a different observation.`, {
          field: `input[${error.index}].idempotencyKey`,
        });
      }
      throw error;
    }
  },
};

