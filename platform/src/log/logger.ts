import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { currentRequestId } from './request-scope.ts';

/**
 * Where a value might hide PHI or a credential, it is removed before a line is written: tokens,
 * authorization headers, GraphQL variables, query text and the router proof.
 */
const REDACTED = [
  'authorization',
  'token',
  'variables',
  'query',
  'password',
  '*.authorization',
  '*.token',
  '*.variables',
  '*.query',
  '*.password',
  'headers.authorization',
  'headers["x-caregraph-router-proof"]',
  'req.headers.authorization',
];

/**
 * The platform's log: JSON lines on stdout, each with the request id and the trace and span ids of
 * the request being handled (when there is one). `LOG_LEVEL` (default info) sets the threshold.
 */
export const log = pino(
  {
    level: process.env.LOG_LEVEL || 'info',
    base: { pid: process.pid },
    redact: { paths: REDACTED, censor: '[redacted]' },
    mixin() {
      const fields: Record<string, string> = {};
      const requestId = currentRequestId();
      if (requestId) fields.request_id = requestId;
      const span = trace.getActiveSpan()?.spanContext();
      if (span && span.traceFlags !== undefined && span.traceId !== '00000000000000000000000000000000') {
        fields.trace_id = span.traceId;
        fields.span_id = span.spanId;
      }
      return fields;
    },
  },
  // Through process.stdout (not a file descriptor of its own), so the lines interleave with the
  // rest of the process's output and tests can read them.
  process.stdout,
);
