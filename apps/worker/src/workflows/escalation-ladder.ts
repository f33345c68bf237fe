import type { EscalationAdvance, EscalationRule, FiredBy, FiredLevel } from '@gotrs/contracts';

/** An `advance` signal, decoded (contracts' decodeEscalationAdvance): fire the next level now, or jump to `level`. */
export type Advance = EscalationAdvance;

/** Which rule to fire next, or why an advance asks for nothing. */
export type Pick = { kind: 'fire'; rule: EscalationRule; by: FiredBy } | { kind: 'ignore'; why: string };

/**
 * The state of one ladder run: rules in level order, each fired at most once. Pure, so tests can
 * drive it directly; the workflow asks it what to fire and tells it what fired.
 */
export class EscalationLadder {
  readonly fired: FiredLevel[] = [];
  readonly skipped: number[] = [];
  private next = 0;

  constructor(readonly rules: readonly EscalationRule[]) {}

  /** True once every level fired or was skipped. */
  get done(): boolean {
    return this.next >= this.rules.length;
  }

  /** The highest level fired in this run (0 before the first). */
  get reached(): number {
    return this.fired.reduce((max, f) => Math.max(max, f.level), 0);
  }

  /**
   * The rule to fire now: the next one in order, or, for an advance with a `level`, the first unfired
   * rule at or above it (the unfired ones below are skipped). An advance to a level already reached,
   * or beyond the ladder, asks for nothing.
   */
  pick(advance?: Advance): Pick {
    this.passFired();
    if (this.done) return { kind: 'ignore', why: 'the ladder has no level left' };
    if (advance?.level === undefined) return { kind: 'fire', rule: this.rules[this.next]!, by: advance ? 'advance' : 'ladder' };
    if (advance.level <= this.reached) return { kind: 'ignore', why: `level ${advance.level} was already reached` };
    const index = this.rules.findIndex((rule, i) => i >= this.next && rule.level >= advance.level!);
    if (index < 0) return { kind: 'ignore', why: `the ladder has no level ${advance.level}` };
    for (const rule of this.rules.slice(this.next, index)) this.skipped.push(rule.level);
    this.next = index;
    return { kind: 'fire', rule: this.rules[index]!, by: 'advance' };
  }

  /** Records that `rule` fired; it and anything at or below its level will not fire again. */
  markFired(rule: EscalationRule, at: string, by: FiredBy): void {
    this.fired.push({ level: rule.level, at, by });
    this.next = Math.max(this.next, this.rules.indexOf(rule) + 1);
    this.passFired();
  }

  /** Steps over rules whose level already fired (a ladder may list a level twice). */
  private passFired(): void {
    while (!this.done && this.rules[this.next]!.level <= this.reached) this.next += 1;
  }
}
