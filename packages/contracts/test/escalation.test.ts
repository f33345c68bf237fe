import { DecodeError, MAX_DURATION_MS, decodeEscalationAdvance, decodeEscalationCondition, decodeEscalationStart, escalationWorkflowId } from '../src';
import { LONE_SURROGATE, NUL, refusal } from './support';

describe('decodeEscalationStart', () => {
  it("takes Go's rules array: PascalCase fields, nanosecond waits, sorted by level", () => {
    const start = decodeEscalationStart([
      { Level: 2, WaitDuration: 14_400_000_000_000, Condition: 'unanswered' },
      { Level: 1, WaitDuration: 1_800_000_000_000, Condition: 'open' },
    ]);
    expect(start).toEqual({
      rules: [
        { level: 1, waitMs: 1_800_000, condition: 'open' },
        { level: 2, waitMs: 14_400_000, condition: 'unanswered' },
      ],
      reason: 'escalation requested',
      trigger: 'go',
    });
  });

  it('takes our own form with its reason, trigger, actor and rule options', () => {
    const rules = [{ level: 1, waitMs: 0, condition: 'unresolved', assignQueue: 'Tier 2', assignAgent: 'a-1', raisePriorityTo: 5, notify: ['lead'] }];
    expect(decodeEscalationStart({ rules, reason: 'by hand', trigger: 'manual:2', actor: 'agent-3' })).toEqual({
      rules, reason: 'by hand', trigger: 'manual:2', actor: 'agent-3',
    });
  });

  it.each([[[]], [null], [[{ Level: 0 }]], [[{ Level: 1, Condition: 'sometimes' }]], [[{ Level: 1, WaitDuration: -1 }]]])('refuses %p', (input) => {
    expect(() => decodeEscalationStart(input)).toThrow(DecodeError);
  });
});

describe('escalationWorkflowId', () => {
  it('builds the ID from the ticket and the trigger, colons as dashes', () => {
    expect(escalationWorkflowId('T-1', 'sla:FirstResponse:1')).toBe('escalation-T-1-sla-FirstResponse-1');
    expect(escalationWorkflowId('T-1', 'manual:2')).toBe('escalation-T-1-manual-2');
  });
});

