import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attemptDelivery, type DeliveryRequest } from '../src/attempt-delivery';

type Handler = Parameters<typeof createServer>[1];
let server: Server;
let handler: NonNullable<Handler>;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A delivery to `host` pinned to this server's loopback address: the name is never looked up. */
function delivery(host = 'receiver.example', overrides: Partial<DeliveryRequest> = {}): DeliveryRequest {
  return {
    target: { url: new URL(`http://${host}:${port}/hook`), address: '127.0.0.1', family: 4 },
    headers: { 'webhook-id': 'evt_1' }, body: '{"a":1}', connectTimeoutMs: 1000, responseTimeoutMs: 1000, maxResponseBytes: 1024, ...overrides,
  };
}

describe('attemptDelivery', () => {
  it('connects to the pinned address, sends the host name, the headers and the body, and counts a 2xx as delivered', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    handler = (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        seen = { headers: req.headers, body };
        res.writeHead(204).end();
      });
    };
    const result = await attemptDelivery(delivery());
    expect(result).toMatchObject({ delivered: true, statusCode: 204, error: null });
    expect(seen).toMatchObject({ body: '{"a":1}', headers: { host: `receiver.example:${port}`, 'webhook-id': 'evt_1', 'content-type': 'application/json' } });
  });

  it('does not follow a redirect: a 3xx is a failure', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    };
    const result = await attemptDelivery(delivery());
    expect([result.delivered, result.statusCode, result.error, requests]).toEqual([false, 302, 'answered 302: redirects are not followed', 1]);
  });

  it('reads at most maxResponseBytes of a large answer and keeps an excerpt', async () => {
    handler = (_req, res) => {
      res.writeHead(500);
      const chunk = 'x'.repeat(64 * 1024);
      const write = () => { while (res.write(chunk)); };
      write();
      res.on('drain', write);
    };
    const result = await attemptDelivery(delivery(undefined, { maxResponseBytes: 4096, responseTimeoutMs: 5000 }));
    expect([result.delivered, result.statusCode, result.error, result.responseExcerpt?.length]).toEqual([false, 500, 'answered 500', 256]);
  });

  it('gives up an answer that does not come within the response timeout', async () => {
    handler = () => undefined;
    const result = await attemptDelivery(delivery(undefined, { responseTimeoutMs: 200 }));
    expect([result.delivered, result.statusCode, result.error]).toEqual([false, null, 'no complete answer within 200 ms']);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await attemptDelivery({ ...delivery(), target: { url: new URL(`http://receiver.example:${freePort}/`), address: '127.0.0.1', family: 4 } });
    expect([result.delivered, result.error]).toEqual([false, expect.stringContaining('ECONNREFUSED')]);
  });
});
