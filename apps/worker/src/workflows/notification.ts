import { ApplicationFailure, log, sleep } from '@temporalio/workflow';
import { decodeNotificationRequest, type NotificationChannel, type NotificationRequest } from '@gotrs/contracts';
import type { Activities } from '../activities';
import { defaultActivities, loadSettings, persistenceActivities } from './activity-stubs';

type Outcome = Parameters<Activities['LogNotificationActivity']>[0]['outcome'];

/** What a notification run reports. */
export interface NotificationResult {
  id: string;
  /** `sent` on the requested channel; `fallback` in-app after email failed; `failed` nowhere. */
  status: Outcome['status'];
  channel: NotificationChannel | null;
  error: string | null;
}

function decodeInput(input: unknown): NotificationRequest {
  try {
    return decodeNotificationRequest(input);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(`invalid NotificationWorkflow input: ${(error as Error).message}`, 'invalid_input');
  }
}

/** The message of an activity's final failure (its cause: the last attempt's error). */
export function failureMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Milliseconds until email may go out (`deliverAfter`), from workflow time `nowMs`; 0 when at once. */
export function msUntilDelivery(request: NotificationRequest, nowMs: number): number {
  if (!request.deliverAfter) return 0;
  return Math.max(0, Date.parse(request.deliverAfter) - nowMs);
}

/**
 * Email with the seed's retry policy; when it finally fails, the in-app inbox instead. In-app is a
 * PostgreSQL write, so it retries until it lands: a notification is never silently lost.
 */
async function deliver(request: NotificationRequest, sendEmail: () => Promise<unknown>, sendInApp: () => Promise<unknown>): Promise<Outcome> {
  if (request.channel === 'in-app') {
    await sendInApp();
    return { status: 'sent', channel: 'in-app', error: null };
  }
  let emailError: string;
  try {
    await sendEmail();
    return { status: 'sent', channel: 'email', error: null };
  } catch (error) {
    emailError = failureMessage(error);
    log.warn('email failed; falling back to the in-app inbox', { notificationId: request.id, error: emailError });
  }
  try {
    await sendInApp();
    return { status: 'fallback', channel: 'in-app', error: `email failed: ${emailError}` };
  } catch (error) {
    return { status: 'failed', channel: null, error: `email failed: ${emailError}; in-app failed: ${failureMessage(error)}` };
  }
}

/**
 * The seed's NotificationWorkflow (`notification-{id}`): SendEmailActivity, falling back to
 * SendInAppNotificationActivity when email finally fails, and LogNotificationActivity always. Email
 * waits for the recipient's notify hours (`deliverAfter`) on a durable timer.
 */
export async function NotificationWorkflow(input: unknown): Promise<NotificationResult> {
  const request = decodeInput(input);
  const settings = await loadSettings();
  const seed = defaultActivities(settings);
  const durable = persistenceActivities(settings);
  const wait = request.channel === 'email' ? msUntilDelivery(request, Date.now()) : 0;
  if (wait > 0) await sleep(wait);
  const outcome = await deliver(
    request,
    () => seed.SendEmailActivity(request),
    () => durable.SendInAppNotificationActivity(request),
  );
  await durable.LogNotificationActivity({ notification: request, outcome });
  return { id: request.id, ...outcome };
}
