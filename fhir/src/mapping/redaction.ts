import type { Coding, Meta } from '@medplum/fhirtypes';
import { SYSTEMS } from '../systems.ts';

/** `meta.security` of a resource with fields left out for this caller: never a half-filled record without saying so. */
export const REDACTED: Coding = { system: SYSTEMS.securityObservation, code: 'REDACTED', display: 'redacted' };

export function metaOf(lastUpdated: string | null, options: { redacted: boolean; profile?: string }): Meta {
  return {
    ...(lastUpdated ? { lastUpdated } : {}),
    ...(options.profile ? { profile: [options.profile] } : {}),
    ...(options.redacted ? { security: [REDACTED] } : {}),
  };
}
