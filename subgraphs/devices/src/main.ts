// Runs the devices subgraph as its own process (distributed mode). See README "Modes".
import { runSubgraph } from '@caregraph/platform';
import { devicesService } from './service.ts';

const { url } = await runSubgraph(devicesService);
console.log(`devices subgraph ready at ${url}`);
