import { decodeAssignRequest, decodeLifecycleStart, decodeNewTicket, decodeStatusRequest, DecodeError } from '../src';

describe('decodeLifecycleStart', () => {
  it('takes the bare ticket ID a Go caller sends', () => {
    expect(decodeLifecycleStart('T-1')).toEqual({ ticket: { id: 'T-1' } });
  });

  it('takes a Go struct with PascalCase fields and an OTRS priority name', () => {
    expect(decodeNewTicket({ ID: 'T-2', Title: 'Mail down', Priority: '5 very high', Queue: 'Postmaster', CustomerUserID: 'c-9' }))
      .toEqual({ id: 'T-2', title: 'Mail down', priority: 5, queue: 'Postmaster', customerUserId: 'c-9' });
  });

  it('takes our own `{ ticket, continued }` form', () => {
    expect(decodeLifecycleStart({ ticket: { id: 'T-3', title: 'x' }, continued: true })).toEqual({ ticket: { id: 'T-3', title: 'x' }, continued: true });
  });

  it.each([[''], [42], [null], [{ title: 'no id' }], [{ id: 'T', priority: 9 }]])('refuses %p', (input) => {
    expect(() => decodeLifecycleStart(input)).toThrow(DecodeError);
  });
});

describe('decodeAssignRequest', () => {
  it.each([
    [{ AgentID: 'agent-7' }, { agentId: 'agent-7' }],
    [{ agentId: 'agent-7', reason: 'vacation' }, { agentId: 'agent-7', reason: 'vacation' }],
    ['agent-7', { agentId: 'agent-7' }],
    [{ agentId: null }, { agentId: null }],
  ])('reads %p', (input, expected) => {
    expect(decodeAssignRequest(input)).toEqual(expected);
  });

  it('refuses a number', () => {
    expect(() => decodeAssignRequest(7)).toThrow('assignment must be');
  });
});

describe('decodeStatusRequest', () => {
  it('reads the bare status string of the seed', () => {
    expect(decodeStatusRequest('closed')).toEqual({ status: 'closed' });
  });

  it('reads an object with pendingUntil and a reopen flag', () => {
    expect(decodeStatusRequest({ Status: 'pending', PendingUntil: '2026-12-01T00:00:00Z', reopen: true }))
      .toEqual({ status: 'pending', pendingUntil: '2026-12-01T00:00:00Z', reopen: true });
  });
});
