import { randomUUID } from 'node:crypto';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { ApplicationFailure } from '@temporalio/common';
import type { NotificationLogEntry } from '../../src/activities/notification-activities';
import { msUntilDelivery } from '../../src/workflows/notification';
import { FAST_SETTINGS, createHarness, type Harness } from '../support';

jest.setTimeout(30_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('notification');
});
afterAll(() => harness.close());

function request(extra: Partial<NotificationRequest> = {}): NotificationRequest {
  return { id: randomUUID(), ticketId: 't-1', recipient: 'agent-7', channel: 'email', subject: 'Hi', body: 'Hello', event: 'ad-hoc', ...extra };
}

/** Mocked activities that record their calls; `emailFailures` attempts fail before email works. */
function mocks(options: { emailFailures?: number; emailError?: () => Error; inAppError?: () => Error } = {}) {
  const calls = { email: 0, inApp: 0, log: [] as NotificationLogEntry[], emailAt: [] as number[] };
  let failures = options.emailFailures ?? 0;
  return {
    calls,
    activities: {
      GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
      SendEmailActivity: async () => {
        calls.email += 1;
        calls.emailAt.push(Date.now());
        if (failures > 0) {
          failures -= 1;
          throw (options.emailError ?? (() => new Error('SMTP: ECONNECTION connect ECONNREFUSED 127.0.0.1:1025')))();
        }
        return { address: 'agent-7@gotrs.local', messageId: '<x@y>', alreadySent: false };
      },
      SendInAppNotificationActivity: async () => {
        calls.inApp += 1;
        if (options.inAppError) throw options.inAppError();
        return { inAppAt: new Date().toISOString() };
      },
      LogNotificationActivity: async (entry: NotificationLogEntry) => {
        calls.log.push(entry);
      },
    },
  };
}

async function run(input: unknown, activities: ReturnType<typeof mocks>['activities'], id = (input as { id?: string; ID?: string }).id ?? (input as { ID: string }).ID) {
  return harness.withWorker(activities, () =>
    harness.client.workflow.execute(WorkflowTypes.notification, { workflowId: notificationWorkflowId(id), taskQueue: harness.taskQueue, args: [input] }),
  );
}

describe('NotificationWorkflow', () => {
  it('sends the email and logs it as sent, without touching the in-app inbox', async () => {
    const { calls, activities } = mocks();
    const input = request();
    expect(await run(input, activities)).toEqual({ id: input.id, status: 'sent', channel: 'email', error: null });
    expect([calls.email, calls.inApp]).toEqual([1, 0]);
    expect(calls.log).toEqual([{ notification: expect.objectContaining({ id: input.id }), outcome: { status: 'sent', channel: 'email', error: null } }]);
  });

  it('falls back to the in-app inbox after email failed 5 times, and logs why', async () => {
    const { calls, activities } = mocks({ emailFailures: 99 });
    const result = await run(request(), activities);
    expect(calls.email).toBe(FAST_SETTINGS.retryPolicy.maximumAttempts);
    expect(calls.inApp).toBe(1);
    expect(result).toMatchObject({ status: 'fallback', channel: 'in-app', error: expect.stringContaining('ECONNREFUSED') });
    expect(calls.log.map((l) => l.outcome)).toEqual([{ status: 'fallback', channel: 'in-app', error: expect.stringContaining('email failed') }]);
  });

  it('retries email and sends once SMTP works again', async () => {
    const { calls, activities } = mocks({ emailFailures: 1 });
    expect(await run(request(), activities)).toMatchObject({ status: 'sent', channel: 'email' });
    expect([calls.email, calls.inApp]).toEqual([2, 0]);
  });

  it('falls back at once when SMTP refuses the recipient for good (no pointless retries)', async () => {
    const { calls, activities } = mocks({ emailFailures: 99, emailError: () => ApplicationFailure.nonRetryable('550 mailbox unavailable', 'SmtpRejected') });
    expect(await run(request(), activities)).toMatchObject({ status: 'fallback', error: expect.stringContaining('550') });
    expect([calls.email, calls.inApp]).toEqual([1, 1]);
  });

  it('logs the notification even when no channel could deliver it', async () => {
    const { calls, activities } = mocks({
      emailFailures: 99,
      emailError: () => ApplicationFailure.nonRetryable('550 mailbox unavailable', 'SmtpRejected'),
      inAppError: () => ApplicationFailure.nonRetryable('no inbox', 'Broken'),
    });
    expect(await run(request(), activities)).toMatchObject({ status: 'failed', channel: null });
    expect(calls.log.map((l) => l.outcome.status)).toEqual(['failed']);
  });

  it('delivers an in-app notification to the inbox without email', async () => {
    const { calls, activities } = mocks();
    expect(await run(request({ channel: 'in-app' }), activities)).toMatchObject({ status: 'sent', channel: 'in-app' });
    expect([calls.email, calls.inApp, calls.log.length]).toEqual([0, 1, 1]);
  });

  it("accepts Go's PascalCase NotificationRequest", async () => {
    const { calls, activities } = mocks();
    const id = randomUUID();
    const go = { ID: id, TicketID: 't-9', Recipient: 'alice@example.com', Channel: 'email', Subject: 'S', Body: 'B', Event: 'ticket.created' };
    expect(await run(go, activities, id)).toMatchObject({ id, status: 'sent' });
    expect(calls.log[0]!.notification).toMatchObject({ id, ticketId: 't-9', recipient: 'alice@example.com', event: 'ticket.created' });
  });

  it('holds email back until deliverAfter (the recipient\'s notify hours) on a durable timer', async () => {
    const { calls, activities } = mocks();
    const deliverAfter = new Date(Date.now() + 1500).toISOString();
    await run(request({ deliverAfter }), activities);
    expect(calls.emailAt[0]!).toBeGreaterThanOrEqual(Date.parse(deliverAfter) - 50);
  });
});

describe('msUntilDelivery', () => {
  it('is zero without deliverAfter or once it has passed', () => {
    expect(msUntilDelivery(request(), 1000)).toBe(0);
    expect(msUntilDelivery(request({ deliverAfter: '1970-01-01T00:00:00.500Z' }), 1000)).toBe(0);
    expect(msUntilDelivery(request({ deliverAfter: '1970-01-01T00:00:02.000Z' }), 1000)).toBe(1000);
  });
});
