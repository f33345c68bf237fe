/**
 * Changing an SLA policy on the real stack: a preview that names the open tickets whose deadlines
 * move and changes nothing, an apply to open tickets that moves them (replan events with the
 * actor), a repeat that changes nothing, an apply to new tickets only, an immediate breach under a
 * tightened version, and hostile input. The policy is the test's own (a queue of its own chooses
 * it), so no other test's tickets are touched.
 */
import { randomUUID } from 'node:crypto';
import { CALENDAR_24X7 } from '@gotrs/contracts';
import { eventually, expectProblem, startStack, tokenFor, type Stack } from './support';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const POLICY = `e2e-policy-${randomUUID().slice(0, 8)}`;
const QUEUE = `Q-${POLICY}`;
const P = `/api/v1/sla/policies/${POLICY}`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    label: 'e2e-sla-policies',
    configure: (config) => {
      config.sla.policies[POLICY] = {
        name: POLICY, version: 1, calendar: CALENDAR_24X7, targets: { FirstResponse: HOUR, Resolution: 8 * HOUR },
        pauseOn: { Resolution: ['pending'] }, warn: { percent: 80, leadMs: null }, managers: [], escalation: [],
      };
      config.sla.rules.unshift({ policy: POLICY, queues: [QUEUE] });
    },
  });
  await stack.startWorker();
}, 120_000);
afterAll(() => stack?.close());

type Sla = { policy: { version: number }; startedAt: string; milestones: Array<{ name: string; state: string; dueAt: string | null; target: string }>; events: Array<{ type: string; milestone: string; dueAt: string | null; actor: string; reason: string }> };

const sla = async (id: string): Promise<Sla> => (await stack.api.request({ url: `/api/v1/tickets/${id}/sla` })).json();
const milestone = (view: Sla, name: string) => view.milestones.find((m) => m.name === name)!;
const at = (view: Sla, ms: number) => new Date(Date.parse(view.startedAt) + ms).toISOString();

async function openTicket(): Promise<string> {
  const created = await stack.api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Policy change', queue: QUEUE } });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  await eventually(async () => ((await stack.api.request({ url: `/api/v1/tickets/${id}/sla` })).statusCode === 200 ? true : undefined));
  return id;
}

const v2 = { version: 2, calendar: '24x7', targets: { FirstResponse: 'PT2H', Resolution: 'PT8H' } };
let first: string;
let second: string;
let later: string;

