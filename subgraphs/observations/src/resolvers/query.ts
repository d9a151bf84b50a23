import { isId, notFound } from '@caregraph/schema-standards';
import type { ObservationsContext } from '../context.ts';

export const Query = {
  async observation(_: unknown, args: { id: string }, context: ObservationsContext) {
    const observation = isId(args.id) ? await context.loaders.observationById.load(args.id) : null;
    if (!observation) throw notFound('Observation');
    context.audit.read('Observation', observation.patientId, null, ['observation']);
    return observation;
  },
};
