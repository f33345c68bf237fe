import { DEFAULT_RESTART_POLICY, afterCrash } from '../src/restart-policy';

describe('afterCrash', () => {
  const policy = DEFAULT_RESTART_POLICY;

  it('doubles the wait for each fast crash in a row and gives up at the fifth', () => {
    const decisions = [];
    let fastCrashes = 0;
    for (let crash = 0; crash < 5; crash++) {
      const decision = afterCrash(policy, fastCrashes, 2_000);
      decisions.push(decision.restart ? decision.delayMs : 'give up');
      fastCrashes = decision.fastCrashes;
    }
    expect(decisions).toEqual([1_000, 2_000, 4_000, 8_000, 'give up']);
  });

  it('starts afresh after a run that lasted', () => {
    expect(afterCrash(policy, 4, policy.healthyAfterMs)).toEqual({ restart: true, delayMs: 1_000, fastCrashes: 0 });
  });

  it('never waits longer than the maximum', () => {
    expect(afterCrash({ ...policy, maxFastCrashes: 100 }, 20, 0)).toEqual({ restart: true, delayMs: 30_000, fastCrashes: 21 });
  });
});
