// Imported first by every entry point: starts OpenTelemetry (when configured) before any other
// module loads, so the HTTP instrumentation sees every server and client.
import { serviceNameOf, startTelemetry } from './sdk.ts';

startTelemetry(serviceNameOf(process.argv[1]));
