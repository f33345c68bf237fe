import { createPool } from '@gotrs/db';
import { readSlaReport } from '../../../../../src/reports/read-sla-report';
import { FORMULA_QUEUE, seedKnownSet } from '../../../../reports/sla-seed';
import { expectProblem, fieldsOf, startApi, tokenFor, type TestApi } from '../../../../support';

// The known set (reports/sla-seed.ts) in a year no other test writes to: the run's database is shared.
const DAY = '2001-03-05';
const RANGE = 'from=2001-03-05T00:00:00Z&to=2001-04-01T00:00:00Z';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-sla-report', createWaitMs: 200 });
  await seedKnownSet(api.pool, DAY);
});
afterAll(() => api.close());

const report = (query: string, headers: Record<string, string> = {}, token?: string | null) =>
  api.request({ url: `/api/v1/reports/sla?${query}`, headers, ...(token !== undefined ? { token } : {}) });

type Figures = [string | null, string, number, number, number, number, number | null, number | null, number | null, number | null];
const row = ([group, milestone, tickets, met, breached, running, compliance, medianSecondsToMeet, p90SecondsToMeet, medianSecondsLate]: Figures) =>
  ({ group, milestone, tickets, met, breached, running, compliance, medianSecondsToMeet, p90SecondsToMeet, medianSecondsLate });

/** The known set by queue, as its table says. */
const BY_QUEUE: Figures[] = [
  [FORMULA_QUEUE, 'FirstResponse', 1, 1, 0, 0, 1, 1200, 1200, null],
  [FORMULA_QUEUE, 'Resolution', 1, 0, 0, 1, null, null, null, null],
  ['Support', 'FirstResponse', 3, 2, 1, 0, 2 / 3, 1200, 1680, 1800],
  ['Support', 'Resolution', 3, 1, 1, 1, 0.5, 7200, 7200, 3600],
  ['Updates', 'Update', 1, 1, 1, 1, 0.5, 3600, 3600, 3600],
  [null, 'FirstResponse', 1, 0, 0, 1, null, null, null, null],
  [null, 'Resolution', 1, 0, 0, 1, null, null, null, null],
];

