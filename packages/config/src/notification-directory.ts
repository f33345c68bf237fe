import { BusinessCalendar } from '@gotrs/sla';
import type { NotificationSettings, Person } from './notifications';

/** A recipient as the directory knows it. */
export interface ResolvedRecipient {
  /**
   * Canonical key: the person's ID when the directory knows them (by ID or by address), else the
   * address in lower case, else the ID as given. Inboxes and once-only IDs use it, so `agent-7` and
   * agent 7's address are one recipient.
   */
  key: string;
  person: Person | null;
  /** Where email goes: the person's address, or the recipient itself when it is an address; else null. */
  email: string | null;
  /** For the greeting and the To header. */
  name: string | null;
}

const byAddress = new WeakMap<NotificationSettings, Map<string, Person>>();

function addressIndex(settings: NotificationSettings): Map<string, Person> {
  let index = byAddress.get(settings);
  if (!index) {
    index = new Map();
    for (const person of Object.values(settings.people)) if (person.email) index.set(person.email.toLowerCase(), person);
    byAddress.set(settings, index);
  }
  return index;
}

/** Whether `value` is written as an email address rather than an ID. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+$/.test(value);
}

/** Resolves an agent, manager or customer ID, or an address, through the configured directory. */
export function resolveRecipient(settings: NotificationSettings, recipient: string): ResolvedRecipient {
  const trimmed = recipient.trim();
  const person = settings.people[trimmed] ?? (isEmailAddress(trimmed) ? addressIndex(settings).get(trimmed.toLowerCase()) : undefined);
  if (person) return { key: person.id, person, email: person.email, name: person.name };
  if (isEmailAddress(trimmed)) return { key: trimmed.toLowerCase(), person: null, email: trimmed, name: null };
  return { key: trimmed, person: null, email: null, name: null };
}

const calendars = new WeakMap<Person, BusinessCalendar>();

/**
 * When email to `person` may go out, for a message ready at `atMs`: null when at once (no notify hours,
 * or inside them), else the instant their next notify hours begin.
 */
export function emailNotBefore(person: Person | null, atMs: number): number | null {
  if (!person?.notifyHours) return null;
  let calendar = calendars.get(person);
  if (!calendar) {
    calendar = new BusinessCalendar(person.notifyHours);
    calendars.set(person, calendar);
  }
  if (calendar.isOpen(atMs)) return null;
  return calendar.nextChange(atMs) ?? null;
}
