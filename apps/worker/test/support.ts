import { randomUUID } from 'node:crypto';
import { loadConfig, type AppConfig, type WorkflowSettings } from '@gotrs/config';
import { isStorableText, type AssignCommand, type CreateCommand, type EventCommand, type ResponseCommand, type StatusCommand, type Ticket } from '@gotrs/contracts';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../src/create-worker';
import type { Activities } from '../src/activities';
import type { TicketNotice } from '@gotrs/contracts';

/** The activities a test worker registers: a subset of the real ones, faked. */
export type TestActivities = Partial<Activities> & Record<string, (...args: never[]) => Promise<unknown>>;

/** Configuration pointing at the servers the jest global setup started, on a queue of the test's own. */
export function testConfig(name: string): AppConfig {
  return loadConfig({ ...process.env, TEMPORAL_TASK_QUEUE: `${name}-${randomUUID()}`, LOG_LEVEL: 'silent' });
}

/** Fast retries so failure paths finish in seconds. */
export const FAST_SETTINGS: WorkflowSettings = {
  retryPolicy: { initialIntervalMs: 50, backoffCoefficient: 2, maximumIntervalMs: 500, maximumAttempts: 5 },
  startToCloseTimeoutMs: 10_000,
  persistenceMaximumAttempts: 0,
  continueAsNewAfterEvents: 2000,
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflows bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  return bundle;
}

let runtimeInstalled = false;
/** Keeps the SDK's own logging to warnings so test output stays readable. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by another test file in this jest worker: keep that one.
  }
}

export interface Harness {
  client: Client;
  taskQueue: string;
  /** Runs `fn` while a worker with these activities polls the test's queue. */
  withWorker<T>(activities: TestActivities, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createHarness(name: string): Promise<Harness> {
  quietRuntime();
  const config = testConfig(name);
  const connection = await Connection.connect({ address: config.temporal.address });
  const native = await NativeConnection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  return {
    client,
    taskQueue: config.temporal.taskQueue,
    async withWorker(activities, fn) {
      const worker = await Worker.create({
        connection: native,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        workflowBundle: await workflowBundle(),
        activities,
      });
      return worker.runUntil(fn);
    },
    async close() {
      await connection.close();
      await native.close();
    },
  };
}

/** Whether any string in `value` (one level deep) is text PostgreSQL refuses. */
function carriesUnstorable(value: object): boolean {
  return Object.values(value).some((v) => (typeof v === 'string' ? !isStorableText(v) : typeof v === 'object' && v !== null && carriesUnstorable(v)));
}

/**
 * In-memory stand-ins for the ticket activities (workflow unit tests mock activities, as the seed's
 * test does). They keep the real ones' contract: idempotent by change ID, the row as the answer, and
 * a write PostgreSQL would refuse (`refuses`, by default unstorable text) fails for good.
 */
export class FakeTicketStore {
  readonly tickets = new Map<string, Ticket>();
  readonly history: Array<{ changeId: string; ticketId: string; action: string; to: string | null; source: string; accepted: boolean; reason: string | null }> = [];
  readonly notices: TicketNotice[] = [];
  /** Failures to throw before the next write succeeds (a database outage). */
  failNextWrites = 0;
  calls = 0;
  /** Writes PostgreSQL refuses for their data: they fail as the real activities do, non-retryable. */
  refuses: (change: object) => boolean = carriesUnstorable;

  constructor(readonly settings: WorkflowSettings = FAST_SETTINGS) {}

  private write(change: { changeId: string; ticketId: string; action: string; to: string | null; source: string; accepted?: boolean; reason: string | null }): boolean {
    this.calls += 1;
    if (this.failNextWrites > 0) {
      this.failNextWrites -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }
    this.check(change);
    if (this.history.some((h) => h.changeId === change.changeId)) return false;
    this.history.push({ ...change, accepted: change.accepted ?? true });
    return true;
  }

  private check(data: object): void {
    if (this.refuses(data)) {
      throw ApplicationFailure.nonRetryable('PostgreSQL refused the data (SQLSTATE 22021): invalid byte sequence for encoding "UTF8": 0x00', 'InvalidDataError');
    }
  }

  private update(id: string, patch: Partial<Ticket>, at: string): Ticket {
    const ticket = { ...this.tickets.get(id)!, ...patch, updatedAt: at };
    this.tickets.set(id, ticket);
    return ticket;
  }

  activities(): TestActivities {
    return {
      CreateTicketActivity: async ({ ticket, changeId, at }: CreateCommand) => {
        const existing = this.tickets.get(ticket.id);
        if (existing) return existing;
        this.check({ ...ticket, action: 'created' });
        this.write({ changeId, ticketId: ticket.id, action: 'created', to: 'new', source: 'system', reason: null });
        const created: Ticket = {
          id: ticket.id, number: String(20260000 + this.tickets.size), title: ticket.title ?? `Ticket ${ticket.id}`,
          description: ticket.description ?? null, status: 'new', statusType: 'new', priority: ticket.priority ?? 3,
          queue: ticket.queue ?? 'Raw', customerUserId: ticket.customerUserId ?? null, assignee: null, pendingUntil: null,
          escalationLevel: 0, createdAt: ticket.createdAt ?? at, updatedAt: ticket.createdAt ?? at,
        };
        this.tickets.set(ticket.id, created);
        return created;
      },
      AssignTicketActivity: async (c: AssignCommand) => {
        if (!this.write({ ...c, action: 'assigned', to: c.agentId })) return this.tickets.get(c.ticketId)!;
        return this.update(c.ticketId, { assignee: c.agentId }, c.at);
      },
      UpdateTicketStatusActivity: async (c: StatusCommand) => {
        if (!this.write({ ...c, to: c.status })) return this.tickets.get(c.ticketId)!;
        const statusType = c.status.startsWith('pending') ? 'pending' : c.status.startsWith('closed') ? 'closed' : (c.status as Ticket['statusType']);
        return this.update(c.ticketId, { status: c.status, statusType, pendingUntil: c.pendingUntil }, c.at);
      },
      RecordTicketEventActivity: async (c: EventCommand) => {
        this.write({ ...c, accepted: c.action !== 'rejected' });
      },
      RecordResponseActivity: async (c: ResponseCommand) => {
        if (!this.write({ ...c, action: 'responded', to: c.agentId })) return this.tickets.get(c.ticketId)!;
        const ticket = this.tickets.get(c.ticketId)!;
        return this.update(c.ticketId, { ...(ticket as object) }, c.at);
      },
      NotifyTicketEventActivity: async (notice: TicketNotice) => {
        this.notices.push(notice);
      },
      GetWorkflowSettingsActivity: async () => this.settings,
    };
  }

  actions(ticketId: string): string[] {
    return this.history.filter((h) => h.ticketId === ticketId).map((h) => `${h.action}:${h.to}`);
  }
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
