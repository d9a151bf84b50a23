// Runs the patients subgraph as its own process (distributed mode). See README "Modes".
import { runSubgraph } from '@caregraph/platform';
import { patientsService } from './service.ts';

const { url } = await runSubgraph(patientsService);
console.log(`patients subgraph ready at ${url}`);
