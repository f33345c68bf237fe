/**
 * Open-loop mixed traffic through the gateway: requests start on their schedule whatever the
 * answers (a slow answer never delays the next request), and each latency is measured from the
 * scheduled start, so that a late start counts against the server, not for it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchStack } from './bench-stack';
import { describeLoad } from './machine';
import { gatewayRequest, type GatewayAnswer } from './ticket-work';

export type RequestKind = 'create' | 'assign' | 'get' | 'list';

/**
 * One cycle of 20 requests: 5 creates (with a customer, who is notified), 4 assigns, 7 GETs and 4
 * lists, interleaved so that every second of a phase sees each kind.
 */
const CYCLE: readonly RequestKind[] = (
  'CGAGL' + 'CGAGL' + 'CGAGL' + 'CGALC'
).split('').map((letter) => ({ C: 'create', G: 'get', A: 'assign', L: 'list' })[letter] as RequestKind);

/** Agents of config/notifications.yaml without notify hours: each assign sends its email at once. */
const AGENTS = ['agent-1', 'agent-3', 'agent-7', 'agent-8'] as const;

export const CUSTOMER = 'alice';

export interface OpenLoopResult {
  rate: number;
  seconds: number;
  answers: Record<RequestKind, GatewayAnswer[]>;
  /** Tickets the phase created (201 and 202). */
  created: string[];
  /** How late the last request started after its schedule (the client's own lag), ms. */
  maxStartLagMs: number;
  load: string;
}

/** Offers `rate` requests a second for `seconds`, assigning and reading among `tickets` (grown by the creates). */
export async function openLoop(bench: BenchStack, rate: number, seconds: number, tickets: string[]): Promise<OpenLoopResult> {
  if (tickets.length === 0) throw new Error('the open-loop phase needs existing tickets to assign and read');
  const answers: OpenLoopResult['answers'] = { create: [], assign: [], get: [], list: [] };
  const created: string[] = [];
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const startedAt = performance.now();
  let maxStartLagMs = 0;
  for (let i = 0; i < total; i += 1) {
    const scheduledAt = startedAt + i * intervalMs;
    const wait = scheduledAt - performance.now();
    if (wait > 0) await sleep(wait);
    maxStartLagMs = Math.max(maxStartLagMs, performance.now() - scheduledAt);
    const kind = CYCLE[i % CYCLE.length]!;
    const target = tickets[(i * 7919) % tickets.length]!;
    const request = send(bench, kind, i, target, scheduledAt).then((answer) => {
      answers[kind].push(answer);
      if (kind === 'create' && answer.id) {
        created.push(answer.id);
        tickets.push(answer.id);
      }
    });
    inFlight.push(request);
  }
  await Promise.all(inFlight);
  return { rate, seconds, answers, created, maxStartLagMs, load: describeLoad() };
}

function send(bench: BenchStack, kind: RequestKind, i: number, target: string, scheduledAt: number): Promise<GatewayAnswer> {
  switch (kind) {
    case 'create':
      return gatewayRequest(bench, 'POST', '/api/v1/tickets', { title: `bench open-loop ${i}`, customerUserId: CUSTOMER }, scheduledAt);
    case 'assign':
      return gatewayRequest(bench, 'POST', `/api/v1/tickets/${target}/assign`, { agentId: AGENTS[i % AGENTS.length] }, scheduledAt);
    case 'get':
      return gatewayRequest(bench, 'GET', `/api/v1/tickets/${target}`, undefined, scheduledAt);
    case 'list':
      return gatewayRequest(bench, 'GET', '/api/v1/tickets?limit=20', undefined, scheduledAt);
  }
}
