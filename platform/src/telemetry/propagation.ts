import { context, propagation } from '@opentelemetry/api';

/**
 * W3C trace context headers (traceparent, tracestate) of the current span, for calls made with
 * Node's built-in fetch, which the HTTP instrumentation does not see. Empty when not tracing.
 */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
