import type { TicketNoticeEvent } from '@gotrs/contracts';

/** What a template may name about the ticket (null number: the row is not written yet). */
export interface TicketFacts {
  id: string;
  number: string | null;
  title: string;
  status: string | null;
  priority: number | null;
  assignee: string | null;
}

export interface RenderInput {
  event: TicketNoticeEvent;
  ticket: TicketFacts;
  /** `{baseUrl}/tickets/{id}`. */
  link: string;
  recipientName: string | null;
  facts: Record<string, string | number | null>;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Facts = RenderInput['facts'];

const fact = (facts: Facts, name: string, fallback = '?'): string => {
  const value = facts[name];
  return value === null || value === undefined || value === '' ? fallback : String(value);
};

/** What happened, in one line (the subject) and in a sentence or two (the body). */
const WORDING: Record<TicketNoticeEvent, (t: TicketFacts, f: Facts) => { headline: string; lines: string[] }> = {
  'ticket.created': () => ({
    headline: 'We received your request',
    lines: ['Your request has been received and a ticket has been opened. We will get back to you as soon as we can.'],
  }),
  'ticket.assigned': (t, f) => ({
    headline: 'Assigned to you',
    lines: [`The ticket has been assigned to you${f.actor ? ` by ${fact(f, 'actor')}` : ''}.`, ...(t.priority ? [`Priority: ${t.priority}`] : [])],
  }),
  'ticket.status-changed': (t, f) => ({
    headline: `Status changed to ${fact(f, 'to', t.status ?? '?')}`,
    lines: [`The status of your ticket changed from "${fact(f, 'from')}" to "${fact(f, 'to', t.status ?? '?')}".`],
  }),
  'sla.warning': (_t, f) => ({
    headline: `SLA warning: ${fact(f, 'milestone')} due ${fact(f, 'dueAt')}`,
    lines: [`The ${fact(f, 'milestone')} target of SLA policy "${fact(f, 'policy')}" is due at ${fact(f, 'dueAt')} and has not been met yet.`],
  }),
  'sla.breach': (_t, f) => ({
    headline: `SLA breached: ${fact(f, 'milestone')}`,
    lines: [`The ${fact(f, 'milestone')} target of SLA policy "${fact(f, 'policy')}" was due at ${fact(f, 'dueAt')} and was not met.`],
  }),
  escalation: (_t, f) => ({
    headline: `Escalated to level ${fact(f, 'level')}`,
    lines: [`The ticket has been escalated to level ${fact(f, 'level')}${f.reason ? `: ${fact(f, 'reason')}` : '.'}`],
  }),
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const FOOTER = 'This message was sent automatically by the GOTRS help desk.';

/** `[Ticket#2026112500000001]` as OTRS writes it, or the ID while the ticket has no number yet. */
export function ticketTag(ticket: TicketFacts): string {
  return `[Ticket#${ticket.number ?? ticket.id}]`;
}

/** The text and HTML of a ticket notification, with the ticket's number, title and link. */
export function renderTicketNotice({ event, ticket, link, recipientName, facts }: RenderInput): RenderedMessage {
  const { headline, lines } = WORDING[event](ticket, facts);
  const greeting = recipientName ? `Hello ${recipientName},` : 'Hello,';
  const subject = `${ticketTag(ticket)} ${headline}: ${ticket.title}`;
  const text = [greeting, '', ...lines, '', `Ticket ${ticket.number ?? ticket.id}: ${ticket.title}`, link, '', '--', FOOTER].join('\n');
  const html = [
    '<!doctype html>',
    `<html><body style="font-family: sans-serif; line-height: 1.4">`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(link)}">Ticket ${escapeHtml(ticket.number ?? ticket.id)}: ${escapeHtml(ticket.title)}</a></p>`,
    `<p style="color: #666; font-size: 0.9em">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
