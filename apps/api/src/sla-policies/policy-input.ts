import { slaPolicyFrom, type SlaPolicySource } from '@gotrs/config';
import type { SlaPolicy } from '@gotrs/contracts';
import { ApiError, type FieldError } from '../errors/api-error';
import type { SlaPolicyVersionInput } from '../schemas/sla-policy-requests';
import type { KnownVersion, PolicySource } from './policy-source';

const DEFINITION_FIELDS = ['calendar', 'targets', 'pause_on', 'warn', 'managers', 'escalation'] as const;

/** "policy.targets.Resolution: must be ..." as the field error of `body.targets.Resolution`. */
function fieldError(problem: string): FieldError {
  const match = /^policy(\.[^:]*)?: (.*)$/s.exec(problem);
  return match ? { field: `body${match[1] ?? ''}`, message: match[2]! } : { field: 'body', message: problem };
}

/** The body's definition, checked as config/sla.yaml's policies are; 400 `invalid_policy` naming every problem. */
function definition(source: PolicySource, name: string, input: SlaPolicyVersionInput): SlaPolicy {
  const missing = (['calendar', 'targets'] as const).filter((field) => input[field] === undefined);
  if (missing.length) {
    const errors = missing.map((field) => ({ field: `body.${field}`, message: 'is required with a definition (or send only `version`)' }));
    throw new ApiError('invalid_policy', `invalid ${errors.map((e) => e.field).join(', ')}`, errors);
  }
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  const raw = Object.fromEntries(given) as SlaPolicySource;
  const result = slaPolicyFrom(name, raw, source.calendars);
  if (result.policy) return result.policy;
  const errors = result.problems.map(fieldError);
  throw new ApiError('invalid_policy', `invalid ${[...new Set(errors.map((e) => e.field))].join(', ')}`, errors);
}

/**
 * The version a preview or apply body means: a definition (as in config/sla.yaml), or with only
 * `version`, a version known already (404 `sla_policy_version_not_found` otherwise). 404
 * `sla_policy_not_found` for a policy config/sla.yaml does not name.
 */
export async function versionOfBody(source: PolicySource, name: string, input: SlaPolicyVersionInput): Promise<KnownVersion> {
  source.policyNamed(name);
  if (DEFINITION_FIELDS.every((field) => input[field] === undefined)) return source.version(name, input.version);
  return { policy: definition(source, name, input), source: 'applied' };
}
