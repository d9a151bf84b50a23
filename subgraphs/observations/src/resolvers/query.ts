import { isId, notFound } from '@caregraph/schema-standards';
import { VITAL_CODES } from '../codes.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  async observation(_, args, context) {
    const observation = isId(args.id) ? await context.loaders.observationById.load(args.id) : null;
    if (!observation) throw notFound('Observation');
    context.audit.read('Observation', observation.patientId, null, ['observation']);
    return observation;
  },
  vitalSignCodes: () => [...VITAL_CODES],
};
