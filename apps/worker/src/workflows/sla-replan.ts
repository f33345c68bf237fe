import { log } from '@temporalio/workflow';
import type { SlaEvent, SlaPlan, SlaPolicy } from '@gotrs/contracts';
import { replannedPlan, type SlaClock } from '@gotrs/sla';

/** The plan under the policy a `policy-changed` signal carried; undefined when no clock could run it. */
function planUnder(clock: SlaClock, policy: Record<string, unknown>): SlaPlan | undefined {
  try {
    const plan = replannedPlan(clock.plan, policy as unknown as SlaPolicy);
    if (plan.policy.name === clock.plan.policy.name) return plan;
    log.warn('ignoring a change of another policy', { policy: plan.policy.name, running: clock.plan.policy.name });
  } catch (error) {
    log.warn('ignoring a policy change the SLA clock cannot run', { error: (error as Error).message });
  }
  return undefined;
}

/**
 * Re-plans the clocks under a new version of their policy at `atMs` (see `SlaClock.replan`): the
 * events to record, none when the signal cannot be run or the clocks already follow that version.
 */
export function replanUnder(clock: SlaClock, policy: Record<string, unknown>, atMs: number, reason: string | undefined): SlaEvent[] {
  const plan = planUnder(clock, policy);
  if (!plan) return [];
  const { name, version } = clock.plan.policy;
  return clock.replan(plan, atMs, `policy ${name} v${version} → v${plan.policy.version}${reason ? `: ${reason}` : ''}`);
}
