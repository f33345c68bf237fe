import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, emailNotBefore, loadConfig, loadNotificationSettings, resolveRecipient } from '../src';

const FILE = resolve(__dirname, '../../../config/notifications.yaml');

function variant(edit: (text: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gotrs-notifications-')), 'notifications.yaml');
  writeFileSync(file, edit(readFileSync(FILE, 'utf8')));
  return file;
}

describe('config/notifications.yaml', () => {
  it('is loaded with the main configuration: SMTP to the local sink, ticket links, the directory', () => {
    const { notifications } = loadConfig({});
    expect(notifications.smtp).toMatchObject({ host: '127.0.0.1', port: 1025, secure: false, auth: null, connectionTimeoutMs: 5000 });
    expect(notifications.publicBaseUrl).toBe('http://localhost:8080');
    expect(notifications.messageIdDomain).toBe('gotrs.local');
    expect(notifications.people['support-manager']).toMatchObject({ role: 'manager', email: 'support-manager@gotrs.local' });
    expect(notifications.defaultManagers).toEqual(['support-manager']);
  });

  it('lets SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD and PUBLIC_BASE_URL override it', () => {
    const settings = loadNotificationSettings(FILE, {
      SMTP_HOST: 'mail.example.com', SMTP_PORT: '587', SMTP_USER: 'gotrs', SMTP_PASSWORD: 's3cret', PUBLIC_BASE_URL: 'https://help.example.com/',
    });
    expect(settings.smtp).toMatchObject({ host: 'mail.example.com', port: 587, auth: { user: 'gotrs', pass: 's3cret' } });
    expect(settings.publicBaseUrl).toBe('https://help.example.com');
  });

  it('names every wrong setting at once', () => {
    const file = variant((t) => t.replace('agent-1: { email: agent-1@gotrs.local', 'agent-1: { email: not-an-address').replace('default_managers: [support-manager]', 'default_managers: [nobody]'));
    expect(() => loadNotificationSettings(file, {})).toThrow(ConfigError);
    expect(() => loadNotificationSettings(file, {})).toThrow(/directory\.agents\.agent-1\.email[\s\S]*default_managers: nobody with ID "nobody"/);
    expect(() => loadNotificationSettings(FILE, { SMTP_PORT: 'twenty-five' })).toThrow('SMTP_PORT must be a port number');
    expect(() => loadNotificationSettings(FILE, { PUBLIC_BASE_URL: 'ftp://x' })).toThrow('PUBLIC_BASE_URL');
  });
});

describe('resolveRecipient', () => {
  const { notifications } = loadConfig({});

  it('knows a person by ID or by address (any case), and takes other addresses as they are', () => {
    expect(resolveRecipient(notifications, 'agent-7')).toMatchObject({ key: 'agent-7', email: 'agent-7@gotrs.local', name: 'Grace Agent' });
    expect(resolveRecipient(notifications, 'Agent-7@GOTRS.local').key).toBe('agent-7');
    expect(resolveRecipient(notifications, 'Bob@Example.com')).toEqual({ key: 'bob@example.com', person: null, email: 'Bob@Example.com', name: null });
    expect(resolveRecipient(notifications, 'agent-unknown')).toEqual({ key: 'agent-unknown', person: null, email: null, name: null });
  });

  it('holds back email until the notify hours begin (agent-9: weekdays 07:00-21:00 in Berlin)', () => {
    const person = notifications.people['agent-9']!;
    expect(emailNotBefore(person, Date.parse('2026-11-25T12:00:00Z'))).toBeNull(); // Wednesday 13:00 in Berlin
    expect(emailNotBefore(person, Date.parse('2026-11-25T22:30:00Z'))).toBe(Date.parse('2026-11-26T06:00:00Z')); // 23:30 → 07:00
    expect(emailNotBefore(person, Date.parse('2026-11-28T10:00:00Z'))).toBe(Date.parse('2026-11-30T06:00:00Z')); // Saturday → Monday
    expect(emailNotBefore(notifications.people['agent-7']!, Date.parse('2026-11-25T22:30:00Z'))).toBeNull();
  });
});
