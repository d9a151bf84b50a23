import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql/index.ts';
import type { ReferenceRange } from './status.ts';

const VitalSignCodes = graphql(`
  query VitalSignCodes {
    vitalSignCodes {
      code
      display
      unit
      referenceRange {
        low
        high
      }
    }
  }
`);

/** The reference range of every code, from the API's reference data (cached by urql for the session). */
export function useReferenceRanges(): ReadonlyMap<string, ReferenceRange> {
  const [{ data }] = useQuery({ query: VitalSignCodes });
  return useMemo(
    () => new Map((data?.vitalSignCodes ?? []).flatMap((code) => (code.referenceRange ? [[code.code, code.referenceRange] as const] : []))),
    [data],
  );
}
