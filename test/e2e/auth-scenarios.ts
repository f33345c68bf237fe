/**
 * What the generated authorization tests (auth-matrix.test.ts) cannot read from the OpenAPI
 * document: for each operation, by operationId, a request that the allowed callers may make
 * (objects made fresh where the operation changes them) and, where the operation hides objects, one
 * for an object a Customer may not see. A new operation without an entry fails those tests.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../apps/api/src/auth/caller';
import type { Scope } from '../../apps/api/src/auth/scopes';
import { eventually, tokenFor, type Stack } from './support';

/** A Role, or an API key holding the operation's scope (and the scenario's `keyScopes`). */
export type Who = Role | 'key';

export interface Call {
  method: string;
  url: string;
  payload?: unknown;
}

/** The objects the scenarios share, made once (with the real worker) before the tests. */
export interface World {
  /** The Customer's (alice@example.com) own ticket, with its SLA recorded. */
  aliceTicket: string;
  /** Another customer's ticket. */
  bobTicket: string;
  /** In-app notifications in agent-7's and in alice's inbox. */
  agentNotification: string;
  aliceNotification: string;
}

export interface Scenario {
  /** A request `who` may make, meant to succeed. */
  allowed(stack: Stack, world: World, who: Who): Promise<Call>;
  /** For operations that hide objects: a Customer's request for something not theirs. */
  hidden?(world: World): Call;
  /** Scopes an API key needs besides the operation's (a rule on the object, not the operation). */
  keyScopes?: Scope[];
}

const T = '/api/v1/tickets';
const N = '/api/v1/notifications';
const W = '/api/v1/webhooks';

async function as(stack: Stack, who: Role, call: Call) {
  return stack.api.request({ ...call, token: await tokenFor(who) });
}

