import { useQuery, type AnyVariables, type UseQueryArgs, type UseQueryResponse } from 'urql';

function sameVariables(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/**
 * urql's `useQuery`, without the previous answer while the next one loads: when the variables
 * change (another patient, another filter, another page), urql keeps showing the data of the old
 * ones until the new answer arrives. A clinician would read one patient's vitals under another's
 * address, an auditor unfiltered rows under a filter. Here, the answer is for these variables or
 * there is none yet (`fetching`).
 */
export function useCurrentQuery<Data = unknown, Variables extends AnyVariables = AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
): UseQueryResponse<Data, Variables> {
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const answered = result.operation?.variables;
  if (result.operation === undefined || sameVariables(answered, args.variables)) return [result, reexecute];
  return [{ ...result, data: undefined, error: undefined, fetching: true, stale: false }, reexecute];
}
