import { resolveRecipient, type NotificationSettings, type ResolvedRecipient } from '@gotrs/config';
import type { Actor } from '@gotrs/contracts';
import type { Caller } from './caller';
import { allow, forbidden, hidden, insufficientScope, type Decision } from './decision';
import { grants } from './scopes';

/**
 * No open relay: people in the directory (config/notifications.yaml, by ID or address) may be
 * notified by anyone allowed `notifications.send`; anyone else (a raw address, an unknown ID) only by
 * an Admin or a key with `notifications:external`.
 */
export function decideRecipient(caller: Caller, recipient: Pick<ResolvedRecipient, 'person'>): Decision {
  if (recipient.person) return allow();
  if (caller.kind === 'api-key') {
    if (grants(caller.scopes, 'notifications:external')) return allow();
    return insufficientScope('notifications:external', `API key "${caller.name}" may notify people in the directory only: it needs the scope notifications:external`);
  }
  if (caller.role === 'Admin') return allow();
  return forbidden('role Admin', 'only an Admin may notify someone outside the directory (a raw address or an unknown ID)');
}

/** The inbox key of the caller's own inbox (their email, through the directory); null for keys. */
export function ownInboxKey(caller: Caller, directory: NotificationSettings): string | null {
  return caller.kind === 'user' ? resolveRecipient(directory, caller.email).key : null;
}

/** Keys (with their scope) and Admins reach every inbox; a person only their own. */
function reaches(caller: Caller, inboxKey: string, directory: NotificationSettings): boolean {
  if (caller.kind === 'api-key' || caller.role === 'Admin') return true;
  return ownInboxKey(caller, directory) === inboxKey;
}

/** Whether `caller` may read the inbox of `recipient` (an ID or address, as the query gives it). */
export function decideInbox(caller: Caller, recipient: string, directory: NotificationSettings): Decision {
  return reaches(caller, resolveRecipient(directory, recipient).key, directory) ? allow() : hidden('inbox');
}

/** Whether the person `caller` asked for the notification (as its recorded `requestedBy` says). */
function requested(caller: Caller, requestedBy: Actor | null | undefined): boolean {
  if (caller.kind !== 'user' || !requestedBy || requestedBy.method !== caller.method) return false;
  return requestedBy.userId === caller.id && requestedBy.email === caller.email;
}

/**
 * Whether `caller` may see a notification's delivery record: it is in an inbox they reach, or they
 * asked for it (an Agent follows the Location of what they sent). Hidden answers 404.
 */
export function decideNotificationRecord(
  caller: Caller,
  record: { recipientKey: string; requestedBy?: Actor | null },
  directory: NotificationSettings,
): Decision {
  return reaches(caller, record.recipientKey, directory) || requested(caller, record.requestedBy) ? allow() : hidden('notification');
}

/** Whether `caller` may mark a notification read: only in an inbox they reach (their own, for a person). */
export function decideMarkRead(caller: Caller, record: { recipientKey: string }, directory: NotificationSettings): Decision {
  return reaches(caller, record.recipientKey, directory) ? allow() : hidden('notification');
}
