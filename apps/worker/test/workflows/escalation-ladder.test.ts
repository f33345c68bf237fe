import type { EscalationRule } from '@gotrs/contracts';
import { EscalationLadder } from '../../src/workflows/escalation-ladder';

const rule = (level: number): EscalationRule => ({ level, waitMs: 0, condition: 'unresolved' });
const AT = '2026-11-25T09:00:00.000Z';

function fire(ladder: EscalationLadder, advance?: Parameters<EscalationLadder['pick']>[0]) {
  const pick = ladder.pick(advance);
  if (pick.kind === 'fire') ladder.markFired(pick.rule, AT, pick.by);
  return pick.kind === 'fire' ? pick.rule.level : pick.why;
}

describe('EscalationLadder', () => {
  it('offers the levels in order and is done after the last', () => {
    const ladder = new EscalationLadder([rule(1), rule(2)]);
    expect([fire(ladder), fire(ladder)]).toEqual([1, 2]);
    expect(ladder.done).toBe(true);
    expect(fire(ladder)).toBe('the ladder has no level left');
  });

  it('jumps to the first unfired level at or above the one asked for, skipping the ones below', () => {
    const ladder = new EscalationLadder([rule(1), rule(2), rule(4), rule(5)]);
    expect(fire(ladder)).toBe(1);
    expect(fire(ladder, { reason: 'r', level: 3 })).toBe(4);
    expect(ladder.skipped).toEqual([2]);
    expect(ladder.fired.map((f) => `${f.level}:${f.by}`)).toEqual(['1:ladder', '4:advance']);
  });

  it('ignores an advance to a level already reached or beyond the ladder', () => {
    const ladder = new EscalationLadder([rule(1), rule(2), rule(3)]);
    fire(ladder);
    fire(ladder);
    expect(fire(ladder, { reason: 'r', level: 2 })).toBe('level 2 was already reached');
    expect(fire(ladder, { reason: 'r', level: 7 })).toBe('the ladder has no level 7');
    expect(fire(ladder, { reason: 'r' })).toBe(3);
  });

  it('never offers a level twice when the ladder lists it twice', () => {
    const ladder = new EscalationLadder([rule(1), rule(1), rule(2)]);
    expect([fire(ladder), fire(ladder)]).toEqual([1, 2]);
    expect(ladder.done).toBe(true);
  });
});
