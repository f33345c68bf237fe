import { loadConfig } from '@gotrs/config';
import { deliveriesFor, notificationIdFor } from '../../src/activities/notification-audience';
import type { TicketNotice } from '@gotrs/contracts';
import { renderTicketNotice } from '../../src/activities/notification-templates';

const { notifications } = loadConfig({});
const ticket = { id: 't-1', number: '2026112500000001', title: 'Printer <on> fire', status: 'open', priority: 4, assignee: 'agent-7', customerUserId: 'alice' };
const who = (notice: TicketNotice) => deliveriesFor(notice, ticket, notifications).map((d) => `${d.recipient.key}/${d.channel}`);

describe('deliveriesFor', () => {
  it('tells each event to its default audience on its channels', () => {
    expect(who({ key: 'k', event: 'ticket.created', ticketId: 't-1' })).toEqual(['alice/email']);
    expect(who({ key: 'k', event: 'ticket.status-changed', ticketId: 't-1' })).toEqual(['alice/email']);
    expect(who({ key: 'k', event: 'ticket.assigned', ticketId: 't-1', facts: { to: 'agent-8' } })).toEqual(['agent-8/in-app', 'agent-8/email']);
    expect(who({ key: 'k', event: 'sla.breach', ticketId: 't-1' })).toEqual(['support-manager/email']);
    expect(who({ key: 'k', event: 'escalation', ticketId: 't-1', recipients: ['team-lead'] })).toEqual(['team-lead/email']);
  });

  it('names each person once, whether by ID or address, and never the one who acted', () => {
    const notice: TicketNotice = { key: 'k', event: 'sla.warning', ticketId: 't-1', recipients: ['team-lead', 'TEAM-LEAD@gotrs.local', 'support-manager', ' '], facts: { actor: 'support-manager' } };
    expect(who(notice)).toEqual(['team-lead/email']);
    expect(who({ key: 'k', event: 'ticket.assigned', ticketId: 't-1', facts: { to: 'agent-7', actor: 'agent-7' } })).toEqual([]);
  });

  it('tells nobody about a ticket without a customer', () => {
    expect(deliveriesFor({ key: 'k', event: 'ticket.created', ticketId: 't-1' }, { ...ticket, customerUserId: null }, notifications)).toEqual([]);
  });
});

describe('notificationIdFor', () => {
  it('is the same for the same occurrence, recipient and channel, and differs otherwise', () => {
    const id = notificationIdFor('t-1/sla/FirstResponse/1/breach', 'support-manager', 'email');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(notificationIdFor('t-1/sla/FirstResponse/1/breach', 'support-manager', 'email')).toBe(id);
    expect(new Set([id, notificationIdFor('t-1/sla/FirstResponse/2/breach', 'support-manager', 'email'),
      notificationIdFor('t-1/sla/FirstResponse/1/breach', 'team-lead', 'email'),
      notificationIdFor('t-1/sla/FirstResponse/1/breach', 'support-manager', 'in-app')]).size).toBe(4);
  });
});

describe('renderTicketNotice', () => {
  it("writes the ticket's number, title and link into the text and (escaped) HTML", () => {
    const message = renderTicketNotice({
      event: 'ticket.assigned', ticket, link: 'https://help.example.com/tickets/t-1', recipientName: 'Grace Agent', facts: { actor: 'lead' },
    });
    expect(message.subject).toBe('[Ticket#2026112500000001] Assigned to you: Printer <on> fire');
    expect(message.text).toContain('Hello Grace Agent,');
    expect(message.text).toContain('assigned to you by lead');
    expect(message.text).toContain('https://help.example.com/tickets/t-1');
    expect(message.html).toContain('<a href="https://help.example.com/tickets/t-1">Ticket 2026112500000001: Printer &lt;on&gt; fire</a>');
  });
});
