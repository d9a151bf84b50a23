import { Agent, request } from 'node:http';

/** Keep-alive HTTP POSTs of JSON, for the closed-loop scenarios (autocannon drives fixed requests). */
export class JsonPoster {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
    const payload = Buffer.from(JSON.stringify(body));
    const target = new URL(url);
    return new Promise((done, fail) => {
      const req = request(
        {
          agent: this.agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON: the caller sees the text and the status
            }
            done({ status: res.statusCode ?? 0, json, text });
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
