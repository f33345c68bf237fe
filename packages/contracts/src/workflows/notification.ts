import { FailureTypes } from '../failures';
import type { NotificationChannel, NotificationRequest } from '../notification';

/** `NotificationWorkflow`: one notification to one recipient on one channel, ID `notification-{id}`. */
export const NOTIFICATION_TYPE = 'NotificationWorkflow';

/** Workflow ID of a notification. */
export function notificationWorkflowId(id: string): string {
  return `notification-${id}`;
}

/**
 * Go's `NotificationRequest`: the same fields in PascalCase (`ID`, `TicketID`, `Recipient`...), which
 * `decodeNotificationRequest` reads as well as ours.
 */
export type GoNotificationRequest = Record<string, unknown>;

/** The start argument in either form. */
export type NotificationInput = NotificationRequest | GoNotificationRequest;

/** How a delivery ended: `sent` as asked, `fallback` in-app after email failed, `failed` nowhere. */
export type NotificationOutcomeStatus = 'sent' | 'fallback' | 'failed';

/** What a notification run reports. */
export interface NotificationResult {
  id: string;
  status: NotificationOutcomeStatus;
  channel: NotificationChannel | null;
  error: string | null;
}

/** The signature the worker's implementation satisfies and the API's starts are typed by. */
export type NotificationWorkflowFn = (input: NotificationInput) => Promise<NotificationResult>;

/** What the starters keep in the run's memo: the request (for display before its row exists), the hash (API). */
export interface NotificationMemo {
  notification: NotificationRequest;
  requestHash?: string;
}

/** Failure types of the workflow and its delivery activities. */
export const NotificationFailures = {
  invalidInput: FailureTypes.invalidInput,
  invalidData: FailureTypes.invalidData,
  recipientWithoutEmail: FailureTypes.recipientWithoutEmail,
  smtpRejected: FailureTypes.smtpRejected,
} as const;
