import { SEARCH_ATTRIBUTES, type SlaNotice } from '@gotrs/contracts';
import type { SlaProgress, SlaReplan } from '@gotrs/db';
import { CALENDAR_24X7, type SlaPlan, type SlaPolicy } from '@gotrs/sla';
import { testEnv } from '@gotrs/devstack/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { FAST_SETTINGS, type TestActivities } from './support';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** In-memory SLA activities that remember what the workflow asked them to record and tell. */
export class FakeSlaStore {
  readonly events: SlaProgress['events'] = [];
  readonly breaches: SlaProgress['events'] = [];
  /** Every recorded event, in the order the workflow recorded them. */
  readonly log: SlaProgress['events'] = [];
  readonly notices: SlaNotice[] = [];
  readonly plans: SlaPlan[] = [];
  /** What each re-plan recorded (RecordSlaReplanActivity), in order. */
  readonly replans: SlaReplan[] = [];
  latest: SlaProgress['milestones'] = [];
  /** Each ticket's milestone clocks as last recorded (what `sla_milestones` holds), by `{ticketId}/{milestone}`. */
  readonly clocks = new Map<string, SlaProgress['milestones'][number]>();
  /** Each ticket's plan as first recorded (`ticket_sla`). */
  readonly plansByTicket = new Map<string, SlaPlan>();
  /** Awaited before each record: a test can hold the SLA workflow inside an activity. */
  gate: (progress: SlaProgress) => Promise<void> = async () => undefined;
  /** Awaited before each notice to the managers. */
  noticeGate: (notice: SlaNotice) => Promise<void> = async () => undefined;

  private readonly keys = new Set<string>();

  constructor(readonly defaultPolicy: SlaPolicy = policy()) {}

  /** True when every event of `progress` was recorded before (a retried local activity); notes the keys. */
  private recorded(progress: SlaProgress): boolean {
    const keys = progress.events.map((e) => e.key);
    if (keys.length > 0 && keys.every((k) => this.keys.has(k))) return true;
    for (const key of keys) this.keys.add(key);
    return false;
  }

  activities(): TestActivities {
    return {
      GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
      GetDefaultSlaPolicyActivity: async () => this.defaultPolicy,
      RecordSlaEventsActivity: async (progress: SlaProgress) => {
        await this.gate(progress);
        // As PostgreSQL's unique event keys do: an attempt that is run again records nothing twice.
        if (this.recorded(progress)) return;
        if (progress.plan) this.plans.push(progress.plan);
        if (progress.plan && !this.plansByTicket.has(progress.ticketId)) this.plansByTicket.set(progress.ticketId, progress.plan);
        this.events.push(...progress.events);
        this.log.push(...progress.events);
        if (progress.milestones.length) this.latest = progress.milestones;
        for (const clock of progress.milestones) this.clocks.set(`${progress.ticketId}/${clock.name}`, clock);
      },
      SLABreachActivity: async (progress: SlaProgress) => {
        await this.gate(progress);
        if (this.recorded(progress)) return;
        this.breaches.push(...progress.events);
        this.log.push(...progress.events);
        for (const clock of progress.milestones) this.clocks.set(`${progress.ticketId}/${clock.name}`, clock);
      },
      RecordSlaReplanActivity: async (replan: SlaReplan) => {
        this.replans.push(replan);
        this.plansByTicket.set(replan.ticketId, replan.plan);
        this.events.push(...replan.events);
        this.log.push(...replan.events);
        this.latest = replan.milestones;
        for (const clock of replan.milestones) this.clocks.set(`${replan.ticketId}/${clock.name}`, clock);
      },
      LoadSlaStateActivity: async (ticketId: string) => {
        const plan = this.plansByTicket.get(ticketId);
        if (!plan) return null;
        const milestones = plan.milestones.map((m) => this.clocks.get(`${ticketId}/${m.name}`)).filter((c) => c !== undefined);
        return { plan, milestones };
      },
      NotifyManagersActivity: async (notice: SlaNotice) => {
        await this.noticeGate(notice);
        this.notices.push(notice);
      },
    };
  }

  /** The events with their reasons: `start:Resolution:2:ticket reopened`. */
  reasons(milestone?: string): string[] {
    return this.log
      .filter((e) => !milestone || e.milestone === milestone)
      .map((e) => `${e.type}:${e.milestone}:${e.cycle}:${e.reason}`);
  }

  types(milestone?: string): string[] {
    return this.log
      .filter((e) => !milestone || e.milestone === milestone)
      .map((e) => `${e.type}:${e.milestone}:${e.cycle}`);
  }
}

export function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    name: 'standard', version: 3, calendar: CALENDAR_24X7,
    targets: { FirstResponse: 4 * HOUR, Resolution: 24 * HOUR },
    pauseOn: { Resolution: ['pending'], Update: ['pending'] },
    warn: { percent: 80, leadMs: null },
    managers: ['support-manager'],
    escalation: [{ level: 1, waitMs: HOUR, condition: 'unresolved' }],
    ...overrides,
  };
}

export function plan(startedAt: number, overrides: Partial<SlaPlan> = {}): SlaPlan {
  return {
    policy: { name: 'standard', version: 3, reason: 'test' },
    calendar: CALENDAR_24X7,
    milestones: [
      { name: 'FirstResponse', targetMs: 4 * HOUR, pauseOn: [] },
      { name: 'Resolution', targetMs: 24 * HOUR, pauseOn: ['pending'] },
    ],
    warn: { percent: 80, leadMs: null },
    managers: ['support-manager'],
    escalation: [{ level: 1, waitMs: HOUR, condition: 'unresolved' }],
    startedAt: new Date(startedAt).toISOString(),
    ...overrides,
  };
}

/** The time-skipping test server (with the workflows' search attributes) for a worker of fake activities. */
export async function timeSkipping(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv().temporalTestServerPath } },
  });
  const { IndexedValueType } = temporal.api.enums.v1;
  const searchAttributes = Object.fromEntries(SEARCH_ATTRIBUTES.map(({ name, type }) => [name, IndexedValueType[`INDEXED_VALUE_TYPE_${type}`]]));
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** SLAEnforcementWorkflow with a stand-in EscalationWorkflow (fixtures/sla/workflows.ts), bundled once. */
function slaBundle(): Promise<WorkflowBundleWithSourceMap> {
  const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
  bundle ??= bundleWorkflowCode({ workflowsPath: join(__dirname, 'fixtures', 'sla', 'workflows.ts'), logger: silent });
  return bundle;
}

export async function skippingWorker(env: TestWorkflowEnvironment, taskQueue: string, activities: TestActivities): Promise<Worker> {
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await slaBundle(), activities });
}
