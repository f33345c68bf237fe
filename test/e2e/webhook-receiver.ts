import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's JSON (`{type, timestamp, data}`). */
  json: { type: string; timestamp: string; data: { eventId: string; ticketId: string | null; change: Record<string, unknown> } };
}

/** A webhook receiver on loopback: every request is kept; `answer(path, n)` says the status of the n-th (1-based) request to a path. */
export interface Receiver {
  url(path: string): string;
  received(path: string, ticketId?: string): Received[];
  answer: (path: string, n: number) => number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const seen: Received[] = [];
  const counts = new Map<string, number>();
  const receiver: Receiver = {
    url: (path) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received: (path, ticketId) => seen.filter((r) => r.path === path && (ticketId === undefined || r.json.data.ticketId === ticketId)),
    answer: () => 204,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      seen.push({ path, headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(receiver.answer(path, n), { 'content-type': 'text/plain' }).end(n > 0 ? 'thanks' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return receiver;
}
