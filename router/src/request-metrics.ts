import { metrics } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { log } from '@caregraph/platform';
import type { RouterContext } from './context.ts';

const meter = metrics.getMeter('caregraph-router');
const requests = meter.createCounter('caregraph.router.requests', { description: 'GraphQL requests answered by the router' });
const duration = meter.createHistogram('caregraph.router.request.duration', {
  description: 'Time from receiving a GraphQL request to sending its answer',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
});
const errors = meter.createCounter('caregraph.router.errors', { description: 'Errors in GraphQL answers, by catalogued code' });

/**
 * Request rate, latency and errors by code, as OpenTelemetry metrics (no-ops until the SDK is
 * started), and one log line per request. Attributes are bounded: operation type and error code,
 * never names chosen by callers, never the document or variables.
 */
export function requestMetrics(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation }) {
          const type = operation?.operation ?? 'unknown';
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((error) => String(error.extensions?.['code'] ?? 'INTERNAL'));
          for (const code of codes) errors.add(1, { 'graphql.operation.type': type, 'error.code': code });
          const attributes = { 'graphql.operation.type': type, outcome: codes.length === 0 ? 'ok' : body?.data ? 'partial' : 'error' };
          const seconds = (performance.now() - started) / 1000;
          requests.add(1, attributes);
          duration.record(seconds, attributes);
          // One line per request (its request id and trace id come from the log's mixin).
          log.info({ operation: type, outcome: attributes.outcome, errors: codes, duration_ms: Math.round(seconds * 1000) }, 'graphql request');
        },
      };
    },
  };
}
