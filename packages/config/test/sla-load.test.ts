import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../src';
import { loadSlaSettings } from '../src/sla-load';

function slaFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gotrs-sla-')), 'sla.yaml');
  writeFileSync(file, yaml);
  return file;
}

const policy = (fields: string) => `
calendars:
  rare:
    timezone: Europe/Berlin
    week: { mon: ["09:00-09:01"] }
policies:
  p:
    version: 1
${fields}
default_policy: p
`;

describe('loadSlaSettings', () => {
  it('takes durations up to P366D', () => {
    const settings = loadSlaSettings(slaFile(policy(`    calendar: 24x7
    targets: { Resolution: P366D }
    warn: { lead: P366D }
    escalation: [{ level: 1, wait: P366D, condition: unresolved }]`)));
    expect(settings.policies.p!.targets.Resolution).toBe(366 * 86_400_000);
  });

  it('refuses targets, warning leads and escalation waits longer than P366D, naming each', () => {
    const load = () => loadSlaSettings(slaFile(policy(`    calendar: 24x7
    targets: { Resolution: P99999999D, FirstResponse: PT8785H }
    warn: { lead: P367D }
    escalation: [{ level: 1, wait: P53W, condition: unresolved }]`)));
    expect(load).toThrow(ConfigError);
    for (const path of ['policies.p.targets.Resolution', 'policies.p.targets.FirstResponse', 'policies.p.warn.lead', 'policies.p.escalation[0].wait']) {
      expect(load).toThrow(new RegExp(`${path.replace(/[.[\]]/g, '\\$&')}: invalid duration "[^"]+": too long \\(the longest duration taken is P366D\\)`));
    }
  });

  it('refuses a policy whose calendar is too sparse to hold its targets, at load rather than at a create', () => {
    const load = () => loadSlaSettings(slaFile(policy(`    calendar: rare
    targets: { Resolution: P30D }`)), Date.parse('2026-11-23T09:00:00Z'));
    expect(load).toThrow(/policies\.p: calendar: cannot hold the targets: calendar "rare": 2592000000 ms of open time do not fit in the 10958 days/);
  });
});
