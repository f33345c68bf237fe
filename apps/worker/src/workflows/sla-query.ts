import { defineQuery } from '@temporalio/workflow';
import type { SlaClockSnapshot, SlaPlan } from '@gotrs/sla';

/** The SLA as its workflow holds it: the plan and each milestone's clock. */
export type SlaSnapshot = SlaClockSnapshot & { plan: SlaPlan };

/** `sla` query on `sla-{id}`: the live clocks (null before the first step). */
export const slaQuery = defineQuery<SlaSnapshot | null>('sla');
