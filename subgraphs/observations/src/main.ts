// Runs the observations subgraph as its own process (distributed mode). See README "Modes".
import { runSubgraph } from '@caregraph/platform';
import { observationsService } from './service.ts';

const { url } = await runSubgraph(observationsService);
console.log(`observations subgraph ready at ${url}`);
