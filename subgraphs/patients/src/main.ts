// Runs the patients subgraph as its own process (distributed mode). See README "Modes".
import '@caregraph/platform/telemetry/register';
import { runMain, runSubgraph } from '@caregraph/platform';
import { patientsService } from './service.ts';

await runMain(
  () => runSubgraph(patientsService),
  ({ url }) => console.log(`patients subgraph ready at ${url}`),
);
