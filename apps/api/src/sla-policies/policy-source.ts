import { isDeepStrictEqual } from 'node:util';
import type { SlaPolicy, SlaSettings } from '@gotrs/contracts';
import { isConnectionError, listPolicyVersions, recordPolicyVersion, type PolicyVersionRecord } from '@gotrs/db';
import type { Pool } from 'pg';
import type { ActorRecord } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { guardedRead } from '../errors/database-guard';

/** A version of a policy: config/sla.yaml's, or one applied over the API (with when, how and by whom). */
export interface KnownVersion {
  policy: SlaPolicy;
  source: 'config' | 'applied';
  record?: PolicyVersionRecord;
}

const fromConfig = (policy: SlaPolicy): KnownVersion => ({ policy, source: 'config' });
const fromRecord = (record: PolicyVersionRecord): KnownVersion => ({ policy: record.definition, source: 'applied', record });

/** The version in force for new tickets: the highest applied one when it is above the file's, else the file's. */
function effectiveOf(config: SlaPolicy, applied: readonly PolicyVersionRecord[]): KnownVersion {
  const top = applied.filter((r) => r.policy === config.name).reduce<PolicyVersionRecord | undefined>((a, r) => (a && a.version >= r.version ? a : r), undefined);
  return top && top.version > config.version ? fromRecord(top) : fromConfig(config);
}

/**
 * The SLA policies as they are in force: config/sla.yaml, with the versions applied over the API
 * (PostgreSQL's `sla_policy_versions`) above it. Several API instances agree because each reads
 * PostgreSQL; when it cannot be read, a create keeps the versions it last read (or the file's).
 */
export function createPolicySource(pool: Pool, config: SlaSettings) {
  let lastApplied: PolicyVersionRecord[] = [];
  const applied = (name?: string) => guardedRead(() => listPolicyVersions(pool, name));

  const policyNamed = (name: string): SlaPolicy => {
    const policy = Object.hasOwn(config.policies, name) ? config.policies[name] : undefined;
    if (!policy) throw new ApiError('sla_policy_not_found', `no SLA policy named "${name}" in config/sla.yaml`);
    return policy;
  };

  /** Every version of the policy known (the file's, the applied ones) and the one in force; 404 for an unknown policy. */
  const versions = async (name: string): Promise<{ effective: KnownVersion; known: KnownVersion[] }> => {
    const config = policyNamed(name);
    const records = await applied(name);
    const known = [fromConfig(config), ...records.filter((r) => r.version !== config.version).map(fromRecord)].sort((a, b) => a.policy.version - b.policy.version);
    return { effective: effectiveOf(config, records), known };
  };

  return {
    /** config/sla.yaml's calendars by name. */
    calendars: config.calendars ?? {},
    /** The policies new tickets get now; never fails for PostgreSQL (see above). */
    async settings(): Promise<SlaSettings> {
      try {
        lastApplied = await listPolicyVersions(pool);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
      }
      const policies = Object.fromEntries(Object.values(config.policies).map((p) => [p.name, effectiveOf(p, lastApplied).policy]));
      return { ...config, policies };
    },
    versions,
    /** A known version of the policy; 404 for an unknown policy or version. */
    async version(name: string, version: number): Promise<KnownVersion> {
      const found = (await versions(name)).known.find((v) => v.policy.version === version);
      if (!found) throw new ApiError('sla_policy_version_not_found', `policy "${name}" has no version ${version} (config/sla.yaml's or applied)`);
      return found;
    },
    /**
     * Makes `policy` the version new tickets get. The version in force again is a no-op (false);
     * a lower one is 409 `sla_policy_version_superseded`; a number taken by another definition 409
     * `sla_policy_version_conflict`. True when this call recorded it.
     */
    async record(policy: SlaPolicy, scope: 'new' | 'open', actor: ActorRecord): Promise<boolean> {
      const { effective, known } = await versions(policy.name);
      const same = known.find((v) => v.policy.version === policy.version);
      if (same && !isDeepStrictEqual(JSON.parse(JSON.stringify(same.policy)), JSON.parse(JSON.stringify(policy)))) {
        throw new ApiError('sla_policy_version_conflict', `policy "${policy.name}" version ${policy.version} exists with another definition: give the change a new version`);
      }
      if (policy.version < effective.policy.version) {
        throw new ApiError('sla_policy_version_superseded', `policy "${policy.name}" is at version ${effective.policy.version}: versions only move forward (apply the old definition as a new version)`);
      }
      if (same) return false;
      const { stored, inserted } = await guardedRead(() => recordPolicyVersion(pool, { policy: policy.name, version: policy.version, definition: policy, scope, appliedBy: actor }));
      if (!inserted && !isDeepStrictEqual(stored.definition, JSON.parse(JSON.stringify(policy)))) {
        throw new ApiError('sla_policy_version_conflict', `policy "${policy.name}" version ${policy.version} was just applied with another definition`);
      }
      return inserted;
    },
    policyNamed,
  };
}

export type PolicySource = ReturnType<typeof createPolicySource>;
