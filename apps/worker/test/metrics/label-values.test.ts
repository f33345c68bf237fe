import { changeKindOfField, channelLabel, levelLabel, milestoneLabel, policyLabel, triggerLabel } from '../../src/metrics/label-values';

describe('metric label values', () => {
  it('keep the known values as they are', () => {
    expect([milestoneLabel('Resolution'), policyLabel('premium'), channelLabel('in-app'), triggerLabel('sla:FirstResponse:2'), triggerLabel('manual:7'), levelLabel(3)])
      .toEqual(['Resolution', 'premium', 'in-app', 'sla:FirstResponse', 'manual', '3']);
  });

  it("map a hostile caller's values onto a few fixed ones, so no one can create series without end", () => {
    const hostile = ['', 'x'.repeat(10_000), 'a\u0000b', '{}', 'sla:Bogus:1', 'sla', 'Go\n', '__proto__'];
    const labels = new Set(hostile.flatMap((value) => [milestoneLabel(value), channelLabel(value), triggerLabel(value), changeKindOfField(value)]));
    expect([...labels].sort()).toEqual(['none', 'other', 'sla:other']);
    expect([policyLabel('x'.repeat(65)), policyLabel('a b'), policyLabel(null), levelLabel(0), levelLabel(11), levelLabel(1.5)]).toEqual(['other', 'other', 'none', '10+', '10+', '10+']);
  });
});
