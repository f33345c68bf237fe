import type { AssignRequest, StatusRequest, Ticket, TicketStatus } from '@gotrs/contracts';
import { decideAssignment, decideResponse, decideStatus, statusWhenPendingEnds } from '../../src/workflows/ticket-rules';

const NOW = Date.parse('2026-11-25T09:00:00.000Z');
const LATER = '2026-11-26T09:00:00.000Z';
const EARLIER = '2026-11-24T09:00:00.000Z';
const by = { actor: 'agent-1' };

function ticket(status: TicketStatus, fields: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-1',
    number: '2026112500000001',
    title: 'Printer on fire',
    description: null,
    status,
    statusType: 'new',
    priority: 3,
    queue: 'Raw',
    customerUserId: null,
    assignee: null,
    pendingUntil: null,
    escalationLevel: 0,
    createdAt: EARLIER,
    updatedAt: EARLIER,
    ...fields,
  };
}
const status = (value: string, fields: Partial<StatusRequest> = {}): StatusRequest => ({ status: value, ...by, ...fields });
const assign = (agentId: string | null): AssignRequest => ({ agentId, ...by });
const codeOf = (decision: { kind: string; code?: string }) => (decision.kind === 'reject' ? decision.code : decision.kind);

describe('decideStatus', () => {
  it('applies a legal change, with the input alias resolved', () => {
    expect(decideStatus(ticket('new'), status('closed'), NOW)).toEqual({
      kind: 'apply',
      change: { status: 'closed successful', pendingUntil: null, action: 'status-changed' },
    });
  });

  it('refuses an unknown status', () => {
    expect(codeOf(decideStatus(ticket('open'), status('frozen'), NOW))).toBe('invalid_status');
  });

  it('refuses a change back to new', () => {
    expect(codeOf(decideStatus(ticket('open'), status('new'), NOW))).toBe('illegal_transition');
  });

  it('is a no-op for the status the ticket already has', () => {
    expect(decideStatus(ticket('open'), status('open'), NOW)).toEqual({ kind: 'noop' });
  });

  it('needs a future pendingUntil for a pending status', () => {
    expect(codeOf(decideStatus(ticket('open'), status('pending'), NOW))).toBe('pending_until_required');
    expect(codeOf(decideStatus(ticket('open'), status('pending', { pendingUntil: 'tomorrow' }), NOW))).toBe('invalid_pending_until');
    expect(codeOf(decideStatus(ticket('open'), status('pending', { pendingUntil: EARLIER }), NOW))).toBe('invalid_pending_until');
    expect(decideStatus(ticket('open'), status('pending', { pendingUntil: LATER }), NOW)).toEqual({
      kind: 'apply',
      change: { status: 'pending reminder', pendingUntil: LATER, action: 'status-changed' },
    });
  });

  it('is a no-op for the same pending status and time, and applies a new time', () => {
    const pending = ticket('pending reminder', { pendingUntil: LATER });
    expect(decideStatus(pending, status('pending reminder', { pendingUntil: LATER }), NOW)).toEqual({ kind: 'noop' });
    expect(decideStatus(pending, status('pending reminder', { pendingUntil: '2026-11-27T09:00:00.000Z' }), NOW).kind).toBe('apply');
  });

  it('reopens a closed ticket to open, as a reopen', () => {
    expect(decideStatus(ticket('closed successful'), status('open'), NOW)).toEqual({
      kind: 'apply',
      change: { status: 'open', pendingUntil: null, action: 'reopened' },
    });
  });

  it('refuses any other change of a closed ticket, and takes its own status as a no-op', () => {
    expect(codeOf(decideStatus(ticket('closed successful'), status('pending', { pendingUntil: LATER }), NOW))).toBe('ticket_closed');
    expect(decideStatus(ticket('closed successful'), status('closed'), NOW)).toEqual({ kind: 'noop' });
  });

  it('never changes a merged or removed ticket, not even to open', () => {
    expect(codeOf(decideStatus(ticket('merged'), status('open'), NOW))).toBe('ticket_closed');
    expect(codeOf(decideStatus(ticket('removed'), status('open'), NOW))).toBe('ticket_closed');
  });

  it('refuses a reopen of a ticket that is not closed', () => {
    expect(codeOf(decideStatus(ticket('open'), status('open', { reopen: true }), NOW))).toBe('ticket_not_closed');
  });
});

describe('decideAssignment', () => {
  it('assigns, trimming the agent ID', () => {
    expect(decideAssignment(ticket('open'), assign('  agent-7 '))).toEqual({ kind: 'apply', change: { agentId: 'agent-7' } });
  });

  it('unassigns with null, and is a no-op when unassigned already', () => {
    expect(decideAssignment(ticket('open', { assignee: 'agent-7' }), assign(null))).toEqual({ kind: 'apply', change: { agentId: null } });
    expect(decideAssignment(ticket('open'), assign(null))).toEqual({ kind: 'noop' });
  });

  it('is a no-op for the agent the ticket has', () => {
    expect(decideAssignment(ticket('open', { assignee: 'agent-7' }), assign('agent-7'))).toEqual({ kind: 'noop' });
  });

  it("refuses a blank agent ID (Go's zero value)", () => {
    expect(codeOf(decideAssignment(ticket('open'), assign('')))).toBe('invalid_assignment');
    expect(codeOf(decideAssignment(ticket('open'), assign('   ')))).toBe('invalid_assignment');
  });

  it('refuses to assign a closed, merged or removed ticket', () => {
    for (const final of ['closed successful', 'merged', 'removed'] as const) {
      expect(codeOf(decideAssignment(ticket(final), assign('agent-7')))).toBe('ticket_closed');
    }
  });
});

describe('decideResponse', () => {
  it('records the responding agent, trimmed', () => {
    expect(decideResponse(ticket('open'), { agentId: ' agent-3 ', ...by })).toEqual({ kind: 'apply', change: { agentId: 'agent-3' } });
  });

  it('refuses a blank agent and an ended ticket', () => {
    expect(codeOf(decideResponse(ticket('open'), { agentId: ' ', ...by }))).toBe('invalid_assignment');
    expect(codeOf(decideResponse(ticket('closed unsuccessful'), { agentId: 'agent-3', ...by }))).toBe('ticket_closed');
  });
});

describe('statusWhenPendingEnds', () => {
  it('closes the auto-close statuses and leaves the reminder pending', () => {
    expect(statusWhenPendingEnds('pending auto close+')).toBe('closed successful');
    expect(statusWhenPendingEnds('pending auto close-')).toBe('closed unsuccessful');
    expect(statusWhenPendingEnds('pending reminder')).toBeUndefined();
    expect(statusWhenPendingEnds('open')).toBeUndefined();
  });
});
