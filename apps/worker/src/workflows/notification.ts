import { ApplicationFailure, log, sleep } from '@temporalio/workflow';
import {
  NOTIFICATION_TYPE,
  NotificationFailures,
  decodeNotificationRequest,
  escapeUnstorableFields,
  failureMessage,
  type DecodeError,
  type NotificationRequest,
  type NotificationResult,
} from '@gotrs/contracts';
import type { Activities } from '../activities';
import { isDataFailure } from './activity-failures';
import { defaultActivities, loadSettings, localPersistenceActivities, persistenceActivities } from './activity-stubs';
import { followsInputPatch, payloadOptions } from './input-patch';
import { runShape } from './patches';
import { invalidInput } from './workflow-input';

type Outcome = Parameters<Activities['LogNotificationActivity']>[0]['outcome'];

/**
 * The notification to deliver, or one that is refused for its text but can still be logged as
 * `failed` (with that text made storable), so it does not stay `queued` for good.
 */
function readRequest(input: unknown): { request: NotificationRequest; refused?: string } {
  let problem: string | undefined;
  try {
    return { request: decodeNotificationRequest(input, payloadOptions()) };
  } catch (error) {
    problem = (error as Error).message;
    if ((error as Partial<DecodeError>).problem !== 'unstorable') throw inputProblem(problem);
  }
  try {
    return { request: escapeUnstorableFields(decodeNotificationRequest(input, { acceptUnstorable: true })), refused: `not delivered: ${problem}` };
  } catch (error) {
    throw inputProblem((error as Error).message);
  }
}

function inputProblem(problem: string): ApplicationFailure {
  return invalidInput(`invalid ${NOTIFICATION_TYPE} input: ${problem}`);
}

/** Milliseconds until email may go out (`deliverAfter`), from workflow time `nowMs`; 0 when at once. */
export function msUntilDelivery(request: NotificationRequest, nowMs: number): number {
  if (!request.deliverAfter) return 0;
  return Math.max(0, Date.parse(request.deliverAfter) - nowMs);
}

/** A delivery that failed for good because of its data is a `failed` outcome, not a failed run. */
function dataFailure(error: unknown): boolean {
  return isDataFailure(error) && followsInputPatch();
}

/**
 * Email with the seed's retry policy; when it finally fails, the in-app inbox instead. In-app is a
 * PostgreSQL write, so it retries until it lands: a notification is never silently lost.
 */
async function deliver(request: NotificationRequest, sendEmail: () => Promise<unknown>, sendInApp: () => Promise<unknown>): Promise<Outcome> {
  if (request.channel === 'in-app') {
    try {
      await sendInApp();
    } catch (error) {
      if (!dataFailure(error)) throw error;
      return { status: 'failed', channel: null, error: `in-app failed: ${failureMessage(error)}` };
    }
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

type LogWrite = (notification: NotificationRequest) => Promise<unknown>;

/** Logs the outcome; a log refused for its data is written again with the notification's text made storable. */
async function logOutcome(request: NotificationRequest, write: LogWrite): Promise<void> {
  try {
    await write(request);
  } catch (error) {
    if (!dataFailure(error)) throw error;
    await write(escapeUnstorableFields(request)).catch((again: unknown) => {
      if (!isDataFailure(again)) throw again;
      throw ApplicationFailure.create({
        type: NotificationFailures.invalidData, message: `notification ${request.id} cannot be logged: ${failureMessage(again)}`, nonRetryable: true,
      });
    });
  }
}

/**
 * The seed's NotificationWorkflow (`notification-{id}`): SendEmailActivity, falling back to
 * SendInAppNotificationActivity when email finally fails, and LogNotificationActivity always. Email
 * waits for the recipient's notify hours (`deliverAfter`) on a durable timer. A notification whose
 * text cannot be stored is logged as `failed` at once, without delivery.
 */
export async function NotificationWorkflow(input: unknown): Promise<NotificationResult> {
  const { compact, settings: memoSettings } = runShape();
  const { request, refused } = readRequest(input);
  const settings = memoSettings ?? await loadSettings();
  const seed = defaultActivities(settings);
  // The compact shape: the in-app delivery and the log are local activities. The email stays an
  // activity task: its claim on the send lasts its start-to-close timeout, and a retry on another
  // worker must find that claim ended (a local activity would retry at once after a crash).
  const durable = compact ? localPersistenceActivities(settings) : persistenceActivities(settings);
  let outcome: Outcome;
  if (refused) {
    outcome = { status: 'failed', channel: null, error: refused };
  } else {
    const wait = request.channel === 'email' ? msUntilDelivery(request, Date.now()) : 0;
    if (wait > 0) await sleep(wait);
    outcome = await deliver(request, () => seed.SendEmailActivity(request), () => durable.SendInAppNotificationActivity(request));
  }
  await logOutcome(request, (notification) => durable.LogNotificationActivity({ notification, outcome }));
  return { id: request.id, ...outcome };
}
