// Runs the audit subgraph as its own process (distributed mode). See README "Modes".
import '@caregraph/platform/telemetry/register';
import { runMain, runSubgraph } from '@caregraph/platform';
import { auditService } from './service.ts';

await runMain(
  () => runSubgraph(auditService),
  ({ url }) => console.log(`audit subgraph ready at ${url}`),
);
