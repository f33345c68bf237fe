import { decodeAssignRequest, decodeLifecycleStart, decodeNewTicket, decodeResponseRequest, decodeStatusRequest, DecodeError } from '../src';
import { LONE_SURROGATE, NUL, refusal } from './support';

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

describe("Go's zero values in ticket payloads", () => {
  it('takes a NewTicket struct with every field zero-valued as a bare ID with defaults', () => {
    const go = { ID: 'T-9', Title: '', Description: '', Priority: 0, Queue: '', CustomerUserID: '', CreatedBy: '', CreatedAt: '0001-01-01T00:00:00Z' };
    expect(decodeNewTicket(go)).toEqual({ id: 'T-9' });
    expect(decodeLifecycleStart({ ticket: go })).toEqual({ ticket: { id: 'T-9' }, continued: false });
  });

  it('refuses a ticket whose ID is zero-valued, naming the field', () => {
    expect(refusal(() => decodeNewTicket({ ID: '', Title: 'x' }))).toMatchObject({ field: 'id', message: 'id is required (a non-empty string)' });
    expect(refusal(() => decodeLifecycleStart('  '))).toMatchObject({ field: 'ticket ID' });
  });

  it('normalises createdAt and refuses one that is not a time', () => {
    expect(decodeNewTicket({ id: 'T', createdAt: '2026-11-25T10:00:00+01:00' }).createdAt).toBe('2026-11-25T09:00:00.000Z');
    expect(refusal(() => decodeNewTicket({ id: 'T', createdAt: 'yesterday' }))).toMatchObject({ field: 'createdAt' });
  });

  it("takes AssignmentData with empty Reason and Actor as not given, and refuses an empty AgentID", () => {
    expect(decodeAssignRequest({ AgentID: 'agent-7', Reason: '', Actor: '' })).toEqual({ agentId: 'agent-7' });
    expect(refusal(() => decodeAssignRequest({ AgentID: '' }))).toMatchObject({ field: 'agentId', problem: 'invalid' });
    expect(refusal(() => decodeAssignRequest(''))).toMatchObject({ field: 'agentId' });
  });

  it('takes a status request with zero-valued PendingUntil, Reopen, Reason and Actor as not given', () => {
    expect(decodeStatusRequest({ Status: 'open', PendingUntil: '0001-01-01T00:00:00Z', Reopen: false, Reason: '', Actor: '' })).toEqual({ status: 'open' });
    expect(decodeStatusRequest({ status: 'open', pendingUntil: null })).toEqual({ status: 'open', pendingUntil: null });
  });

  it('refuses an empty status, bare or in an object', () => {
    expect(refusal(() => decodeStatusRequest(''))).toMatchObject({ field: 'status' });
    expect(refusal(() => decodeStatusRequest({ Status: '' }))).toMatchObject({ field: 'status' });
    expect(refusal(() => decodeStatusRequest({ status: 'open', reopen: 'yes' }))).toMatchObject({ field: 'reopen' });
  });

  it('reads a response request and refuses one without an agent', () => {
    expect(decodeResponseRequest({ AgentID: 'agent-7', Reason: '' })).toEqual({ agentId: 'agent-7' });
    expect(refusal(() => decodeResponseRequest({ agentId: '' }))).toMatchObject({ field: 'agentId' });
  });
});

describe('unstorable text in ticket payloads', () => {
  it.each(['id', 'title', 'description', 'queue', 'customerUserId', 'createdBy'])('refuses NUL and a lone surrogate in a ticket %s', (field) => {
    for (const bad of [NUL, LONE_SURROGATE]) {
      const error = refusal(() => decodeNewTicket({ id: 'T-1', [field]: bad }));
      expect(error).toMatchObject({ field, problem: 'unstorable', message: expect.stringMatching(new RegExp(`^${field} must not contain`)) });
    }
  });

  it('refuses NUL in a bare ticket ID, agent ID and status', () => {
    expect(refusal(() => decodeLifecycleStart(NUL))).toMatchObject({ problem: 'unstorable' });
    expect(refusal(() => decodeAssignRequest(NUL))).toMatchObject({ field: 'agentId', problem: 'unstorable' });
    expect(refusal(() => decodeStatusRequest(NUL))).toMatchObject({ field: 'status', problem: 'unstorable' });
  });

  it.each([
    ['agentId', () => decodeAssignRequest({ AgentID: NUL })],
    ['reason', () => decodeAssignRequest({ AgentID: 'a', Reason: NUL })],
    ['actor', () => decodeAssignRequest({ agentId: 'a', actor: LONE_SURROGATE })],
    ['status', () => decodeStatusRequest({ Status: NUL })],
    ['pendingUntil', () => decodeStatusRequest({ status: 'pending', pendingUntil: `2030-01-01${NUL}` })],
    ['reason', () => decodeStatusRequest({ status: 'open', reason: NUL })],
    ['agentId', () => decodeResponseRequest({ agentId: NUL })],
    ['reason', () => decodeResponseRequest({ agentId: 'a', reason: NUL })],
  ])('names %s when a change request carries NUL there', (field, decode) => {
    expect(refusal(decode)).toMatchObject({ field, problem: 'unstorable' });
  });

  it('keeps a surrogate pair (an emoji), which is storable', () => {
    expect(decodeAssignRequest({ agentId: 'a', reason: 'on fire \uD83D\uDD25' }).reason).toBe('on fire \uD83D\uDD25');
  });

  it('takes unstorable text only when told to, for replaying runs recorded before the rule', () => {
    expect(decodeAssignRequest({ AgentID: 'a', Reason: NUL }, { acceptUnstorable: true })).toEqual({ agentId: 'a', reason: NUL });
  });
});
