import { resolveRecipient, type NotificationSettings, type ResolvedRecipient } from '@gotrs/config';
import type { NotificationChannel, TicketNotice, TicketNoticeEvent } from '@gotrs/contracts';
import { nameBasedUuid } from '@gotrs/db';
import type { TicketFacts } from './notification-templates';

interface EventRule {
  /** Who hears about it when the notice names nobody. */
  audience: (ticket: TicketFacts & { customerUserId: string | null }, notice: TicketNotice, settings: NotificationSettings) => Array<string | null>;
  channels: NotificationChannel[];
  /** About a deadline: sent at once, whatever the recipient's notify hours. */
  urgent: boolean;
}

const managers = (_t: unknown, _n: unknown, settings: NotificationSettings) => settings.defaultManagers;

/** Who hears about each ticket event by default, and how. */
export const EVENT_RULES: Record<TicketNoticeEvent, EventRule> = {
  'ticket.created': { audience: (t) => [t.customerUserId], channels: ['email'], urgent: false },
  'ticket.assigned': {
    audience: (t, n) => [typeof n.facts?.to === 'string' ? n.facts.to : t.assignee],
    channels: ['in-app', 'email'],
    urgent: false,
  },
  'ticket.status-changed': { audience: (t) => [t.customerUserId], channels: ['email'], urgent: false },
  'sla.warning': { audience: managers, channels: ['email'], urgent: true },
  'sla.breach': { audience: managers, channels: ['email'], urgent: true },
  escalation: { audience: managers, channels: ['email'], urgent: true },
};

/** One notification to start: a recipient on a channel. */
export interface Delivery {
  recipient: ResolvedRecipient;
  channel: NotificationChannel;
}

/**
 * The recipients of a notice on each of its event's channels: the ones it names, else the event's
 * default audience; each person once (an ID and their address are one person), never the actor.
 */
export function deliveriesFor(
  notice: TicketNotice,
  ticket: TicketFacts & { customerUserId: string | null },
  settings: NotificationSettings,
): Delivery[] {
  const rule = EVENT_RULES[notice.event];
  const named = notice.recipients?.length ? notice.recipients : rule.audience(ticket, notice, settings);
  const actor = typeof notice.facts?.actor === 'string' ? resolveRecipient(settings, notice.facts.actor).key : undefined;
  const seen = new Set<string>();
  const recipients: ResolvedRecipient[] = [];
  for (const name of named) {
    if (!name || !name.trim()) continue;
    const recipient = resolveRecipient(settings, name);
    if (seen.has(recipient.key) || recipient.key === actor) continue;
    seen.add(recipient.key);
    recipients.push(recipient);
  }
  return recipients.flatMap((recipient) => rule.channels.map((channel) => ({ recipient, channel })));
}

/**
 * The notification ID of an occurrence for one recipient on one channel: a name-based UUID (version 8
 * over SHA-256), so asking twice gives the same `notification-{id}` and Temporal starts it once.
 */
export function notificationIdFor(key: string, recipientKey: string, channel: NotificationChannel): string {
  return nameBasedUuid(`gotrs-notification\n${key}\n${recipientKey}\n${channel}`);
}
