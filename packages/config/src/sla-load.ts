import type { EscalationRule, MilestoneName, SlaTargets } from '@gotrs/contracts';
import {
  CALENDAR_24X7,
  DEFAULT_PAUSE_ON,
  DEFAULT_WARN,
  parseIsoDuration,
  validateCalendar,
  validatePlan,
  type CalendarSpec,
  type SlaPolicy,
  type SlaSettings,
} from '@gotrs/sla';
import { ConfigError } from './errors';
import { readYamlFile } from './yaml-file';
import { SlaFileSchema, type SlaFile } from './sla-schema';

type Problems = string[];

/** An ISO 8601 duration of at most MAX_DURATION_ISO (P366D): `parseIsoDuration` refuses longer ones. */
function duration(text: string, path: string, problems: Problems): number {
  try {
    return parseIsoDuration(text);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return 0;
  }
}

function calendars(file: SlaFile, problems: Problems): Record<string, CalendarSpec> {
  const result: Record<string, CalendarSpec> = { '24x7': CALENDAR_24X7 };
  for (const [name, c] of Object.entries(file.calendars ?? {})) {
    const spec: CalendarSpec = { name, timezone: c.timezone };
    if (c.always_open !== undefined) spec.alwaysOpen = c.always_open;
    if (c.week) spec.week = c.week;
    if (c.holidays) spec.holidays = c.holidays;
    problems.push(...validateCalendar(spec).map((p) => `calendars.${name}: ${p}`));
    result[name] = spec;
  }
  return result;
}

function ladder(rungs: NonNullable<SlaFile['policies'][string]['escalation']>, path: string, problems: Problems): EscalationRule[] {
  return rungs.map((r, i) => {
    const rule: EscalationRule = { level: r.level, waitMs: duration(r.wait, `${path}[${i}].wait`, problems), condition: r.condition };
    if (r.assign_queue) rule.assignQueue = r.assign_queue;
    if (r.assign_agent) rule.assignAgent = r.assign_agent;
    if (r.raise_priority_to) rule.raisePriorityTo = r.raise_priority_to;
    if (r.notify) rule.notify = r.notify;
    return rule;
  }).sort((a, b) => a.level - b.level);
}

/** A policy as config/sla.yaml writes it (snake_case, ISO 8601 durations, a calendar by name). */
export type SlaPolicySource = SlaFile['policies'][string];

function policy(name: string, p: SlaPolicySource, known: Record<string, CalendarSpec>, problems: Problems): SlaPolicy {
  const path = `policies.${name}`;
  const calendar = known[p.calendar];
  if (!calendar) problems.push(`${path}.calendar: no calendar named "${p.calendar}"`);
  const targets: SlaTargets = {};
  for (const [milestone, text] of Object.entries(p.targets)) {
    targets[milestone as MilestoneName] = duration(text, `${path}.targets.${milestone}`, problems);
  }
  if (Object.keys(targets).length === 0) problems.push(`${path}.targets: name at least one milestone`);
  return {
    name,
    version: p.version,
    calendar: calendar ?? CALENDAR_24X7,
    targets,
    pauseOn: p.pause_on ?? DEFAULT_PAUSE_ON,
    warn: p.warn
      ? { percent: p.warn.percent ?? null, leadMs: p.warn.lead ? duration(p.warn.lead, `${path}.warn.lead`, problems) : null }
      : DEFAULT_WARN,
    managers: p.managers ?? [],
    escalation: ladder(p.escalation ?? [], `${path}.escalation`, problems),
  };
}

/**
 * A policy written as in config/sla.yaml (from a request, say), checked as the file's are: every
 * duration at most P366D, a calendar `calendars` names, at least one target, and a plan a ticket
 * created at `nowMs` could run. The problems name fields under `path`; the policy only when there are none.
 */
export function slaPolicyFrom(
  name: string, source: SlaPolicySource, calendars: Record<string, CalendarSpec>, nowMs = Date.now(),
): { policy: SlaPolicy; problems: [] } | { policy?: undefined; problems: string[] } {
  const problems: Problems = [];
  const result = policy(name, source, calendars, problems);
  if (problems.length === 0) problems.push(...planProblems(result, nowMs));
  return problems.length ? { problems: problems.map((p) => p.replace(`policies.${name}`, 'policy')) } : { policy: result, problems: [] };
}

/**
 * Whether a ticket created at `nowMs` could run under the policy: the plan `buildPlan` would take
 * (the same check the API and the SLA workflow make), so that a calendar too sparse for its targets
 * fails here rather than at a ticket's create.
 */
function planProblems(p: SlaPolicy, nowMs: number): string[] {
  return validatePlan({
    policy: { name: p.name, version: p.version, reason: 'configuration check' },
    calendar: p.calendar,
    milestones: Object.entries(p.targets).map(([name, targetMs]) => ({ name, targetMs, pauseOn: p.pauseOn[name as MilestoneName] ?? [] })),
    warn: p.warn,
    managers: p.managers,
    escalation: p.escalation,
    startedAt: new Date(nowMs).toISOString(),
  }).map((problem) => `policies.${p.name}: ${problem}`);
}

/**
 * Reads and checks config/sla.yaml: every calendar, duration (each at most P366D) and name reference,
 * and that each policy's calendar can hold its targets for a ticket created at `nowMs`; all problems at once.
 */
export function loadSlaSettings(path: string, nowMs = Date.now()): SlaSettings {
  const raw = readYamlFile(path, SlaFileSchema);
  const problems: Problems = [];
  const known = calendars(raw, problems);
  const policies = Object.fromEntries(Object.entries(raw.policies).map(([name, p]) => [name, policy(name, p, known, problems)]));
  const rules = (raw.rules ?? []).map((r, i) => {
    if (!policies[r.policy]) problems.push(`rules[${i}].policy: no policy named "${r.policy}"`);
    return { policy: r.policy, ...(r.priorities ? { priorities: r.priorities } : {}), ...(r.queues ? { queues: r.queues } : {}) };
  });
  if (!policies[raw.default_policy]) problems.push(`default_policy: no policy named "${raw.default_policy}"`);
  if (problems.length === 0) for (const p of Object.values(policies)) problems.push(...planProblems(p, nowMs));
  if (problems.length) throw new ConfigError(`invalid ${path}:\n  ${problems.join('\n  ')}`);
  return { policies, rules, defaultPolicy: raw.default_policy, calendars: known };
}
