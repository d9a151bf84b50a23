import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import type { PhiKeys } from '@caregraph/platform';
import { FloorQueries } from './floor-queries.ts';

export interface FloorServer {
  url: string;
  queries: FloorQueries;
  stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The floor as an HTTP service (plain node:http, JSON in and out), so the load generator drives it
 * exactly as it drives the platform and the ratio measures everything between HTTP and SQL.
 * Routes: /dashboard {id}, /care-team {first}, /chart {id, from, to}, /ingest {input}.
 */
export async function startFloorServer(databaseUrl: string, poolMax: number, phiKeys: PhiKeys, caller: { organizationId: string; clinicianId: string }): Promise<FloorServer> {
  const sql = postgres(databaseUrl, { max: poolMax, onnotice: () => {} });
  const queries = new FloorQueries(sql, phiKeys, caller);
  const routes: Record<string, (body: any) => Promise<unknown>> = {
    '/dashboard': (body) => queries.dashboard(body.id),
    '/care-team': (body) => queries.careTeamList(body.first),
    '/chart': (body) => queries.vitalsChart(body.id, new Date(body.from), new Date(body.to)),
    // Devices post as themselves: the sender is the device of the batch, as the platform keys it.
    '/ingest': (body) => queries.ingest(body.input[0].deviceId, body.input),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = routes[req.url ?? ''];
    if (!route || req.method !== 'POST') return void res.writeHead(404).end();
    readJson(req)
      .then(route)
      .then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] })),
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await sql.end({ timeout: 5 });
    },
  };
}
