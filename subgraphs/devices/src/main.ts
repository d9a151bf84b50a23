// Runs the devices subgraph as its own process (distributed mode). See README "Modes".
import '@caregraph/platform/telemetry/register';
import { runMain, runSubgraph } from '@caregraph/platform';
import { devicesService } from './service.ts';

await runMain(
  () => runSubgraph(devicesService),
  ({ url }) => console.log(`devices subgraph ready at ${url}`),
);