describe('GET /api/v1/reports/sla', () => {
  it('counts met, breached and running cycles per queue and milestone, with compliance and business times', async () => {
    const response = await report(`${RANGE}&groupBy=queue`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ from: '2001-03-05T00:00:00.000Z', to: '2001-04-01T00:00:00.000Z', groupBy: 'queue', rows: BY_QUEUE.map(row) });
  });

  it('counts every cycle of a milestone, and leaves out the cycles started before the range', async () => {
    const earlier = await report('from=2001-02-26T00:00:00Z&to=2001-04-01T00:00:00Z&groupBy=queue');
    const support = earlier.json().rows.find((r: { group: string; milestone: string }) => r.group === 'Support' && r.milestone === 'FirstResponse');
    // The week-before ticket's first response, met at 5 min: one more ticket and one more met cycle.
    expect(support).toEqual(row(['Support', 'FirstResponse', 4, 3, 1, 0, 3 / 4, 600, 1560, 1800]));
  });

  it('groups by policy, calendar, priority and assignee', async () => {
    const groups = async (groupBy: string) => {
      const rows = (await report(`${RANGE}&groupBy=${groupBy}`)).json().rows as Array<{ group: string | null; milestone: string; tickets: number }>;
      return rows.map((r) => `${r.group}/${r.milestone}/${r.tickets}`);
    };
    expect(await groups('policy')).toEqual(['standard/FirstResponse/5', 'standard/Resolution/5', 'updates/Update/1']);
    expect(await groups('calendar')).toEqual(['24x7/FirstResponse/5', '24x7/Resolution/5', 'weekdays-utc/Update/1']);
    expect(await groups('priority')).toEqual(['3/FirstResponse/3', '3/Resolution/3', '3/Update/1', '5/FirstResponse/1', '5/Resolution/1', 'null/FirstResponse/1', 'null/Resolution/1']);
    expect(await groups('assignee')).toEqual([
      'agent-1/FirstResponse/2', 'agent-1/Resolution/2', 'agent-2/FirstResponse/1', 'agent-2/Resolution/1', 'agent-9/FirstResponse/1', 'agent-9/Resolution/1',
      'null/FirstResponse/1', 'null/Resolution/1', 'null/Update/1',
    ]);
  });

  it('answers the same as RFC 4180 CSV with format=csv or Accept: text/csv, a formula in a group value defused', async () => {
    const csv = [
      'group,milestone,tickets,met,breached,running,compliance,medianSecondsToMeet,p90SecondsToMeet,medianSecondsLate',
      `"'=HYPERLINK(""http://evil.example"",""x"")",FirstResponse,1,1,0,0,1,1200,1200,`,
      `"'=HYPERLINK(""http://evil.example"",""x"")",Resolution,1,0,0,1,,,,`,
      `Support,FirstResponse,3,2,1,0,${2 / 3},1200,1680,1800`,
      'Support,Resolution,3,1,1,1,0.5,7200,7200,3600',
      'Updates,Update,1,1,1,1,0.5,3600,3600,3600',
      ',FirstResponse,1,0,0,1,,,,',
      ',Resolution,1,0,0,1,,,,',
    ].map((line) => `${line}\r\n`).join('');
    for (const response of [await report(`${RANGE}&format=csv`), await report(RANGE, { accept: 'text/csv' }), await report(RANGE, { accept: 'application/json;q=0.5, text/csv' })]) {
      expect([response.statusCode, response.headers['content-type'], response.headers.vary]).toEqual([200, 'text/csv; charset=utf-8; header=present', 'Accept']);
      expect(response.headers['content-disposition']).toBe('attachment; filename="sla-report-queue.csv"');
      expect(response.body).toBe(csv);
    }
    expect((await report(`${RANGE}&format=json`, { accept: 'text/csv' })).json().rows).toHaveLength(7);
    expect((await report(RANGE, { accept: 'text/csv;q=0.1, application/json' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it('defaults to the 30 days before now, by queue', async () => {
    const before = Date.now();
    const body = (await report('')).json();
    expect(body.groupBy).toBe('queue');
    expect(Date.parse(body.to)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * 86_400_000);
    expect(body.rows.filter((r: { group: string }) => r.group === 'Support')).toEqual([]);
  });

  it('answers 403 to a Customer and to a key without reports:read; an Agent and a reports:read key may', async () => {
    expectProblem(await report(RANGE, {}, await tokenFor('Customer')), 403, 'forbidden');
    expectProblem(await report(RANGE, {}, await api.apiKey(['tickets:read'])), 403, 'insufficient_scope');
    expect((await report(RANGE, {}, await tokenFor('Agent'))).statusCode).toBe(200);
    expect((await report(RANGE, {}, await api.apiKey(['reports:read']))).json().rows).toHaveLength(7);
    const anonymous = await report(RANGE, {}, null);
    expectProblem(anonymous, 401, 'unauthorized');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="gotrs-api"');
  });

  it.each([
    ['an unknown groupBy', 'groupBy=customer', 'validation_failed', ['querystring.groupBy']],
    ['an unknown format', 'format=xlsx', 'validation_failed', ['querystring.format']],
    ['an unknown parameter', 'milestone=Update', 'validation_failed', ['querystring.milestone']],
    ['a NUL in groupBy', 'groupBy=queue%00', 'validation_failed', ['querystring.groupBy']],
    ['a NUL in from', 'from=2001-03-05T00:00:00Z%00', 'validation_failed', ['querystring.from']],
    ['a date without a time', 'from=2001-03-05', 'validation_failed', ['querystring.from']],
    ['a malformed instant', 'to=yesterday', 'validation_failed', ['querystring.to']],
    ['from after to', 'from=2001-04-01T00:00:00Z&to=2001-03-01T00:00:00Z', 'invalid_report_range', ['querystring.from']],
    ['from equal to to', 'from=2001-04-01T00:00:00Z&to=2001-04-01T00:00:00Z', 'invalid_report_range', ['querystring.from']],
    ['more than 366 days', 'from=2000-01-01T00:00:00Z&to=2001-01-02T00:00:01Z', 'invalid_report_range', ['querystring.to']],
    ['a from far in the past without to', 'from=1970-01-01T00:00:00Z', 'invalid_report_range', ['querystring.to']],
    ['a leap second Date cannot hold', 'from=2016-12-31T23:59:60Z&to=2017-01-02T00:00:00Z', 'invalid_report_range', ['querystring.from']],
  ])('answers 400 for %s', async (_what, query, code, fields) => {
    const response = await report(query);
    expectProblem(response, 400, code);
    expect(fieldsOf(response)).toEqual(fields);
  });

  it('takes 366 days, and a range with an offset', async () => {
    expect((await report('from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z')).statusCode).toBe(200);
    const shifted = await report('from=2001-03-05T01:00:00%2B01:00&to=2001-04-01T00:00:00Z');
    expect(shifted.json().from).toBe('2001-03-05T00:00:00.000Z');
    expect(shifted.json().rows).toEqual(BY_QUEUE.map(row));
  });

  it('answers 422 report_too_large when the query outlasts the statement timeout', async () => {
    // The report waits for a lock held elsewhere until its statement timeout (250 ms here) cancels it.
    const impatient = createPool({ ...api.config.database, statementTimeoutMs: 250 });
    const holder = await api.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE sla_events IN ACCESS EXCLUSIVE MODE');
      await expect(readSlaReport(impatient, { from: '2000-04-01T00:00:00Z', to: '2001-04-01T00:00:00Z' })).rejects.toMatchObject({ code: 'report_too_large', status: 422 });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
      await impatient.end();
    }
  });
});
