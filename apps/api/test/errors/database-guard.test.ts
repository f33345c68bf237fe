import { ApiError } from '../../src/errors/api-error';
import { guardedRead } from '../../src/errors/database-guard';
import { expectProblem, insertTicket, startApi, type TestApi } from '../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-database-guard', createWaitMs: 200 });
});
afterAll(() => api.close());

/** A cursor as this service writes them, around a key of the forger's choice. */
const forged = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

describe('forged and stale cursors', () => {
  // 2020-02-30 passes Date.parse (JavaScript rolls it over to 1 March) and PostgreSQL refuses it.
  const impossible = '2020-02-30T00:00:00.000000Z';

  it('answers 400 invalid_cursor on the ticket list, the history and the inbox, never 500', async () => {
    const row = await insertTicket(api.pool);
    for (const url of [
      `/api/v1/tickets?cursor=${forged([impossible, row.id])}`,
      `/api/v1/tickets/${row.id}/history?cursor=${forged([impossible, 0, '1'])}`,
      `/api/v1/notifications?recipient=agent-7&cursor=${forged([impossible, 'n-1'])}`,
    ]) {
      const body = expectProblem(await api.request({ url }), 400, 'invalid_cursor');
      expect(body.errors).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
    }
  });

  it('answers 400 invalid_cursor for a cursor of the millisecond format it issued before', async () => {
    const url = `/api/v1/tickets?cursor=${forged(['2026-11-25T09:00:00.000Z', 'x'])}`;
    expectProblem(await api.request({ url }), 400, 'invalid_cursor');
  });
});

describe('guardedRead', () => {
  it.each([
    ['a date that does not exist', "SELECT '2020-02-30T00:00:00Z'::timestamptz", [], '22008'],
    ['a NUL character', 'SELECT $1::text', ['a\u0000b'], '22021'],
    ['a number out of range', 'SELECT $1::smallint', ['99999'], '22003'],
    ['malformed input', 'SELECT $1::timestamptz', ['yesterday-ish'], '22007'],
  ])('answers 400 invalid_parameter, not 500, for a PostgreSQL data exception: %s', async (_, sql, params, sqlstate) => {
    const read = guardedRead(() => api.pool.query(sql, params));
    await expect(read).rejects.toBeInstanceOf(ApiError);
    await expect(read).rejects.toMatchObject({ code: 'invalid_parameter', status: 400, detail: expect.stringContaining(`SQLSTATE ${sqlstate}`) });
  });

  it('lets other failures through unchanged: a query error is still a 500', async () => {
    await expect(guardedRead(() => api.pool.query('SELECT no_such_column FROM tickets'))).rejects.toMatchObject({ code: '42703' });
  });
});
