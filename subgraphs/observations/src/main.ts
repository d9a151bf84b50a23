// Runs the observations subgraph as its own process (distributed mode). See README "Modes".
import '@caregraph/platform/telemetry/register';
import { runMain, runSubgraph } from '@caregraph/platform';
import { observationsService } from './service.ts';

await runMain(
  () => runSubgraph(observationsService),
  ({ url }) => console.log(`observations subgraph ready at ${url}`),
);
