import type { AccessTrail, RequestInfo } from '@caregraph/platform';

/** The router's per-request context; subgraphs never see this object itself, only `request`. */
export interface RouterContext {
  request: RequestInfo;
  /** What the subgraphs read or refused for this request, recorded as one batch before the answer leaves. */
  access: AccessTrail;
}
