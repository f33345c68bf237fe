/**
 * NotificationWorkflow with its real activities on the run's Temporal and PostgreSQL, sending over
 * real SMTP to a sink in this process.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationSettings } from '@gotrs/config';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { createOrLoadTicket, createPool, findNotification } from '@gotrs/db';
import { freePort } from '@gotrs/devstack';
import { startSmtpSink, type SmtpSink } from '@gotrs/devstack/testing';
import type { Pool } from 'pg';
import pino from 'pino';
import { createSmtpMailer, type Mailer } from '../../src/activities/mailer';
import { createNotificationActivities, messageIdOf, slaNotice } from '../../src/activities/notification-activities';
import { createNotifier } from '../../src/activities/notifier';
import { FAST_SETTINGS, createHarness, testConfig, type Harness, type TestActivities } from '../support';

jest.setTimeout(30_000);

let harness: Harness;
let pool: Pool;
let sink: SmtpSink;
let settings: NotificationSettings;
const mailers: Mailer[] = [];

beforeAll(async () => {
  harness = await createHarness('notification-delivery');
  const config = testConfig('notification-delivery');
  pool = createPool(config.database);
  sink = await startSmtpSink();
  settings = { ...config.notifications, smtp: { ...config.notifications.smtp, host: sink.host, port: sink.port, connectionTimeoutMs: 1000, socketTimeoutMs: 4000 } };
});
afterAll(async () => {
  mailers.forEach((m) => m.close());
  await sink.close();
  await pool.end();
  await harness.close();
});
afterEach(() => {
  sink.acceptDelayMs = 0;
});

/** The worker's real activities (with fast retries) and notifier, SMTP as given. */
function realParts(smtp: Partial<NotificationSettings['smtp']> = {}, workflowSettings = FAST_SETTINGS) {
  const notifications = { ...settings, smtp: { ...settings.smtp, ...smtp } };
  const mailer = createSmtpMailer(notifications.smtp);
  mailers.push(mailer);
  const logger = pino({ level: 'silent' });
  const notifier = createNotifier({ pool, client: harness.client, taskQueue: harness.taskQueue, settings: notifications, logger });
  const activities = { GetWorkflowSettingsActivity: async () => workflowSettings, ...createNotificationActivities({ pool, logger, notifications, mailer, notifier }) };
  return { activities, notifier };
}

const realActivities = (smtp: Partial<NotificationSettings['smtp']> = {}, workflowSettings = FAST_SETTINGS) => realParts(smtp, workflowSettings).activities;

/** Two attempts instead of five: Temporal retries no faster than once a second. */
const TWO_ATTEMPTS = { ...FAST_SETTINGS, retryPolicy: { ...FAST_SETTINGS.retryPolicy, maximumAttempts: 2 } };

function request(extra: Partial<NotificationRequest> = {}): NotificationRequest {
  return { id: randomUUID(), ticketId: null, recipient: 'agent-7', channel: 'email', subject: 'Hello', body: 'Hello there', event: 'ad-hoc', ...extra };
}

function run(activities: TestActivities, n: NotificationRequest) {
  return harness.withWorker(activities, () =>
    harness.client.workflow.execute(WorkflowTypes.notification, { workflowId: notificationWorkflowId(n.id), taskQueue: harness.taskQueue, args: [n] }),
  );
}

const copies = (id: string) => sink.withMessageId(messageIdOf(id, settings.messageIdDomain)).length;

describe('NotificationWorkflow over real SMTP and PostgreSQL', () => {
  it('delivers one email and records it as sent', async () => {
    const n = request();
    expect(await run(realActivities(), n)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(copies(n.id)).toBe(1);
    expect(await findNotification(pool, n.id)).toMatchObject({ status: 'sent', channel: 'email', completedAt: expect.any(String) });
  });

  it('sends no second copy when the attempt that sent it died before telling Temporal', async () => {
    const real = realActivities();
    let first = true;
    const n = request();
    const activities = {
      ...real,
      SendEmailActivity: async (notification: NotificationRequest) => {
        const receipt = await real.SendEmailActivity(notification);
        if (first) {
          first = false;
          throw new Error('worker lost between the send and its report');
        }
        return receipt;
      },
    };
    expect(await run(activities, n)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(copies(n.id)).toBe(1);
    expect((await findNotification(pool, n.id))!.attempts.map((a) => `${a.channel}#${a.attempt}:${a.outcome}`)).toEqual(['email#1:sent', 'email#2:already-sent']);
  });

  it('falls back to the in-app inbox when the SMTP server is down, and the record says so', async () => {
    const n = request();
    const result = await run(realActivities({ port: await freePort() }, TWO_ATTEMPTS), n);
    expect(result).toMatchObject({ status: 'fallback', channel: 'in-app', error: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) });
    const record = await findNotification(pool, n.id);
    expect(record).toMatchObject({ status: 'fallback', channel: 'in-app', emailSentAt: null, inAppAt: expect.any(String), error: expect.stringContaining('email failed') });
    expect(record!.attempts.map((a) => `${a.channel}:${a.outcome}`)).toEqual(['email:failed', 'email:failed', 'in-app:delivered']);
    expect(copies(n.id)).toBe(0);
  });

  it('waits for a slow SMTP server instead of sending again', async () => {
    sink.acceptDelayMs = 1200;
    const n = request();
    expect(await run(realActivities(), n)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(copies(n.id)).toBe(1);
    expect((await findNotification(pool, n.id))!.attempts).toHaveLength(1);
  });
});

describe('the notifier', () => {
  it('sends an occurrence once per person, however often and however concurrently it is asked', async () => {
    const { activities, notifier } = realParts();
    const ticket = await createOrLoadTicket(pool, { ticket: { id: randomUUID(), title: 'Printer on fire' }, changeId: `${randomUUID()}/0`, at: new Date().toISOString() });
    const breach = { ticketId: ticket.id, milestone: 'Resolution' as const, kind: 'breach' as const, cycle: 1, dueAt: new Date().toISOString(), at: new Date().toISOString(), policy: 'standard' };
    const ids = await harness.withWorker(activities, async () => {
      const asked = await Promise.all([
        notifier.notify(slaNotice({ ...breach, managers: ['support-manager', 'team-lead'] })),
        notifier.notify(slaNotice({ ...breach, managers: ['team-lead', 'Support-Manager@gotrs.local'] })),
      ]);
      const again = await notifier.notify(slaNotice({ ...breach, managers: ['support-manager', 'team-lead'] }));
      expect(new Set([...asked.flat(), ...again])).toEqual(new Set(asked[0]));
      await Promise.all(asked[0].map((id) => harness.client.workflow.getHandle(notificationWorkflowId(id)).result()));
      return asked[0];
    });
    expect(ids).toHaveLength(2);
    const mails = sink.messages.filter((m) => m.headers['x-gotrs-ticket-id'] === ticket.id);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['support-manager@gotrs.local', 'team-lead@gotrs.local']);
    expect(mails[0]!.subject).toBe(`[Ticket#${ticket.number}] SLA breached: Resolution: Printer on fire`);
    expect(mails[0]!.text).toContain(`${settings.publicBaseUrl}/tickets/${ticket.id}`);
    expect(mails[0]!.html).toContain(`href="${settings.publicBaseUrl}/tickets/${ticket.id}"`);
  });
});
