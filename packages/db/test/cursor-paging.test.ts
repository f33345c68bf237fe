import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import { InvalidCursorError, createPool, listHistory, listInbox, listTickets, type Page } from '../src';
import { encodeCursor } from '../src/cursor';

// Rows whose instants differ by microseconds only, written with SQL (the code writes milliseconds or
// `now()`): a cursor that kept milliseconds would skip or repeat them.
let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase('db-cursors');
  pool = createPool({ url: database.url, poolSize: 2, connectTimeoutMs: 5000, statementTimeoutMs: 10_000 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const BASE = '2026-11-25T09:00:00.000000Z';

/** Reads every page with `limit` 1, following nextCursor to the end. */
async function readAll<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await read(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error('more than 1000 pages');
}

/** Microsecond offsets: 1 µs apart, several rows sharing one instant, all within two milliseconds. */
const offsets = (n: number) => Array.from({ length: n }, (_, i) => Math.floor(i / 3) * 7 + (i % 2));

async function insertTickets(queue: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await pool.query(
    `INSERT INTO tickets (id, number, title, status, status_type, priority, queue, created_at, updated_at)
     SELECT id, 'n-' || id, 'paging', 'new', 'new', 3, $2, $3::timestamptz + us * interval '1 microsecond', now()
       FROM unnest($1::text[], $4::int[]) AS t(id, us)`,
    [ids, queue, BASE, offsets(n)],
  );
  return ids;
}

describe('listInbox', () => {
  it('reads 150 notifications written by now() within two milliseconds, with limit 1: none skipped, none twice', async () => {
    const recipient = `paging-${randomUUID()}`;
    const ids = Array.from({ length: 150 }, (_, i) => `${recipient}/${String(i).padStart(3, '0')}`);
    await pool.query(
      `INSERT INTO notifications (id, event, recipient, recipient_key, requested_channel, subject, body, status, channel, in_app_at)
       SELECT id, 'test', $2, $2, 'in-app', 's', 'b', 'sent', 'in-app', $3::timestamptz + us * interval '1 microsecond'
         FROM unnest($1::text[], $4::int[]) AS t(id, us)`,
      [ids, recipient, BASE, offsets(150)],
    );
    const items = await readAll((cursor) => listInbox(pool, recipient, {}, 1, cursor));
    const expected = (await pool.query(`SELECT id FROM notifications WHERE recipient_key = $1 ORDER BY in_app_at DESC, id DESC`, [recipient])).rows.map((r) => r.id);
    expect(items.map((n) => n.id)).toEqual(expected);
    expect(new Set(items.map((n) => n.id)).size).toBe(150);
  });
});

describe('listTickets', () => {
  it('reads tickets created microseconds apart, newest first, with limit 1 to the end', async () => {
    const queue = `paging-${randomUUID()}`;
    const ids = await insertTickets(queue, 60);
    const items = await readAll((cursor) => listTickets(pool, { queue }, 1, cursor));
    const expected = (await pool.query('SELECT id FROM tickets WHERE queue = $1 ORDER BY created_at DESC, id DESC', [queue])).rows.map((r) => r.id);
    expect(items.map((t) => t.id)).toEqual(expected);
    expect(new Set(items.map((t) => t.id))).toEqual(new Set(ids));
  });
});

describe('listHistory', () => {
  it('reads changes and SLA events microseconds apart, interleaved, oldest first, with limit 1 to the end', async () => {
    const [ticketId] = await insertTickets(`paging-${randomUUID()}`, 1);
    await pool.query(
      `INSERT INTO ticket_history (change_id, ticket_id, action, actor, source, accepted, occurred_at)
       SELECT $1 || '/' || us || '/' || k, $1, 'comment', 'a', 'api', true, $2::timestamptz + us * interval '1 microsecond'
         FROM unnest($3::int[]) WITH ORDINALITY AS t(us, k)`,
      [ticketId, BASE, offsets(40)],
    );
    await pool.query(
      `INSERT INTO sla_events (event_key, ticket_id, milestone, cycle, type, reason, occurred_at)
       SELECT $1 || '/' || k, $1, 'Resolution', 1, 'pause', 'r', $2::timestamptz + us * interval '1 microsecond'
         FROM unnest($3::int[]) WITH ORDINALITY AS t(us, k)`,
      [ticketId, BASE, offsets(40)],
    );
    const items = await readAll((cursor) => listHistory(pool, ticketId!, 1, cursor));
    expect(items).toHaveLength(80);
    expect(new Set(items.map((e) => e.id)).size).toBe(80);
    const full = await listHistory(pool, ticketId!, 100);
    expect(items.map((e) => e.id)).toEqual(full.items.map((e) => e.id));
  });
});

describe('cursors', () => {
  const forged = (value: unknown) => encodeCursor(value);
  const validTicketCursor = async () => {
    const queue = `paging-${randomUUID()}`;
    await insertTickets(queue, 2);
    return (await listTickets(pool, { queue }, 1)).nextCursor!;
  };

  it('carries the exact key: six fractional digits of PostgreSQL time', async () => {
    const cursor = await validTicketCursor();
    const [at] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    expect(at).toMatch(/^2026-11-25T09:00:00\.\d{6}Z$/);
  });

  it.each([
    ['a day February does not have', ['2020-02-30T00:00:00.000000Z', 'x']],
    ['hour 24', ['2026-01-01T24:00:00.000000Z', 'x']],
    ['a leap second', ['2026-12-31T23:59:60.000000Z', 'x']],
    ['year 0000', ['0000-01-01T00:00:00.000000Z', 'x']],
    ['milliseconds only (the old format)', ['2026-11-25T09:00:00.000Z', 'x']],
    ['a local time', ['2026-11-25T09:00:00.000000', 'x']],
    ['an offset', ['2026-11-25T09:00:00.000000+01:00', 'x']],
    ['infinity', ['infinity', 'x']],
    ['a NUL in the ID', ['2026-11-25T09:00:00.000000Z', 'a\u0000b']],
    ['an unpaired surrogate in the ID', ['2026-11-25T09:00:00.000000Z', '\ud800']],
    ['an empty ID', ['2026-11-25T09:00:00.000000Z', '']],
    ['a number for the ID', ['2026-11-25T09:00:00.000000Z', 7]],
    ['a third element', ['2026-11-25T09:00:00.000000Z', 'x', 1]],
    ['an object', { at: '2026-11-25T09:00:00.000000Z', id: 'x' }],
  ])('refuses a ticket cursor with %s as InvalidCursorError', async (_, value) => {
    await expect(listTickets(pool, {}, 1, forged(value))).rejects.toThrow(InvalidCursorError);
  });

  it('refuses history and inbox cursors with impossible dates and out-of-range sequences', async () => {
    await expect(listHistory(pool, 'x', 1, forged(['2020-02-30T00:00:00.000000Z', 0, '1']))).rejects.toThrow(InvalidCursorError);
    await expect(listHistory(pool, 'x', 1, forged(['2026-11-25T09:00:00.000000Z', 0, '99999999999999999999']))).rejects.toThrow(InvalidCursorError);
    await expect(listHistory(pool, 'x', 1, forged(['2026-11-25T09:00:00.000000Z', 2, '1']))).rejects.toThrow(InvalidCursorError);
    await expect(listInbox(pool, 'x', {}, 1, forged(['2020-02-30T00:00:00.000000Z', 'x']))).rejects.toThrow(InvalidCursorError);
  });

  it('refuses anything but the exact text it wrote: padding, other characters, spacing, long input', async () => {
    const cursor = await validTicketCursor();
    await expect(listTickets(pool, {}, 1, cursor)).resolves.toBeDefined();
    const json = Buffer.from(cursor, 'base64url').toString('utf8');
    const variants = [`${cursor}=`, `${cursor}.`, `${cursor}\n`, Buffer.from(` ${json}`).toString('base64url'), 'A'.repeat(4096)];
    for (const bad of variants) {
      await expect(listTickets(pool, {}, 1, bad)).rejects.toThrow(InvalidCursorError);
    }
  });
});
