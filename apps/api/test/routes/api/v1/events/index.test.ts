/**
 * GET /api/v1/events against real PostgreSQL (events appended directly, no worker): retention,
 * heartbeats, a catch-up read, the stream limit, a slow client, PostgreSQL down.
 */
import { connect } from 'node:net';
import { appendEvents, inTransaction, pruneEvents } from '@gotrs/db';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import { openStream, type SseStream } from '../../../../../../../test/e2e/sse-client';
import { closedPort, expectProblem, insertTicket, startApi, tokenFor, type TestApi } from '../../../../support';

jest.setTimeout(30_000);

async function append(api: TestApi, ticketId: string, count: number, size = 10): Promise<void> {
  await inTransaction(api.pool, (client) =>
    appendEvents(client, Array.from({ length: count }, (_, n) => ({
      key: `test:${ticketId}/${n}/${Math.random()}`, type: 'ticket.responded' as const, ticketId, at: new Date(), data: { agentId: 'x'.repeat(size) },
    }))),
  );
}

async function open(api: TestApi, query = '', headers: Record<string, string> = {}): Promise<SseStream> {
  return openStream(`${api.url}/api/v1/events${query}`, { authorization: `Bearer ${await tokenFor('Admin')}`, ...headers });
}

describe('GET /api/v1/events on its own database', () => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await createTestDatabase('events-route');
    api = await startApi({ label: 'events-route', databaseUrl: database.url, events: { heartbeatIntervalMs: 200, maxStreams: 3, maxBufferedEvents: 20 } });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const stream = await open(api);
    try {
      await stream.until((s) => s.frames.filter((f) => f.comment === 'heartbeat').length >= 2);
      expect(stream.frames[0]).toEqual({ retry: '2000' });
    } finally {
      stream.close();
    }
  });

  it('with follow=false sends what the log holds after the id, then ends', async () => {
    const ticket = await insertTicket(api.pool);
    await append(api, ticket.id, 3);
    const stream = await open(api, `?ticketId=${ticket.id}&follow=false&lastEventId=0`);
    await stream.ended;
    expect(stream.events().map((e) => e.event)).toEqual(['ticket.created', 'ticket.responded', 'ticket.responded', 'ticket.responded']);
  });

  it('replays a backlog larger than the buffer to a client that reads it', async () => {
    const ticket = await insertTicket(api.pool);
    await append(api, ticket.id, 200);
    const stream = await open(api, `?ticketId=${ticket.id}&follow=false&lastEventId=0`);
    await stream.ended;
    expect(stream.events()).toHaveLength(201);
  });

  it('answers 503 too_many_streams with Retry-After past the configured number of streams', async () => {
    const streams = [await open(api), await open(api), await open(api)];
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
      const refused = await api.request({ url: '/api/v1/events' });
      expectProblem(refused, 503, 'too_many_streams');
      expect(refused.headers['retry-after']).toBe('5');
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('drops a client that stops reading, and the writers never wait for it', async () => {
    const ticket = await insertTicket(api.pool);
    const { hostname, port } = new URL(api.url);
    const socket = connect(Number(port), hostname);
    let received = 0;
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk) => (received += chunk.length));
    socket.write(`GET /api/v1/events?ticketId=${ticket.id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${await tokenFor('Admin')}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.pause();
    // 400 events of 64 KiB: far more than the socket buffers and 20 frames hold. Every append commits.
    for (let batch = 0; batch < 20; batch++) await append(api, ticket.id, 20, 65_536);
    socket.resume();
    await closed;
    expect(received).toBeLessThan(400 * 65_536);
  });

  it('answers 410 event_id_expired to a Last-Event-ID before what retention removed, and streams from the last one removed', async () => {
    const ticket = await insertTicket(api.pool);
    await append(api, ticket.id, 2);
    await api.pool.query("UPDATE events SET created_at = now() - interval '2 days'");
    await pruneEvents(api.pool, 86_400_000);
    const { rows } = await api.pool.query<{ pruned: string }>('SELECT pruned_through::text AS pruned FROM event_log_state');
    const prunedThrough = BigInt(rows[0]!.pruned);
    const expired = await api.request({ url: '/api/v1/events', headers: { 'last-event-id': String(prunedThrough - 1n) } });
    expectProblem(expired, 410, 'event_id_expired');
    const fine = await open(api, '?follow=false', { 'last-event-id': String(prunedThrough) });
    await fine.ended;
    expect(fine.status).toBe(200);
  });
});

describe('GET /api/v1/events when PostgreSQL is unreachable', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ label: 'events-no-db', databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/gotrs` });
  });
  afterAll(() => api?.close());

  it('answers 503 database_unavailable with Retry-After', async () => {
    const response = await api.request({ url: '/api/v1/events' });
    expectProblem(response, 503, 'database_unavailable');
    expect(response.headers['retry-after']).toBe('5');
  });
});
