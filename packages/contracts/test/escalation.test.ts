import { DecodeError, decodeEscalationStart, escalationWorkflowId } from '../src';

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
