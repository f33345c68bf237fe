import { randomUUID } from 'node:crypto';
import { systemActor, temporalActor, type Actor, type NotificationRequest } from '@gotrs/contracts';
import { createTestDatabase, type TestDatabase } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import {
  applyAssignment,
  applyEscalation,
  createOrLoadTicket,
  createPool,
  deliverInApp,
  findEscalationRuns,
  findNotification,
  findSla,
  listHistory,
  recordEscalationStart,
  recordSlaProgress,
} from '../src';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase('actors');
  pool = createPool({ url: database.url, poolSize: 4, connectTimeoutMs: 2000, statementTimeoutMs: 5000 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const GRACE: Actor = { label: 'grace@example.com', method: 'gotrs-token', userId: '42', email: 'grace@example.com', keyId: null, keyName: null, onBehalfOf: null };
const FOR_ALICE: Actor = { label: 'alice', method: 'api-key', userId: null, email: null, keyId: randomUUID(), keyName: 'gotrs', onBehalfOf: 'alice' };
const at = () => new Date().toISOString();

async function ticket(createdByIdentity?: Actor) {
  const id = randomUUID();
  await createOrLoadTicket(pool, { ticket: { id, title: 't', ...(createdByIdentity ? { createdByIdentity } : {}) }, changeId: `${id}/0`, at: at() });
  return id;
}

describe('the actor in PostgreSQL', () => {
  it('stores who made each change and reads it back in the history, the label in `actor`', async () => {
    const id = await ticket(FOR_ALICE);
    await applyAssignment(pool, { ticketId: id, changeId: `${id}/1`, actor: GRACE.label, actorIdentity: GRACE, reason: null, source: 'api', at: at(), agentId: 'agent-7' });
    const { items } = await listHistory(pool, id, 10);
    expect(items.map((e) => [e.action, e.actor, e.actorIdentity])).toEqual([
      ['created', 'alice', FOR_ALICE],
      ['assigned', 'grace@example.com', GRACE],
    ]);
    const { rows } = await pool.query('SELECT actor_method, actor_key_id, actor_on_behalf_of FROM ticket_history WHERE ticket_id = $1 ORDER BY seq', [id]);
    expect(rows[0]).toEqual({ actor_method: 'api-key', actor_key_id: FOR_ALICE.keyId, actor_on_behalf_of: 'alice' });
  });

  it('reads a change recorded without one (an older worker) as not recorded: null', async () => {
    const id = await ticket();
    await applyAssignment(pool, { ticketId: id, changeId: `${id}/1`, actor: 'api', reason: null, source: 'api', at: at(), agentId: 'agent-7' });
    const { items } = await listHistory(pool, id, 10);
    expect(items.map((e) => [e.actor, e.actorIdentity])).toEqual([['system', null], ['api', null]]);
  });

  it("stores SLA events by their actor, the clock's own as `sla`, in the SLA and in the ticket's history", async () => {
    const id = await ticket();
    const base = { milestone: 'FirstResponse' as const, cycle: 1, dueAt: null, reason: 'r' };
    await recordSlaProgress(pool, { ticketId: id, milestones: [], events: [
      { ...base, key: `${id}/start`, type: 'start', at: Date.now() - 1000 },
      { ...base, key: `${id}/meet`, type: 'meet', at: Date.now(), actor: FOR_ALICE },
    ] });
    await pool.query(`INSERT INTO ticket_sla (ticket_id, policy, policy_version, reason, plan, started_at) VALUES ($1, 'p', 1, 'r', $2, now())`,
      [id, JSON.stringify({ milestones: [] })]);
    expect((await findSla(pool, id))!.events.map((e) => e.actor)).toEqual([systemActor('sla'), FOR_ALICE]);
    const { items } = await listHistory(pool, id, 10);
    expect(items.filter((e) => e.action === 'sla').map((e) => [e.to, e.actor, e.actorIdentity])).toEqual([
      ['start', 'sla', systemActor('sla')],
      ['meet', 'alice', FOR_ALICE],
    ]);
  });

  it('stores who fired an escalation level and who started the ladder', async () => {
    const id = await ticket();
    const workflowId = `escalation-${id}-manual-1`;
    const rule = { level: 1, waitMs: 0, condition: 'unresolved' as const };
    await recordEscalationStart(pool, { workflowId, runId: 'r', ticketId: id, trigger: 'manual:1', reason: 'VIP', rules: [rule], at: at(), actor: GRACE });
    await applyEscalation(pool, { ticketId: id, workflowId, trigger: 'manual:1', rule, actor: 'go-bot', actorIdentity: temporalActor('go-bot'), reason: 'VIP', at: at() });
    expect((await findEscalationRuns(pool, id))[0]!.actor).toEqual(GRACE);
    const { rows } = await pool.query('SELECT actor, actor_method FROM escalations WHERE workflow_id = $1', [workflowId]);
    expect(rows).toEqual([{ actor: 'go-bot', actor_method: 'temporal' }]);
    const { items } = await listHistory(pool, id, 10);
    expect(items.find((e) => e.action === 'escalated')).toMatchObject({ actor: 'go-bot', actorIdentity: temporalActor('go-bot') });
  });

  it('stores who asked for a notification, and null when nobody was named', async () => {
    const named: NotificationRequest = { id: randomUUID(), ticketId: null, recipient: 'agent-7', channel: 'in-app', subject: 's', body: 'b', event: 'ad-hoc', requestedBy: GRACE };
    const unnamed: NotificationRequest = { ...named, id: randomUUID(), requestedBy: undefined };
    for (const request of [named, unnamed]) await deliverInApp(pool, { request, recipientKey: 'agent-7' }, 1);
    expect((await findNotification(pool, named.id))!.requestedBy).toEqual(GRACE);
    expect((await findNotification(pool, unnamed.id))!.requestedBy).toBeNull();
  });

  it('refuses a method that is none of the known ones', async () => {
    const id = await ticket();
    const forged = { ...GRACE, method: 'password' } as unknown as Actor;
    await expect(applyAssignment(pool, { ticketId: id, changeId: `${id}/1`, actor: 'x', actorIdentity: forged, reason: null, source: 'api', at: at(), agentId: 'a' }))
      .rejects.toThrow(/actor_method/);
  });
});
