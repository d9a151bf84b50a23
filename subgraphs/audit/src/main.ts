// Runs the audit subgraph as its own process (distributed mode). See README "Modes".
import { runSubgraph } from '@caregraph/platform';
import { auditService } from './service.ts';

const { url, stop } = await runSubgraph(auditService);
console.log(`audit subgraph ready at ${url}`);
const shutdown = () => void stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
