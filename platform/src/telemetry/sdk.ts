import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Query-string parameters that carry GraphQL text or variables (a GET query): never into a span. */
const GRAPHQL_PARAMETERS = ['query', 'variables', 'extensions', 'operationName'];

interface RunningTelemetry {
  shutdown(): Promise<void>;
}

let running: RunningTelemetry | null = null;

/** Telemetry is on when an OTLP endpoint is configured (and the SDK is not disabled). */
export function telemetryEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT);
}

/**
 * Starts the OpenTelemetry SDK (traces and metrics over OTLP/HTTP, W3C trace context, HTTP
 * instrumentation) when the environment configures an exporter; otherwise does nothing and loads
 * nothing. The code elsewhere uses @opentelemetry/api only. Loaded synchronously, so an entry
 * point that imports `telemetry/register` first has HTTP instrumented before anything uses it.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (running || !telemetryEnabled(env)) return running !== null;
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http') as typeof import('@opentelemetry/exporter-metrics-otlp-http');
  const { PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics') as typeof import('@opentelemetry/sdk-metrics');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');

  const sdk = new NodeSDK({
    serviceName,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
    metricReaders: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter(),
        exportIntervalMillis: Number(env.OTEL_METRIC_EXPORT_INTERVAL) || 60_000,
      }),
    ],
    instrumentations: [
      new HttpInstrumentation({
        // Probes are polled constantly and say nothing about requests.
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz)\b/.test(req.url ?? ''),
        redactedQueryParamsServer: GRAPHQL_PARAMETERS,
        redactedQueryParams: GRAPHQL_PARAMETERS,
        headersToSpanAttributes: { server: { requestHeaders: ['x-request-id'] } },
      }),
    ],
  });
  sdk.start();
  // The instrumentation patches `http` when it is next required. Our servers import it as an ES
  // module, which it does not see: require it once here so the shared module (and the prototype
  // every server uses) is patched before any server is created.
  require('node:http');
  require('node:https');
  running = { shutdown: () => sdk.shutdown() };
  return true;
}

/** Flushes and stops the SDK, if it was started (on shutdown, so the last spans are not lost). */
export async function shutdownTelemetry(): Promise<void> {
  const current = running;
  running = null;
  await current?.shutdown();
}

/** caregraph-router, caregraph-patients…: from the entry point, so every process of a deployment differs. */
export function serviceNameOf(entryPoint: string | undefined): string {
  const subgraph = /subgraphs[\\/]([a-z-]+)[\\/]src[\\/]main\.ts$/.exec(entryPoint ?? '');
  if (subgraph) return `caregraph-${subgraph[1]}`;
  return 'caregraph-router';
}
