import { randomUUID } from 'node:crypto';
import { WorkflowTypes, notificationWorkflowId, type NotificationRequest } from '@gotrs/contracts';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { NotificationLogEntry } from '../../src/activities/notification-activities';
import { FAST_SETTINGS, createHarness, type Harness } from '../support';

jest.setTimeout(30_000);

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('notification-unstorable');
});
afterAll(() => harness.close());

const refused = () => ApplicationFailure.nonRetryable('PostgreSQL refused the data (SQLSTATE 22021): invalid byte sequence', 'InvalidDataError');

function request(extra: Partial<NotificationRequest> = {}): NotificationRequest {
  return { id: randomUUID(), ticketId: 't-1', recipient: 'agent-7', channel: 'email', subject: 'Hi', body: 'Hello', event: 'ad-hoc', ...extra };
}

/** Mocked activities; `inApp` and `log` fail for good (a data failure) as many times as given. */
function mocks(failures: { inApp?: number; log?: number } = {}) {
  const calls = { email: 0, inApp: 0, log: [] as NotificationLogEntry[] };
  let { inApp = 0, log = 0 } = failures;
  return {
    calls,
    activities: {
      GetWorkflowSettingsActivity: async () => FAST_SETTINGS,
      SendEmailActivity: async () => {
        calls.email += 1;
        return { address: 'agent-7@gotrs.local', messageId: '<x@y>', alreadySent: false };
      },
      SendInAppNotificationActivity: async () => {
        calls.inApp += 1;
        if (inApp-- > 0) throw refused();
        return { inAppAt: new Date().toISOString() };
      },
      LogNotificationActivity: async (entry: NotificationLogEntry) => {
        calls.log.push(entry);
        if (log-- > 0) throw refused();
      },
    },
  };
}

function run(input: NotificationRequest, activities: ReturnType<typeof mocks>['activities']) {
  return harness.withWorker(activities, () =>
    harness.client.workflow.execute(WorkflowTypes.notification, { workflowId: notificationWorkflowId(randomUUID()), taskQueue: harness.taskQueue, args: [input] }),
  );
}

describe('NotificationWorkflow and data PostgreSQL refuses', () => {
  it('logs an in-app notification whose delivery fails for good as failed, instead of failing the run', async () => {
    const { calls, activities } = mocks({ inApp: 1 });
    const result = await run(request({ channel: 'in-app' }), activities);
    expect(result).toMatchObject({ status: 'failed', channel: null, error: expect.stringContaining('SQLSTATE 22021') });
    expect(calls.inApp).toBe(1);
    expect(calls.log.map((l) => l.outcome.status)).toEqual(['failed']);
  });

  it('writes the log again with the text made storable when the first log fails for good', async () => {
    const { calls, activities } = mocks({ log: 1 });
    expect(await run(request(), activities)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(calls.log).toHaveLength(2);
    expect(calls.log[1]).toEqual(calls.log[0]);
  });

  it('fails the run clearly, without retrying for ever, when the log cannot be written at all', async () => {
    const { calls, activities } = mocks({ log: 2 });
    const error = await run(request(), activities).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'InvalidDataError', nonRetryable: true, message: expect.stringContaining('cannot be logged') });
    expect(calls.log).toHaveLength(2);
  });

  it('logs a notification whose text cannot be stored as failed, with that text escaped, and sends nothing', async () => {
    const { calls, activities } = mocks();
    const input = request({ subject: 'a\u0000b', recipient: 'agent-\uD800' });
    const result = await run(input, activities);
    expect(result).toEqual({ id: input.id, status: 'failed', channel: null, error: 'not delivered: recipient must not contain an unpaired UTF-16 surrogate' });
    expect([calls.email, calls.inApp]).toEqual([0, 0]);
    expect(calls.log).toEqual([{
      notification: expect.objectContaining({ id: input.id, subject: 'a\\u0000b', recipient: 'agent-\\ud800' }),
      outcome: { status: 'failed', channel: null, error: result.error },
    }]);
  });

  it('still fails a start it cannot read at all with invalid_input', async () => {
    const { activities } = mocks();
    const error = await run({ id: randomUUID(), subject: 'a\u0000b' } as NotificationRequest, activities).catch((e: unknown) => e);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: 'invalid_input', message: expect.stringContaining('recipient is required') });
  });
});
