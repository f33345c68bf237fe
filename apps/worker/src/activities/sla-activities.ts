import { findSla, findSlaPolicyName, recordSlaProgress, type SlaProgress } from '@gotrs/db';
import type { MilestoneClock, SlaPlan, SlaPolicy, SlaSettings } from '@gotrs/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createWorkerMetrics, type WorkerMetrics } from '../metrics/worker-metrics';
import { classified } from './activity-errors';

export interface SlaActivityDeps {
  pool: Pool;
  logger: Logger;
  sla: SlaSettings;
  /** Where breaches, warnings and met milestones are counted (a registry of its own by default). */
  metrics?: WorkerMetrics;
}

/**
 * Input of `SLABreachActivity`: the breach event with the milestone's clock at that moment, and the
 * events of the same step that came before it (a warning due at the same wake-up), written first.
 */
export type BreachRecord = SlaProgress & { events: [SlaProgress['events'][number]]; earlier?: SlaProgress['events'] };

/** What a resumed SLA run starts from: the plan and each milestone's latest clock, as recorded. */
export interface RecordedSla {
  plan: SlaPlan;
  milestones: MilestoneClock[];
}

/** The policy an SLA's events count under: the plan's on the first step, else as recorded; never fails the activity. */
async function policyOf(deps: SlaActivityDeps, progress: SlaProgress): Promise<string | null> {
  return progress.plan?.policy.name ?? findSlaPolicyName(deps.pool, progress.ticketId).catch(() => null);
}

/** Activities of `SLAEnforcementWorkflow`; each is idempotent through its events' keys. */
export function createSlaActivities(deps: SlaActivityDeps) {
  const metrics = deps.metrics ?? createWorkerMetrics();
  return classified(deps.logger, {
    /** Records SLA events (once each) and the clocks' latest state, and the plan on the first call. */
    async RecordSlaEventsActivity(progress: SlaProgress): Promise<void> {
      await recordSlaProgress(deps.pool, progress);
      const counted = progress.events.filter((e) => e.type === 'warn' || e.type === 'meet');
      if (counted.length === 0) return;
      const policy = await policyOf(deps, progress);
      for (const e of counted) {
        if (e.type === 'warn') metrics.slaWarned({ milestone: e.milestone, policy });
        else metrics.slaMet({ milestone: e.milestone, policy });
      }
    },
    /** Records a milestone's breach (the seed's activity); once per milestone cycle. */
    async SLABreachActivity(breach: BreachRecord): Promise<void> {
      const [event] = breach.events;
      deps.logger.warn({ ticketId: breach.ticketId, milestone: event.milestone, cycle: event.cycle, lateMs: event.at - (event.dueAt ?? event.at) }, 'SLA breached');
      const { earlier = [], ...progress } = breach;
      await recordSlaProgress(deps.pool, { ...progress, events: [...earlier, event] });
      metrics.slaBreached({ milestone: event.milestone, policy: await policyOf(deps, breach) }, (Date.now() - (event.dueAt ?? event.at)) / 1000);
    },
    /**
     * The ticket's SLA as its earlier run recorded it, for a run started again by a reopen; null when
     * the ticket never had one. A read: repeating it is harmless.
     */
    async LoadSlaStateActivity(ticketId: string): Promise<RecordedSla | null> {
      const stored = await findSla(deps.pool, ticketId);
      return stored ? { plan: stored.plan, milestones: stored.milestones } : null;
    },
    /** Local activity: the default policy, for SLAs a Go caller starts with bare targets. */
    async GetDefaultSlaPolicyActivity(): Promise<SlaPolicy> {
      return deps.sla.policies[deps.sla.defaultPolicy]!;
    },
  });
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;