/** A fresh ticket made by an Admin (status `new`), written by the worker. */
async function freshTicket(stack: Stack, customerUserId: string | null = null): Promise<string> {
  const response = await as(stack, 'Admin', { method: 'POST', url: T, payload: { title: 'Auth matrix', customerUserId } });
  if (response.statusCode !== 201) throw new Error(`ticket not created: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

async function closedTicket(stack: Stack): Promise<string> {
  const id = await freshTicket(stack);
  const response = await as(stack, 'Admin', { method: 'POST', url: `${T}/${id}/status`, payload: { status: 'closed' } });
  if (response.statusCode !== 200) throw new Error(`ticket not closed: ${response.statusCode} ${response.body}`);
  return id;
}

/** A webhook subscription made by an Admin (to a port nothing listens on, for an event no scenario causes). */
async function freshWebhook(stack: Stack): Promise<string> {
  const response = await as(stack, 'Admin', { method: 'POST', url: W, payload: { url: 'http://127.0.0.1:9/matrix', events: ['webhook.disabled'] } });
  if (response.statusCode !== 201) throw new Error(`webhook not created: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

/** Whose notification a caller reads: a Customer their own, anyone else agent-7's (staff see alice's ticket too). */
const notificationOf = (world: World, who: Who) => (who === 'Customer' ? world.aliceNotification : world.agentNotification);

export const SCENARIOS: Record<string, Scenario> = {
  createTicket: {
    allowed: async () => ({ method: 'POST', url: T, payload: { title: 'Printer on fire' } }),
  },
  listTickets: {
    allowed: async () => ({ method: 'GET', url: `${T}?limit=5` }),
  },
  getTicket: {
    allowed: async (_s, world) => ({ method: 'GET', url: `${T}/${world.aliceTicket}` }),
    hidden: (world) => ({ method: 'GET', url: `${T}/${world.bobTicket}` }),
  },
  getTicketHistory: {
    allowed: async (_s, world) => ({ method: 'GET', url: `${T}/${world.aliceTicket}/history` }),
    hidden: (world) => ({ method: 'GET', url: `${T}/${world.bobTicket}/history` }),
  },
  getTicketSla: {
    allowed: async (_s, world) => ({ method: 'GET', url: `${T}/${world.aliceTicket}/sla` }),
    hidden: (world) => ({ method: 'GET', url: `${T}/${world.bobTicket}/sla` }),
  },
  assignTicket: {
    allowed: async (stack) => ({ method: 'POST', url: `${T}/${await freshTicket(stack)}/assign`, payload: { agentId: 'agent-7' } }),
  },
  changeTicketStatus: {
    allowed: async (stack) => ({ method: 'POST', url: `${T}/${await freshTicket(stack)}/status`, payload: { status: 'open' } }),
  },
  reopenTicket: {
    allowed: async (stack) => ({ method: 'POST', url: `${T}/${await closedTicket(stack)}/reopen`, payload: { reason: 'not fixed' } }),
  },
  escalateTicket: {
    allowed: async (stack) => ({ method: 'POST', url: `${T}/${await freshTicket(stack)}/escalate`, payload: { reason: 'VIP' } }),
  },
  recordTicketResponse: {
    // A person records their own response; a key names the agent, with actor:impersonate.
    allowed: async (stack, _w, who) => ({
      method: 'POST', url: `${T}/${await freshTicket(stack)}/responses`, payload: who === 'key' ? { agentId: 'agent-7' } : {},
    }),
    keyScopes: ['actor:impersonate'],
  },
  sendNotification: {
    allowed: async () => ({ method: 'POST', url: N, payload: { recipient: 'agent-3', channel: 'in-app', subject: 'Matrix', body: 'Allowed.' } }),
  },
  listInbox: {
    allowed: async (_s, _w, who) => ({ method: 'GET', url: `${N}?recipient=${who === 'Customer' ? 'alice' : 'agent-7'}` }),
    hidden: () => ({ method: 'GET', url: `${N}?recipient=agent-7` }),
  },
  getNotification: {
    allowed: async (_s, world, who) => ({ method: 'GET', url: `${N}/${notificationOf(world, who)}` }),
    hidden: (world) => ({ method: 'GET', url: `${N}/${world.agentNotification}` }),
  },
  streamEvents: {
    // A catch-up read (follow=false) ends, so that the answer can be read to its end.
    allowed: async () => ({ method: 'GET', url: '/api/v1/events?follow=false' }),
  },
  listApiKeys: {
    allowed: async () => ({ method: 'GET', url: '/api/v1/api-keys?includeRevoked=true' }),
  },
  createApiKey: {
    allowed: async () => ({ method: 'POST', url: '/api/v1/api-keys', payload: { name: `matrix-${randomUUID()}`, scopes: ['tickets:read'] } }),
  },
  revokeApiKey: {
    allowed: async (stack) => {
      const created = await as(stack, 'Admin', { method: 'POST', url: '/api/v1/api-keys', payload: { name: `matrix-${randomUUID()}`, scopes: ['tickets:read'] } });
      return { method: 'POST', url: `/api/v1/api-keys/${created.json().apiKey.id}/revoke` };
    },
  },
  getSlaReport: {
    allowed: async () => ({ method: 'GET', url: '/api/v1/reports/sla?groupBy=policy' }),
  },
  getSlaReportPage: {
    allowed: async () => ({ method: 'GET', url: '/api/v1/reports/sla.html?groupBy=queue' }),
  },
  // On config/sla.yaml's `standard` at the version it has: nothing changes for the other tests' tickets.
  getSlaPolicy: {
    allowed: async () => ({ method: 'GET', url: '/api/v1/sla/policies/standard' }),
  },
  previewSlaPolicy: {
    allowed: async () => ({ method: 'POST', url: '/api/v1/sla/policies/standard/preview?limit=5', payload: { version: 1 } }),
  },
  applySlaPolicy: {
    allowed: async () => ({ method: 'POST', url: '/api/v1/sla/policies/standard/apply', payload: { scope: 'new', version: 1 } }),
  },
  createWebhook: {
    allowed: async () => ({ method: 'POST', url: W, payload: { url: 'http://127.0.0.1:9/matrix', events: ['webhook.disabled'], description: 'matrix' } }),
  },
  listWebhooks: {
    allowed: async () => ({ method: 'GET', url: `${W}?limit=5` }),
  },
  getWebhook: {
    allowed: async (stack) => ({ method: 'GET', url: `${W}/${await freshWebhook(stack)}` }),
  },
  deleteWebhook: {
    allowed: async (stack) => ({ method: 'DELETE', url: `${W}/${await freshWebhook(stack)}`, payload: {} }),
  },
  rotateWebhookSecret: {
    allowed: async (stack) => ({ method: 'POST', url: `${W}/${await freshWebhook(stack)}/rotate-secret`, payload: {} }),
  },
  listWebhookDeliveries: {
    allowed: async (stack) => ({ method: 'GET', url: `${W}/${await freshWebhook(stack)}/deliveries` }),
  },
  markNotificationRead: {
    allowed: async (_s, world, who) => ({ method: 'POST', url: `${N}/${notificationOf(world, who)}/read` }),
    hidden: (world) => ({ method: 'POST', url: `${N}/${world.agentNotification}/read` }),
  },
};

/** An in-app notification to `recipient`, once the worker put it in the inbox. */
async function inInbox(stack: Stack, recipient: string): Promise<string> {
  const sent = await as(stack, 'Admin', { method: 'POST', url: N, payload: { recipient, channel: 'in-app', subject: 'For the matrix', body: 'Hello.' } });
  const id = sent.json().id as string;
  await eventually(async () => ((await as(stack, 'Admin', { method: 'GET', url: `${N}/${id}` })).json().inAppAt ? true : undefined));
  return id;
}

/** Makes the shared objects with the real worker. */
export async function makeWorld(stack: Stack): Promise<World> {
  const created = await stack.api.request({ method: 'POST', url: T, payload: { title: "Alice's printer" }, token: await tokenFor('Customer') });
  if (created.statusCode !== 201) throw new Error(`alice's ticket not created: ${created.statusCode} ${created.body}`);
  const aliceTicket = created.json().id as string;
  await eventually(async () => ((await as(stack, 'Admin', { method: 'GET', url: `${T}/${aliceTicket}/sla` })).statusCode === 200 ? true : undefined));
  const bobTicket = await freshTicket(stack, 'bob@example.com');
  await eventually(async () => ((await as(stack, 'Admin', { method: 'GET', url: `${T}/${bobTicket}/sla` })).statusCode === 200 ? true : undefined));
  return { aliceTicket, bobTicket, agentNotification: await inInbox(stack, 'agent-7'), aliceNotification: await inInbox(stack, 'alice') };
}
