import { recordSlaProgress } from '@gotrs/db';
import { SlaClock, buildPlan, type SlaEvent } from '@gotrs/sla';
import { expectProblem, insertTicket, startApi, type TestApi } from '../../../../../support';

// No worker polls this test's task queue: the SLA rows are written here as the SLA workflow would.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-sla', createWaitMs: 200 });
});
afterAll(() => api.close());

const getSla = (id: string) => api.request({ url: `/api/v1/tickets/${id}/sla` });
const keyed = (ticketId: string, events: SlaEvent[]) => events.map((e, i) => ({ ...e, key: `${ticketId}/${e.milestone}/${e.type}/${i}` }));

/** A ticket whose SLA started `agoMs` ago with a 1 h first response and a 1 d resolution, then went pending. */
async function ticketWithSla(agoMs: number, pendingForMs: number) {
  const createdAt = new Date(Date.now() - agoMs).toISOString();
  const ticket = await insertTicket(api.pool, { priority: 3, queue: 'Raw' }, createdAt);
  const plan = buildPlan(api.config.sla, { ...ticket, createdAt }, { FirstResponse: 3_600_000, Resolution: 86_400_000 });
  const { clock, events } = SlaClock.start(plan);
  events.push(...clock.statusChanged('pending reminder', Date.now() - pendingForMs));
  await recordSlaProgress(api.pool, { ticketId: ticket.id, plan, events: keyed(ticket.id, events), milestones: [...clock.milestones()] });
  return ticket;
}

describe('GET /api/v1/tickets/{id}/sla', () => {
  it('answers the policy, the calendar, live figures per milestone and the events, oldest first', async () => {
    const ticket = await ticketWithSla(600_000, 240_000);
    const response = await getSla(ticket.id);
    expect(response.statusCode).toBe(200);
    const sla = response.json();
    expect(sla).toMatchObject({
      ticketId: ticket.id,
      policy: { name: 'standard', version: 1, reason: expect.stringMatching(/^targets overridden by the request \(24x7\); no rule matched/) },
      calendar: { name: '24x7', timezone: 'UTC' },
      startedAt: ticket.createdAt,
      asOf: expect.any(String),
    });
    const [first, resolution] = sla.milestones;
    expect(sla.milestones.map((m: { name: string }) => m.name)).toEqual(['FirstResponse', 'Resolution']);
    // FirstResponse keeps running while pending (the default policy pauses Resolution and Update only).
    expect(first).toEqual({
      name: 'FirstResponse', state: 'running', cycle: 1, target: 'PT1H', targetSeconds: 3600,
      dueAt: new Date(Date.parse(ticket.createdAt) + 3_600_000).toISOString(),
      remainingSeconds: expect.any(Number), elapsedSeconds: expect.any(Number), pausedSeconds: 0,
      warnedAt: null, metAt: null, breachedAt: null,
    });
    expect(first.elapsedSeconds).toBeGreaterThanOrEqual(600);
    expect(first.elapsedSeconds + first.remainingSeconds).toBe(3600);
    expect(resolution).toMatchObject({ name: 'Resolution', state: 'paused', target: 'P1D', targetSeconds: 86_400, dueAt: null });
    expect(resolution.elapsedSeconds).toBeGreaterThanOrEqual(359);
    expect(resolution.elapsedSeconds).toBeLessThanOrEqual(361);
    expect(resolution.pausedSeconds).toBeGreaterThanOrEqual(240);
    expect(sla.events.map((e: { type: string; milestone: string }) => `${e.type} ${e.milestone}`)).toEqual([
      'start FirstResponse', 'start Resolution', 'pause Resolution',
    ]);
    expect(sla.events[2]).toMatchObject({ cycle: 1, reason: 'status "pending reminder" pauses Resolution', dueAt: null, id: expect.any(String) });
  });

  it('returns 404 sla_not_found for a ticket without an SLA', async () => {
    const ticket = await insertTicket(api.pool);
    expectProblem(await getSla(ticket.id), 404, 'sla_not_found');
  });

  it('returns 404 sla_not_found for a ticket accepted but not written yet', async () => {
    const created = await api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'No worker' } });
    expect(created.statusCode).toBe(202);
    expectProblem(await getSla(created.json().id), 404, 'sla_not_found');
  });

  it('returns 404 ticket_not_found for an unknown ticket', async () => {
    expectProblem(await getSla('no-such-ticket'), 404, 'ticket_not_found');
  });

  it('returns 400 naming params.id for an ID that cannot be a ticket', async () => {
    const body = expectProblem(await getSla('bad%20id'), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'params.id', message: expect.any(String) }]);
  });
});

describe('GET /api/v1/tickets/{id}/sla after a breach and a reopen', () => {
  it('keeps the dueAt of a breached milestone, and says how often and when a reopen restarted the clocks', async () => {
    const createdAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const ticket = await insertTicket(api.pool, { priority: 3, queue: 'Raw' }, createdAt);
    const plan = buildPlan(api.config.sla, { ...ticket, createdAt }, { FirstResponse: 3_600_000, Resolution: 86_400_000 });
    const t0 = Date.parse(createdAt);
    const { clock, events } = SlaClock.start(plan);
    events.push(...clock.advance(t0 + 3_600_000 + 120));
    events.push(...clock.statusChanged('closed successful', t0 + 2 * 3_600_000));
    const reopenedAt = t0 + 2.5 * 3_600_000;
    events.push(...clock.reopen('open', reopenedAt));
    await recordSlaProgress(api.pool, { ticketId: ticket.id, plan, events: keyed(ticket.id, events), milestones: [...clock.milestones()] });

    const sla = (await getSla(ticket.id)).json();
    expect(sla).toMatchObject({ reopens: 1, reopenedAt: new Date(reopenedAt).toISOString() });
    const [first, resolution] = sla.milestones;
    expect(first).toMatchObject({ state: 'breached', dueAt: new Date(t0 + 3_600_000).toISOString(), breachedAt: new Date(t0 + 3_600_120).toISOString() });
    expect(resolution).toMatchObject({ state: 'running', cycle: 2, dueAt: new Date(reopenedAt + 86_400_000).toISOString(), metAt: null });
    expect(sla.events.filter((e: { type: string }) => e.type === 'start').map((e: { milestone: string; cycle: number; reason: string }) => `${e.milestone} ${e.cycle} ${e.reason}`))
      .toEqual(['FirstResponse 1 ticket created', 'Resolution 1 ticket created', 'Resolution 2 ticket reopened']);
  });

  it('answers reopens 0 and reopenedAt null for a ticket never reopened', async () => {
    const ticket = await ticketWithSla(60_000, 30_000);
    expect((await getSla(ticket.id)).json()).toMatchObject({ reopens: 0, reopenedAt: null });
  });
});
