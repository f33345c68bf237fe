import type { SlaNotice } from '@gotrs/contracts';
import type { SlaProgress } from '@gotrs/db';
import { CALENDAR_24X7, type SlaPlan, type SlaPolicy } from '@gotrs/sla';
import { testEnv } from '@gotrs/devstack/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
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
  latest: SlaProgress['milestones'] = [];

  constructor(readonly defaultPolicy: SlaPolicy = policy()) {}

  activities(): TestActivities {
    return {
      GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
      GetDefaultSlaPolicyActivity: async () => this.defaultPolicy,
      RecordSlaEventsActivity: async (progress: SlaProgress) => {
        if (progress.plan) this.plans.push(progress.plan);
        this.events.push(...progress.events);
        this.log.push(...progress.events);
        if (progress.milestones.length) this.latest = progress.milestones;
      },
      SLABreachActivity: async (progress: SlaProgress) => {
        this.breaches.push(...progress.events);
        this.log.push(...progress.events);
      },
      NotifyManagersActivity: async (notice: SlaNotice) => {
        this.notices.push(notice);
      },
    };
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

/** The time-skipping test server with a worker of fake activities on its own queue. */
export async function timeSkipping(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv().temporalTestServerPath } },
  });
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