describe("Go's zero values and bounds in escalation payloads", () => {
  it('takes EscalationRule{Level: 1, WaitDuration: time.Second} with everything else zero-valued, with the default condition', () => {
    const go = { Level: 1, WaitDuration: 1_000_000_000, Condition: '', AssignQueue: '', AssignAgent: '', RaisePriorityTo: 0, Notify: null };
    expect(decodeEscalationStart([go]).rules).toEqual([{ level: 1, waitMs: 1000, condition: 'unresolved' }]);
  });

  it('takes a zero WaitDuration as no wait, and drops empty Notify entries', () => {
    expect(decodeEscalationStart([{ Level: 2, WaitDuration: 0, Notify: ['', 'lead'] }]).rules).toEqual([
      { level: 2, waitMs: 0, condition: 'unresolved', notify: ['lead'] },
    ]);
  });

  it('refuses a rule whose Level is zero-valued, naming the field', () => {
    expect(refusal(() => decodeEscalationStart([{ Level: 1 }, { Level: 0, WaitDuration: 0 }]))).toMatchObject({
      field: 'rules[1].level', message: 'rules[1].level is required (a positive integer)',
    });
  });

  it('refuses a nil rules slice (null), and takes empty reason, trigger and actor as not given', () => {
    expect(refusal(() => decodeEscalationStart(null))).toBeInstanceOf(DecodeError);
    expect(refusal(() => decodeEscalationStart({ Rules: null }))).toMatchObject({ field: 'rules' });
    expect(decodeEscalationStart({ Rules: [{ Level: 1 }], Reason: '', Trigger: '', Actor: '' })).toEqual({
      rules: [{ level: 1, waitMs: 0, condition: 'unresolved' }], reason: 'escalation requested', trigger: 'go',
    });
  });

  it('refuses a wait above P366D, in nanoseconds (Go) and milliseconds (ours), and takes one at the bound', () => {
    const overNs = (MAX_DURATION_MS + 1) * 1_000_000;
    expect(refusal(() => decodeEscalationStart([{ Level: 1, WaitDuration: overNs }]))).toMatchObject({
      field: 'rules[0].waitDuration', message: expect.stringContaining('at most P366D'),
    });
    expect(refusal(() => decodeEscalationStart({ rules: [{ level: 1, waitMs: MAX_DURATION_MS + 1 }] }))).toMatchObject({ field: 'rules[0].waitMs' });
    expect(decodeEscalationStart({ rules: [{ level: 1, waitMs: MAX_DURATION_MS }] }).rules[0]!.waitMs).toBe(MAX_DURATION_MS);
  });

  it('refuses a priority outside 1..5 and a wait that is not a number', () => {
    expect(refusal(() => decodeEscalationStart([{ Level: 1, RaisePriorityTo: 9 }]))).toMatchObject({ field: 'rules[0].raisePriorityTo' });
    expect(refusal(() => decodeEscalationStart([{ Level: 1, WaitDuration: '1h' }]))).toMatchObject({ field: 'rules[0].waitDuration' });
  });

  it.each([
    ['rules[0].assignQueue', { rules: [{ level: 1, assignQueue: NUL }] }],
    ['rules[0].assignAgent', { rules: [{ level: 1, assignAgent: LONE_SURROGATE }] }],
    ['rules[0].notify[1]', { rules: [{ level: 1, notify: ['lead', NUL] }] }],
    ['rules[0].condition', { rules: [{ level: 1, condition: NUL }] }],
    ['reason', { rules: [{ level: 1 }], reason: NUL }],
    ['trigger', { rules: [{ level: 1 }], trigger: NUL }],
    ['actor', { rules: [{ level: 1 }], actor: NUL }],
  ])('refuses unstorable text in %s', (field, input) => {
    expect(refusal(() => decodeEscalationStart(input))).toMatchObject({ field, problem: 'unstorable' });
  });

  it('reads the condition a Go rule carries for the activity, empty as the default', () => {
    expect(decodeEscalationCondition({ Condition: '' })).toBe('unresolved');
    expect(decodeEscalationCondition({ Condition: 'open' })).toBe('open');
    expect(refusal(() => decodeEscalationCondition({ Condition: 'sometimes' }))).toMatchObject({ field: 'condition' });
  });
});

describe('decodeEscalationAdvance', () => {
  it('reads our payload, Go field names and an empty signal', () => {
    expect(decodeEscalationAdvance({ reason: 'VIP', level: 2, actor: 'lead' })).toEqual({ reason: 'VIP', level: 2, actor: 'lead' });
    expect(decodeEscalationAdvance({ Reason: 'VIP', Level: 3 })).toEqual({ reason: 'VIP', level: 3 });
    expect(decodeEscalationAdvance(undefined)).toEqual({ reason: 'advanced' });
  });

  it("takes Go's zero-valued advance (Level 0, empty Reason and Actor) as \"the next level\"", () => {
    expect(decodeEscalationAdvance({ Reason: '', Level: 0, Actor: '' })).toEqual({ reason: 'advanced' });
  });

  it('refuses a payload it cannot read or store, naming the field', () => {
    expect(refusal(() => decodeEscalationAdvance('now'))).toBeInstanceOf(DecodeError);
    expect(refusal(() => decodeEscalationAdvance({ level: -1 }))).toMatchObject({ field: 'level' });
    expect(refusal(() => decodeEscalationAdvance({ level: '2' }))).toMatchObject({ field: 'level' });
    expect(refusal(() => decodeEscalationAdvance({ reason: NUL }))).toMatchObject({ field: 'reason', problem: 'unstorable' });
    expect(refusal(() => decodeEscalationAdvance({ reason: 'r', actor: NUL }))).toMatchObject({ field: 'actor', problem: 'unstorable' });
  });
});
