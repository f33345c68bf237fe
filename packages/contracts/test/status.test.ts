import { isAllowedTransition, isFinalStatus, normalizeStatus, parsePriority, priorityName, statusTypeOf } from '../src';

describe('ticket statuses', () => {
  it('maps the seed\'s "closed" and "pending" aliases to OTRS names', () => {
    expect(normalizeStatus('closed')).toBe('closed successful');
    expect(normalizeStatus(' Pending ')).toBe('pending reminder');
    expect(normalizeStatus('closd')).toBeUndefined();
  });

  it('types each status as OTRS does', () => {
    expect(statusTypeOf('pending auto close-')).toBe('pending');
    expect(statusTypeOf('closed unsuccessful')).toBe('closed');
    expect(statusTypeOf('merged')).toBe('merged');
  });

  it('lets a closed ticket only reopen, and merged or removed ones never change', () => {
    expect(isAllowedTransition('closed successful', 'open')).toBe(true);
    expect(isAllowedTransition('closed successful', 'pending reminder')).toBe(false);
    expect(isAllowedTransition('merged', 'open')).toBe(false);
    expect(isAllowedTransition('open', 'new')).toBe(false);
    expect(isAllowedTransition('new', 'pending auto close+')).toBe(true);
  });

  it('ends a run on closed, merged and removed', () => {
    expect(['closed successful', 'merged', 'removed', 'open'].map((s) => isFinalStatus(s as never))).toEqual([true, true, true, false]);
  });
});

describe('priorities', () => {
  it('accepts 1..5 and the OTRS names', () => {
    expect([3, '4', '5 very high', '1 VERY LOW'].map(parsePriority)).toEqual([3, 4, 5, 1]);
    expect([0, 6, 2.5, 'urgent', null].map(parsePriority)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(priorityName(2)).toBe('2 low');
  });
});
