import { validateCalendar, type CalendarSpec } from '@gotrs/sla';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';
import { readYamlFile } from './yaml-file';
import { readSecretVariable } from './secret-variable';
import { NotificationsFileSchema, type NotificationsFile } from './notifications-schema';

/** Which part of the directory a person comes from. */
export type PersonRole = 'agent' | 'manager' | 'customer';

/** Someone notifications can be addressed to by ID. */
export interface Person {
  id: string;
  role: PersonRole;
  /** Null for someone who only has an in-app inbox. */
  email: string | null;
  name: string;
  /** When set, non-urgent email waits until these hours (an SLA-style calendar, in the person's time zone). */
  notifyHours: CalendarSpec | null;
}

/** SMTP delivery, as nodemailer takes it. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /** The From header, e.g. `GOTRS Help Desk <helpdesk@example.com>`. */
  from: string;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
  maxConnections: number;
}

/** config/notifications.yaml, validated, with the environment overrides applied. */
export interface NotificationSettings {
  smtp: SmtpSettings;
  /** The GOTRS web UI; ticket links are `{publicBaseUrl}/tickets/{id}`. No trailing slash. */
  publicBaseUrl: string;
  /** Right-hand side of the stable Message-IDs `<notification-{id}@{domain}>`. */
  messageIdDomain: string;
  /** Everyone notifications can name by ID (agents, managers, customers); IDs are unique across roles. */
  people: Record<string, Person>;
  /** Who hears about SLA warnings, breaches and escalations when nobody more specific is named. */
  defaultManagers: string[];
  /** The file the settings came from. */
  source: string;
}

type Env = Record<string, string | undefined>;
type Problems = string[];

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const ROLES: Array<[keyof NotificationsFile['directory'], PersonRole]> = [['agents', 'agent'], ['managers', 'manager'], ['customers', 'customer']];

function duration(value: string | number, path: string, problems: Problems): number {
  try {
    return parseDurationMs(value);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return 0;
  }
}

function people(file: NotificationsFile, problems: Problems): Record<string, Person> {
  const result: Record<string, Person> = {};
  for (const [group, role] of ROLES) {
    for (const [id, entry] of Object.entries(file.directory[group] ?? {})) {
      const path = `directory.${group}.${id}`;
      if (result[id]) problems.push(`${path}: the ID is already used by a ${result[id].role}`);
      if (entry.email !== undefined && !ADDRESS.test(entry.email)) problems.push(`${path}.email: "${entry.email}" is not an email address`);
      let notifyHours: CalendarSpec | null = null;
      if (entry.notify_hours) {
        notifyHours = { name: `${id} notify hours`, ...entry.notify_hours };
        problems.push(...validateCalendar(notifyHours).map((p) => `${path}.notify_hours: ${p}`));
      }
      result[id] = { id, role, email: entry.email ?? null, name: entry.name ?? id, notifyHours };
    }
  }
  return result;
}

function baseUrl(raw: string, setting: string, problems: Problems): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be http or https');
  } catch (error) {
    problems.push(`${setting}: "${raw}" is not an http(s) URL (${(error as Error).message})`);
  }
  return raw.replace(/\/+$/, '');
}

function port(value: string | undefined, fallback: number, problems: Problems): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) problems.push(`SMTP_PORT must be a port number, got "${value}"`);
  return parsed;
}

/** The domain of the From address (`a@b` or `Name <a@b>`), for Message-IDs. */
function domainOf(from: string): string | undefined {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1];
}

function smtp(file: NotificationsFile, env: Env, problems: Problems): SmtpSettings {
  const s = file.smtp;
  const user = readSecretVariable(env, 'SMTP_USER') || s.auth?.user;
  return {
    host: env.SMTP_HOST || s.host,
    port: port(env.SMTP_PORT, s.port, problems),
    secure: s.secure,
    auth: user ? { user, pass: readSecretVariable(env, 'SMTP_PASSWORD') ?? s.auth?.pass ?? '' } : null,
    from: s.from,
    connectionTimeoutMs: duration(s.connection_timeout, 'smtp.connection_timeout', problems),
    socketTimeoutMs: duration(s.socket_timeout, 'smtp.socket_timeout', problems),
    maxConnections: s.max_connections,
  };
}

function readFile(path: string): NotificationsFile {
  return readYamlFile(path, NotificationsFileSchema);
}

/**
 * Reads config/notifications.yaml and applies SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD (or
 * SMTP_USER_FILE, SMTP_PASSWORD_FILE) and PUBLIC_BASE_URL; every problem is reported at once, naming the setting.
 */
export function loadNotificationSettings(path: string, env: Env): NotificationSettings {
  const file = readFile(path);
  const problems: Problems = [];
  const directory = people(file, problems);
  for (const id of file.default_managers) {
    if (!directory[id]) problems.push(`default_managers: nobody with ID "${id}" in the directory`);
  }
  const settings: NotificationSettings = {
    smtp: smtp(file, env, problems),
    publicBaseUrl: baseUrl(env.PUBLIC_BASE_URL || file.public_base_url, env.PUBLIC_BASE_URL ? 'PUBLIC_BASE_URL' : 'public_base_url', problems),
    messageIdDomain: file.message_id_domain ?? domainOf(file.smtp.from) ?? 'gotrs.local',
    people: directory,
    defaultManagers: file.default_managers,
    source: path,
  };
  if (!ADDRESS.test(file.smtp.from.replace(/^.*<([^>]*)>\s*$/, '$1'))) problems.push(`smtp.from: "${file.smtp.from}" has no email address`);
  if (problems.length) throw new ConfigError(`invalid ${path}:\n  ${problems.join('\n  ')}`);
  return settings;
}
