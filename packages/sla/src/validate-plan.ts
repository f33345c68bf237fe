import { MAX_DURATION_ISO, MAX_DURATION_MS, MILESTONES, type SlaPlan } from '@gotrs/contracts';
import { BusinessCalendar } from './business-calendar';
import { InvalidPlanError, SlaError } from './errors';
import { validateCalendar } from './validate-calendar';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function durationProblem(value: unknown, minimum: number): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) return `must be an integer of at least ${minimum} ms`;
  if (value > MAX_DURATION_MS) return `must be at most ${MAX_DURATION_MS} ms (${MAX_DURATION_ISO})`;
  return undefined;
}

function milestoneProblems(milestones: unknown, problems: string[]): number[] {
  if (!Array.isArray(milestones)) {
    problems.push('milestones: must be a list');
    return [];
  }
  const seen = new Set<unknown>();
  const targets: number[] = [];
  milestones.forEach((m: unknown, i) => {
    const path = `milestones[${i}]`;
    if (!isRecord(m)) return void problems.push(`${path}: must be an object`);
    if (!(MILESTONES as readonly unknown[]).includes(m.name)) problems.push(`${path}.name: must be one of ${MILESTONES.join(', ')}`);
    else if (seen.has(m.name)) problems.push(`${path}.name: ${String(m.name)} appears twice`);
    seen.add(m.name);
    const target = durationProblem(m.targetMs, 1);
    if (target) problems.push(`${path}.targetMs: ${target}`);
    else targets.push(m.targetMs as number);
    if (!isStringList(m.pauseOn)) problems.push(`${path}.pauseOn: must be a list of statuses or status types`);
  });
  return targets;
}

function warnProblems(warn: unknown, problems: string[]): void {
  if (!isRecord(warn)) return void problems.push('warn: must be an object');
  const { percent, leadMs } = warn;
  if (percent !== null && (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 1 || percent > 99)) {
    problems.push('warn.percent: must be null or an integer from 1 to 99');
  }
  const lead = leadMs === null ? undefined : durationProblem(leadMs, 0);
  if (lead) problems.push(`warn.leadMs: null or ${lead}`);
}

/** The longest target must be reachable from the start within the calendar's span bound. */
function reachProblem(plan: SlaPlan, targets: number[]): string | undefined {
  const startMs = Date.parse(plan.startedAt);
  if (targets.length === 0) return undefined;
  try {
    new BusinessCalendar(plan.calendar).addBusinessTime(startMs, Math.max(...targets));
    return undefined;
  } catch (error) {
    if (error instanceof SlaError || error instanceof RangeError) return `calendar: cannot hold the targets: ${error.message}`;
    throw error;
  }
}

/**
 * Every reason the SLA clock could not run `plan`, each with its path (`milestones[1].targetMs: ...`);
 * empty when it can. Checks the shape, the calendar, the bounds on durations (`MAX_DURATION_MS`) and
 * that the calendar opens long enough to hold the longest target from the start. Pure and bounded
 * (one calendar call), so the SLA workflow checks its input with it too.
 */
export function validatePlan(plan: unknown): string[] {
  if (!isRecord(plan)) return ['plan: must be an object'];
  const problems: string[] = [];
  const policy = plan.policy;
  if (!isRecord(policy) || typeof policy.name !== 'string' || !Number.isInteger(policy.version) || typeof policy.reason !== 'string') {
    problems.push('policy: must be { name, version, reason }');
  }
  const calendarProblems = validateCalendar(plan.calendar).map((p) => `calendar.${p}`);
  problems.push(...calendarProblems);
  const targets = milestoneProblems(plan.milestones, problems);
  warnProblems(plan.warn, problems);
  if (!isStringList(plan.managers)) problems.push('managers: must be a list of recipients');
  if (!Array.isArray(plan.escalation)) problems.push('escalation: must be a list of rules');
  const startedAt = typeof plan.startedAt === 'string' ? Date.parse(plan.startedAt) : NaN;
  const startValid = Number.isFinite(startedAt) && startedAt >= 0 && startedAt < Date.parse('9000-01-01T00:00:00Z');
  if (!startValid) problems.push('startedAt: must be an ISO 8601 instant between 1970 and 9000');
  if (problems.length > 0) return problems;
  const reach = reachProblem(plan as unknown as SlaPlan, targets);
  return reach ? [reach] : [];
}

/** Throws `InvalidPlanError` listing every problem `validatePlan` finds. */
export function assertValidPlan(plan: SlaPlan): SlaPlan {
  const problems = validatePlan(plan);
  if (problems.length > 0) throw new InvalidPlanError(problems);
  return plan;
}
