import { randomUUID } from 'node:crypto';
import type { NotificationSettings } from '@gotrs/config';
import { escapeUnstorableFields, type NotificationRequest } from '@gotrs/contracts';
import { createPool, findNotification } from '@gotrs/db';
import { freePort } from '@gotrs/devstack';
import { startSmtpSink, type SmtpSink } from '@gotrs/devstack/testing';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Pool } from 'pg';
import pino from 'pino';
import { createSmtpMailer, type Mailer } from '../../src/activities/mailer';
import { createNotificationActivities, messageIdOf } from '../../src/activities/notification-activities';
import type { TicketNotice } from '@gotrs/contracts';
import { testConfig } from '../support';

let pool: Pool;
let sink: SmtpSink;
let settings: NotificationSettings;
let mailer: Mailer;
const notices: TicketNotice[] = [];

function activitiesWith(smtp: Partial<NotificationSettings['smtp']> = {}, ownMailer?: Mailer) {
  const notifications = { ...settings, smtp: { ...settings.smtp, ...smtp } };
  return createNotificationActivities({
    pool,
    logger: pino({ level: 'silent' }),
    notifications,
    mailer: ownMailer ?? mailer,
    notifier: { notify: async (notice) => (notices.push(notice), [notice.key]) },
  });
}

beforeAll(async () => {
  const config = testConfig('notification-activities');
  pool = createPool(config.database);
  sink = await startSmtpSink();
  settings = { ...config.notifications, smtp: { ...config.notifications.smtp, host: sink.host, port: sink.port, connectionTimeoutMs: 1000, socketTimeoutMs: 3000 } };
  mailer = createSmtpMailer(settings.smtp);
});
afterAll(async () => {
  mailer.close();
  await sink.close();
  await pool.end();
});
afterEach(() => {
  sink.acceptDelayMs = 0;
  sink.onMessage = undefined;
});

const quiet = new DefaultLogger('ERROR');
const attempt = (n: number) => new MockActivityEnvironment({ attempt: n, startToCloseTimeoutMs: 5000 }, { logger: quiet });

function request(extra: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    id: randomUUID(), ticketId: randomUUID(), recipient: 'agent-7', channel: 'email', subject: 'Printer on fire',
    body: 'It is on fire.', html: '<p>It is on fire.</p>', event: 'ticket.assigned', ...extra,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(() => { throw new Error('expected a failure'); }, (error: Error) => error);
}

describe('SendEmailActivity', () => {
  it('sends over SMTP once, with the stable Message-ID and auto-generated headers, and records the send', async () => {
    const n = request();
    const receipt = await attempt(1).run(activitiesWith().SendEmailActivity, n);
    const messageId = messageIdOf(n.id, settings.messageIdDomain);
    expect(receipt).toEqual({ address: 'agent-7@gotrs.local', messageId, alreadySent: false });
    const [mail] = sink.withMessageId(messageId);
    expect(mail).toMatchObject({ to: ['agent-7@gotrs.local'], subject: 'Printer on fire' });
    expect(mail!.headers).toMatchObject({ 'auto-submitted': 'auto-generated', 'x-gotrs-notification-id': n.id, references: `<ticket-${n.ticketId}@gotrs.local>` });
    expect(await findNotification(pool, n.id)).toMatchObject({
      status: 'sent', channel: 'email', address: 'agent-7@gotrs.local', messageId, emailSentAt: expect.any(String), recipientKey: 'agent-7',
      attempts: [expect.objectContaining({ channel: 'email', attempt: 1, outcome: 'sent', error: null })],
    });
  });

  it('sends nothing on a later attempt once the first copy went out (a retry, or a worker that died before reporting)', async () => {
    const n = request();
    const activities = activitiesWith();
    await attempt(1).run(activities.SendEmailActivity, n);
    const again = await attempt(2).run(activities.SendEmailActivity, n);
    expect(again).toMatchObject({ alreadySent: true, messageId: messageIdOf(n.id, settings.messageIdDomain) });
    expect(sink.withMessageId(messageIdOf(n.id, settings.messageIdDomain))).toHaveLength(1);
    expect((await findNotification(pool, n.id))!.attempts.map((a) => `${a.attempt}:${a.outcome}`)).toEqual(['1:sent', '2:already-sent']);
  });

  it('lets only one of two concurrent attempts talk to the SMTP server', async () => {
    const n = request();
    const activities = activitiesWith();
    sink.acceptDelayMs = 300;
    const results = await Promise.allSettled([attempt(1).run(activities.SendEmailActivity, n), attempt(2).run(activities.SendEmailActivity, n)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/another attempt is sending/);
    expect(sink.withMessageId(messageIdOf(n.id, settings.messageIdDomain))).toHaveLength(1);
  });

  it('fails with a retryable error when the SMTP server is down, and records the attempt', async () => {
    const port = await freePort();
    const down = createSmtpMailer({ ...settings.smtp, port });
    const n = request();
    const error = await failureOf(attempt(1).run(activitiesWith({ port }, down).SendEmailActivity, n));
    down.close();
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(error.message).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(await findNotification(pool, n.id)).toMatchObject({
      status: 'sending', emailSentAt: null, error: expect.stringMatching(/ECONNREFUSED|ECONNECTION/),
      attempts: [expect.objectContaining({ outcome: 'failed', error: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) })],
    });
  });

  it('waits for a slow SMTP server and still sends exactly one copy', async () => {
    sink.acceptDelayMs = 1500;
    const n = request();
    const started = Date.now();
    await attempt(1).run(activitiesWith().SendEmailActivity, n);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(sink.withMessageId(messageIdOf(n.id, settings.messageIdDomain))).toHaveLength(1);
  });

  it('fails for good (non-retryable) when the server refuses the message with a 5xx', async () => {
    sink.onMessage = () => {
      throw Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
    };
    const error = await failureOf(attempt(1).run(activitiesWith().SendEmailActivity, request()));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'SmtpRejected', nonRetryable: true, message: expect.stringContaining('550') });
  });

  it('fails for good when the recipient has no email address', async () => {
    const error = await failureOf(attempt(1).run(activitiesWith().SendEmailActivity, request({ recipient: 'agent-unknown' })));
    expect(error).toMatchObject({ type: 'RecipientWithoutEmail', nonRetryable: true });
  });
});

