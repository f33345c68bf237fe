import { decideNewTicket, decideTicketList, decideTicketVisibility } from '../../src/auth/ticket-access';
import { apiKey, user } from './callers';

const alice = user('Customer', 'alice@example.com');

describe('decideTicketVisibility', () => {
  it('shows a Customer the tickets whose customerUserId is exactly their email', () => {
    expect(decideTicketVisibility(alice, { customerUserId: 'alice@example.com' })).toEqual({ effect: 'allow', value: null });
  });

  it("hides other customers' tickets, unowned ones and near-misses as not_found", () => {
    for (const customerUserId of ['bob@example.com', null, 'Alice@example.com', 'alice@example.com ', '7']) {
      expect(decideTicketVisibility(alice, { customerUserId })).toEqual({ effect: 'deny', code: 'not_found', resource: 'ticket' });
    }
  });

  it('shows Agents, Admins and keys every ticket', () => {
    for (const caller of [user('Agent'), user('Admin'), apiKey(['tickets:read'])]) {
      expect(decideTicketVisibility(caller, { customerUserId: 'bob@example.com' }).effect).toBe('allow');
    }
  });
});

describe('decideNewTicket', () => {
  it("makes a Customer's ticket theirs when customerUserId is absent, null or theirs", () => {
    for (const customerUserId of [undefined, null, 'alice@example.com']) {
      expect(decideNewTicket(alice, { customerUserId })).toEqual({ effect: 'allow', value: { customerUserId: 'alice@example.com' } });
    }
  });

  it('refuses a Customer creating for someone else, or overriding the SLA', () => {
    expect(decideNewTicket(alice, { customerUserId: 'bob@example.com' })).toMatchObject({ effect: 'deny', code: 'forbidden', missing: 'customerUserId "alice@example.com"' });
    expect(decideNewTicket(alice, { sla: { firstResponseTime: 'PT1M' } })).toMatchObject({ effect: 'deny', code: 'forbidden', missing: 'role Agent or Admin' });
  });

  it('takes the customerUserId staff and keys give, or none', () => {
    expect(decideNewTicket(user('Agent'), { customerUserId: 'bob@example.com', sla: {} })).toEqual({ effect: 'allow', value: { customerUserId: 'bob@example.com' } });
    expect(decideNewTicket(apiKey(['tickets:write']), {})).toEqual({ effect: 'allow', value: { customerUserId: null } });
  });
});

describe('decideTicketList', () => {
  it("narrows a Customer's list to their own tickets", () => {
    expect(decideTicketList(alice, {})).toEqual({ effect: 'allow', value: { customerUserId: 'alice@example.com' } });
    expect(decideTicketList(alice, { customerUserId: 'alice@example.com' })).toEqual({ effect: 'allow', value: { customerUserId: 'alice@example.com' } });
    expect(decideTicketList(alice, { customerUserId: 'bob@example.com' })).toMatchObject({ effect: 'deny', code: 'forbidden' });
  });

  it('passes the filter of staff and keys through', () => {
    expect(decideTicketList(user('Agent'), {})).toEqual({ effect: 'allow', value: {} });
    expect(decideTicketList(apiKey(['tickets:read']), { customerUserId: 'bob@example.com' })).toEqual({ effect: 'allow', value: { customerUserId: 'bob@example.com' } });
  });
});