describe('Changing an SLA policy', () => {
  it('previews a version: names the open tickets whose deadline moves, by how much, and changes nothing', async () => {
    first = await openTicket();
    second = await openTicket();
    const before = await sla(first);
    const response = await stack.api.request({ method: 'POST', url: `${P}/preview`, payload: v2 });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ policy: POLICY, version: 2, skipped: [], nextCursor: null });
    expect(preview.tickets.map((t: { ticketId: string }) => t.ticketId).sort()).toEqual([first, second].sort());
    const mine = preview.tickets.find((t: { ticketId: string }) => t.ticketId === first);
    expect(mine).toMatchObject({ version: 1, moves: true });
    expect(mine.milestones).toEqual([
      expect.objectContaining({ name: 'FirstResponse', target: 'PT1H', newTarget: 'PT2H', dueAt: at(before, HOUR), newDueAt: at(before, 2 * HOUR), dueShiftSeconds: 3600, breachesAtOnce: false }),
      expect.objectContaining({ name: 'Resolution', target: 'PT8H', newTarget: 'PT8H', dueShiftSeconds: 0, breachesAtOnce: false }),
    ]);
    const after = await sla(first);
    expect({ version: after.policy.version, milestones: after.milestones.map((m) => [m.name, m.dueAt]), events: after.events.length })
      .toEqual({ version: 1, milestones: before.milestones.map((m) => [m.name, m.dueAt]), events: before.events.length });
    expect((await stack.api.request({ url: P })).json()).toMatchObject({ effective: { version: 1, source: 'config' }, openTickets: [{ version: 1, tickets: 2 }] });
  });

  it('applies a version to open tickets: the SLA view shows the new due time and the replan event with the actor', async () => {
    const response = await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'open', ...v2 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ policy: POLICY, version: 2, scope: 'open', recorded: true, effectiveVersion: 2, notRunning: [], skipped: [], nextCursor: null });
    expect(response.json().signalled.sort()).toEqual([first, second].sort());
    const view = await eventually(async () => {
      const current = await sla(first);
      return current.policy.version === 2 ? current : undefined;
    });
    expect(milestone(view, 'FirstResponse')).toMatchObject({ target: 'PT2H', dueAt: at(view, 2 * HOUR), state: 'running' });
    expect(view.events.filter((e) => e.type === 'replan').map((e) => [e.milestone, e.actor, e.dueAt, e.reason])).toEqual([
      ['FirstResponse', 'admin@example.com', at(view, 2 * HOUR), `policy ${POLICY} v1 → v2: applied to open tickets`],
      ['Resolution', 'admin@example.com', at(view, 8 * HOUR), `policy ${POLICY} v1 → v2: applied to open tickets`],
    ]);
    await eventually(async () => ((await stack.api.request({ url: P })).json().openTickets[0]?.version === 2 ? true : undefined));
    expect((await stack.api.request({ url: P })).json()).toMatchObject({
      effective: { version: 2, source: 'applied', scope: 'open', appliedBy: { label: 'admin@example.com', method: 'gotrs-token' } },
      openTickets: [{ version: 2, tickets: 2 }],
    });
  });

  it('changes nothing when the same version is applied again, and refuses the same version with another definition', async () => {
    const events = (await sla(first)).events.length;
    const again = await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'open', ...v2 } });
    expect(again.json()).toMatchObject({ recorded: false, signalled: [], alreadyCurrent: 2, effectiveVersion: 2 });
    expect((await sla(first)).events.length).toBe(events);
    const other = await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'open', ...v2, targets: { FirstResponse: 'PT5H' } } });
    expectProblem(other, 409, 'sla_policy_version_conflict');
    expectProblem(await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'new', version: 1 } }), 409, 'sla_policy_version_superseded');
  });

  it('applies a version to new tickets only: open ones keep theirs, a ticket created afterwards gets it', async () => {
    const response = await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'new', version: 3, calendar: '24x7', targets: { FirstResponse: 'PT3H', Resolution: 'PT8H' } } });
    expect(response.json()).toMatchObject({ recorded: true, effectiveVersion: 3, signalled: [] });
    expect((await sla(first)).policy.version).toBe(2);
    later = await openTicket();
    const view = await sla(later);
    expect({ version: view.policy.version, target: milestone(view, 'FirstResponse').target }).toEqual({ version: 3, target: 'PT3H' });
    expect((await stack.api.request({ url: P })).json().openTickets).toEqual([{ version: 2, tickets: 2 }, { version: 3, tickets: 1 }]);
  });

  it('breaches an over-due ticket at once under a tightened version, due when the new target was passed', async () => {
    await eventually(async () => (Date.now() - Date.parse((await sla(later)).startedAt) > 2_000 ? true : undefined));
    const tightened = { version: 4, calendar: '24x7', targets: { FirstResponse: 'PT1S', Resolution: 'PT8H' } };
    const preview = (await stack.api.request({ method: 'POST', url: `${P}/preview`, payload: tightened })).json();
    const previewed = preview.tickets.find((t: { ticketId: string }) => t.ticketId === later);
    expect(previewed.milestones[0]).toMatchObject({ name: 'FirstResponse', breachesAtOnce: true, newState: 'breached', newDueAt: at(await sla(later), 1_000) });
    expect((await stack.api.request({ method: 'POST', url: `${P}/apply`, payload: { scope: 'open', ...tightened } })).json().signalled).toHaveLength(3);
    const view = await eventually(async () => {
      const current = await sla(later);
      return milestone(current, 'FirstResponse').state === 'breached' ? current : undefined;
    });
    // Under v3 (PT3H) it had run since its creation: the 1 s target was passed 1 s after it.
    expect(view.events.filter((e) => e.type === 'breach').map((e) => [e.milestone, e.dueAt, e.actor])).toEqual([['FirstResponse', at(view, 1_000), 'sla']]);
    expect(milestone(view, 'FirstResponse').dueAt).toBe(at(view, 1_000));
    // Re-planned once before (v2), `first` passed the target before its clock last restarted: due at the re-plan, breached at once too.
    await eventually(async () => (milestone(await sla(first), 'FirstResponse').state === 'breached' ? true : undefined));
  });

  it('refuses hostile input: NUL, a duration past P366D, unknown fields, an unknown policy or version, a Customer', async () => {
    const post = (url: string, payload: unknown, token?: string) => stack.api.request({ method: 'POST', url, payload, ...(token ? { token } : {}) });
    expectProblem(await post(`${P}/preview`, { ...v2, version: 9, calendar: 'office\u0000' }), 400, 'validation_failed');
    const tooLong = await post(`${P}/preview`, { ...v2, version: 9, targets: { FirstResponse: 'P99999D' } });
    expectProblem(tooLong, 400, 'invalid_policy');
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'body.targets.FirstResponse' })]);
    expectProblem(await post(`${P}/preview`, { ...v2, version: 9, calendar: 'no-such-calendar' }), 400, 'invalid_policy');
    expectProblem(await post(`${P}/apply`, { scope: 'open', ...v2, version: 9, surprise: true }), 400, 'validation_failed');
    expectProblem(await post(`${P}/apply`, { scope: 'everything', version: 2 }), 400, 'validation_failed');
    expectProblem(await post(`${P}/preview`, { version: 99 }), 404, 'sla_policy_version_not_found');
    expectProblem(await post('/api/v1/sla/policies/no-such-policy/preview', v2), 404, 'sla_policy_not_found');
    expectProblem(await post(`${P}/apply`, { scope: 'open', version: 2 }, await tokenFor('Customer')), 403, 'forbidden');
    expectProblem(await post(`${P}/preview?cursor=forged`, v2), 400, 'invalid_cursor');
  });
});
