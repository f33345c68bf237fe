import { proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import {
  decodeActor,
  decodeGoSlaConfig,
  type Actor,
  type SlaPlan,
  type SlaPolicy,
  type SlaResume,
  type SlaStart,
} from '@gotrs/contracts';
import { SlaErrorCodes, planFromTargets, validatePlan, type SlaError } from '@gotrs/sla';
import { invalidInput } from './workflow-input';

/** What a run starts from, decoded (contracts' `SlaInput` is the argument as it arrives). */
export type DecodedSlaInput = { kind: 'start'; start: SlaStart } | { kind: 'resume'; status: string; at: unknown; actor?: Actor };

/** Who reopened the ticket, when the lifecycle said so; a resume that names nobody, or cannot be read, is the SLA's. */
function reopener(raw: unknown): Actor | undefined {
  try {
    return decodeActor(raw);
  } catch {
    return undefined;
  }
}

const invalid = invalidInput;

/**
 * The plan, checked before any clock runs on it: a plan the clock cannot run would otherwise fail
 * every workflow task, and be retried, forever.
 */
export function checkedPlan(plan: unknown, source: string): SlaPlan {
  const problems = validatePlan(plan);
  if (problems.length > 0) throw invalid(`invalid SLA plan (${source}): ${problems.join('; ')}`);
  return plan as SlaPlan;
}

/** Decodes the start arguments: ours, a resume after a reopen, or Go's `(ticketID, SLAConfig)`. */
export async function decodeSlaInput(ticketId: unknown, config: unknown): Promise<DecodedSlaInput> {
  if (typeof ticketId !== 'string' || ticketId === '') throw invalid('ticket ID must be a non-empty string');
  const ours = (typeof config === 'object' && config !== null ? config : {}) as Partial<SlaStart & SlaResume>;
  if (ours.plan) return { kind: 'start', start: { ...ours, plan: checkedPlan(ours.plan, 'start argument') } };
  if (ours.resume && typeof ours.resume === 'object') {
    if (typeof ours.resume.status !== 'string') throw invalid('resume.status must be a status');
    const actor = reopener(ours.resume.actorIdentity);
    return { kind: 'resume', status: ours.resume.status, at: ours.resume.at, ...(actor ? { actor } : {}) };
  }
  let targets;
  try {
    targets = decodeGoSlaConfig(config);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  if (!targets) throw invalid('expected SLAConfig{FirstResponseTime, ResolutionTime}, { plan } or { resume }');
  const { GetDefaultSlaPolicyActivity } = proxyLocalActivities<{ GetDefaultSlaPolicyActivity(): Promise<SlaPolicy> }>({ startToCloseTimeout: '10 seconds' });
  const policy = await GetDefaultSlaPolicyActivity();
  try {
    return { kind: 'start', start: { plan: planFromTargets(policy, targets, new Date(workflowInfo().startTime).toISOString()) } };
  } catch (error) {
    if ((error as SlaError).code === SlaErrorCodes.invalidPlan) throw invalid((error as Error).message);
    throw error;
  }
}
