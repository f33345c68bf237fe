import { resolve } from 'node:path';
import { loadNotificationSettings, resolveRecipient } from '@gotrs/config';
import { actorOf } from '../../src/auth/caller';
import { decideInbox, decideMarkRead, decideNotificationRecord, decideRecipient, ownInboxKey } from '../../src/auth/notification-access';
import { apiKey, user } from './callers';

// config/notifications.yaml: agent-7 is agent-7@gotrs.local, alice is alice@example.com.
const directory = loadNotificationSettings(resolve(__dirname, '../../../../config/notifications.yaml'), {});
const recipient = (value: string) => resolveRecipient(directory, value);
const grace = user('Agent', 'agent-7@gotrs.local');
const alice = user('Customer', 'alice@example.com');

describe('decideRecipient (no open relay)', () => {
  it('lets staff and notifying keys reach people in the directory, by ID or by address', () => {
    for (const caller of [grace, user('Admin'), apiKey(['notifications:write'])]) {
      expect(decideRecipient(caller, recipient('agent-3')).effect).toBe('allow');
      expect(decideRecipient(caller, recipient('ALICE@example.com')).effect).toBe('allow');
    }
  });

  it('refuses an Agent a raw address or an unknown ID: 403 naming the role Admin', () => {
    for (const value of ['someone@elsewhere.example', 'nobody-known']) {
      expect(decideRecipient(grace, recipient(value))).toMatchObject({ effect: 'deny', code: 'forbidden', missing: 'role Admin' });
    }
  });

  it('refuses a key without notifications:external a raw address, naming the scope', () => {
    expect(decideRecipient(apiKey(['notifications:write']), recipient('someone@elsewhere.example'))).toMatchObject({
      effect: 'deny', code: 'insufficient_scope', missing: 'notifications:external',
    });
  });

  it('lets an Admin, an admin key and a notifications:external key email any address', () => {
    for (const caller of [user('Admin'), apiKey(['admin']), apiKey(['notifications:write', 'notifications:external'])]) {
      expect(decideRecipient(caller, recipient('someone@elsewhere.example')).effect).toBe('allow');
    }
  });
});

describe('decideInbox', () => {
  it("maps a person to their directory inbox through their email", () => {
    expect(ownInboxKey(grace, directory)).toBe('agent-7');
    expect(ownInboxKey(user('Customer', 'Stranger@Example.com'), directory)).toBe('stranger@example.com');
    expect(ownInboxKey(apiKey(['notifications:read']), directory)).toBeNull();
  });

  it('lets a person read their own inbox by ID or by address', () => {
    for (const value of ['agent-7', 'agent-7@gotrs.local', ' AGENT-7@gotrs.local ']) expect(decideInbox(grace, value, directory).effect).toBe('allow');
    expect(decideInbox(alice, 'alice', directory).effect).toBe('allow');
  });

  it("hides anyone else's inbox as not_found, an Agent's included", () => {
    expect(decideInbox(grace, 'agent-3', directory)).toEqual({ effect: 'deny', code: 'not_found', resource: 'inbox' });
    expect(decideInbox(alice, 'agent-7', directory)).toEqual({ effect: 'deny', code: 'not_found', resource: 'inbox' });
  });

  it('lets an Admin and a key (that passed notifications.inbox) read any inbox', () => {
    expect(decideInbox(user('Admin'), 'agent-3', directory).effect).toBe('allow');
    expect(decideInbox(apiKey(['notifications:read']), 'alice', directory).effect).toBe('allow');
  });
});

describe('decideNotificationRecord', () => {
  it("shows a notification to the person whose inbox it is in, hides it from others", () => {
    expect(decideNotificationRecord(alice, { recipientKey: 'alice' }, directory).effect).toBe('allow');
    expect(decideNotificationRecord(grace, { recipientKey: 'alice' }, directory)).toEqual({ effect: 'deny', code: 'not_found', resource: 'notification' });
    expect(decideNotificationRecord(user('Admin'), { recipientKey: 'alice' }, directory).effect).toBe('allow');
  });

  it('shows a person the record of a notification they asked for, wherever it went; nobody else by that', () => {
    const record = { recipientKey: 'agent-3', requestedBy: actorOf(grace) };
    expect(decideNotificationRecord(grace, record, directory).effect).toBe('allow');
    expect(decideNotificationRecord(user('Agent', 'agent-7@gotrs.local', '99'), record, directory).effect).toBe('deny');
    expect(decideNotificationRecord(alice, record, directory).effect).toBe('deny');
    expect(decideNotificationRecord(grace, { recipientKey: 'agent-3', requestedBy: null }, directory).effect).toBe('deny');
  });
});

describe('decideMarkRead', () => {
  it('lets only whoever reaches the inbox mark it read: not the sender', () => {
    expect(decideMarkRead(grace, { recipientKey: 'agent-7' }, directory).effect).toBe('allow');
    expect(decideMarkRead(grace, { recipientKey: 'agent-3' }, directory)).toEqual({ effect: 'deny', code: 'not_found', resource: 'notification' });
    expect(decideMarkRead(apiKey(['notifications:write']), { recipientKey: 'agent-3' }, directory).effect).toBe('allow');
  });
});