describe('SendInAppNotificationActivity and LogNotificationActivity', () => {
  it('put the notification in the inbox once and record the fallback with the email error', async () => {
    const n = request({ recipient: 'agent-7@GOTRS.local' });
    const activities = activitiesWith();
    const first: { inAppAt: string } = await attempt(1).run(activities.SendInAppNotificationActivity, n);
    const again = await attempt(2).run(activities.SendInAppNotificationActivity, n);
    expect(again).toEqual(first);
    const outcome = { status: 'fallback', channel: 'in-app', error: 'email failed: ECONNREFUSED' } as const;
    await attempt(1).run(activities.LogNotificationActivity, { notification: n, outcome });
    expect(await findNotification(pool, n.id)).toMatchObject({
      recipientKey: 'agent-7', status: 'fallback', channel: 'in-app', inAppAt: first.inAppAt, completedAt: expect.any(String),
      error: 'email failed: ECONNREFUSED', attempts: [expect.objectContaining({ channel: 'in-app', outcome: 'delivered' }), expect.anything()],
    });
  });
});

describe('NotifyManagersActivity', () => {
  it('tells the managers of an SLA breach under a once-only key per milestone cycle', async () => {
    const ticketId = randomUUID();
    const notice = { ticketId, milestone: 'FirstResponse' as const, kind: 'breach' as const, cycle: 1, dueAt: '2026-11-25T10:00:00.000Z', at: '2026-11-25T10:00:00.200Z', policy: 'premium', managers: [] };
    await attempt(1).run(activitiesWith().NotifyManagersActivity, notice);
    expect(notices.pop()).toEqual({
      key: `${ticketId}/sla/FirstResponse/1/breach`, event: 'sla.breach', ticketId,
      facts: { milestone: 'FirstResponse', dueAt: notice.dueAt, at: notice.at, policy: 'premium', cycle: 1 },
    });
  });
});

describe('a notification whose text PostgreSQL cannot store', () => {
  it.each(['SendEmailActivity', 'SendInAppNotificationActivity'] as const)('makes %s fail for good (DecodeError), writing nothing', async (name) => {
    const n = request({ subject: 'a\u0000b' });
    const error = await attempt(1).run(activitiesWith()[name], n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'DecodeError', nonRetryable: true, message: expect.stringContaining('subject must not contain') });
    expect(await findNotification(pool, n.id)).toBeNull();
  });

  it('makes LogNotificationActivity fail for good, and logs the same notification once its text is made storable', async () => {
    const n = request({ body: 'line\u0000two', channel: 'in-app' });
    const outcome = { status: 'failed', channel: null, error: 'in-app failed' } as const;
    await expect(attempt(1).run(activitiesWith().LogNotificationActivity, { notification: n, outcome })).rejects.toMatchObject({ type: 'DecodeError', nonRetryable: true });
    await attempt(1).run(activitiesWith().LogNotificationActivity, { notification: escapeUnstorableFields(n), outcome });
    expect(await findNotification(pool, n.id)).toMatchObject({ status: 'failed', body: 'line\\u0000two' });
  });
});
