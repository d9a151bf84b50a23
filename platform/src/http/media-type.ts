/** The GraphQL-over-HTTP response media types (https://graphql.github.io/graphql-over-http/draft/). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';

/** The quality the Accept header gives a media type (the most specific range that matches it wins). */
function qualityOf(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = -1;
  let quality = 0;
  for (const range of accept.split(',')) {
    const [name = '', ...parameters] = range.trim().toLowerCase().split(';');
    const specificity = name === type ? 2 : name === `${major}/*` ? 1 : name === '*/*' ? 0 : -1;
    if (specificity <= best) continue;
    best = specificity;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    quality = q ? Number(q.slice(2)) || 0 : 1;
  }
  return best === -1 ? 0 : quality;
}

/**
 * The media type of an answer the server writes itself (a refusal before GraphQL runs), chosen
 * as Apollo Server chooses for the answers it writes: `application/graphql-response+json` when the
 * client prefers it to `application/json` or accepts only it, `application/json` otherwise (also
 * without an Accept header, as the spec says for legacy clients).
 */
export function responseMediaType(accept: string | undefined): string {
  if (!accept) return APPLICATION_JSON;
  const json = qualityOf(accept, APPLICATION_JSON);
  const graphql = qualityOf(accept, GRAPHQL_RESPONSE_JSON);
  return graphql > json ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}
