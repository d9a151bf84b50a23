import type { RequestInfo } from '@caregraph/platform';

/** The router's per-request context; subgraphs never see this object itself, only `request`. */
export interface RouterContext {
  request: RequestInfo;
}
