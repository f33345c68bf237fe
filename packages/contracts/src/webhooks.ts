import { defineSignal } from '@temporalio/workflow';

/**
 * The webhook dispatcher's contract: one workflow per subscription (`webhook-dispatch-{id}`), started
 * by the API when the subscription is created and cancelled when it is deleted. Sandbox-safe.
 */

/** The dispatcher's workflow type. */
export const WEBHOOK_DISPATCH_WORKFLOW = 'WebhookDispatchWorkflow';

/** Workflow ID of a subscription's dispatcher. */
export function webhookDispatchWorkflowId(subscriptionId: string): string {
  return `webhook-dispatch-${subscriptionId}`;
}

/** The dispatcher's input: the subscription, and where the previous run (continue-as-new) left off. */
export interface WebhookDispatchInput {
  subscriptionId: string;
  /** Every event up to this id (a decimal string) has been dealt with; absent: the subscription's stored cursor. */
  after?: string;
}

/** The `webhook-id` header of an event's delivery: the same on every attempt, so that receivers drop duplicates. */
export function webhookMessageId(eventId: string): string {
  return `evt_${eventId}`;
}

/** How a dispatcher run ended. */
export interface WebhookDispatchResult {
  subscriptionId: string;
  stopped: 'disabled' | 'deleted' | 'missing';
  after: string;
}

/**
 * `webhook-dispatch-{id}`: events of its types were committed (sent by the worker that LISTENs on the
 * event log); an idle dispatcher reads at once instead of at its next look (webhooks.wait_for_events).
 */
export const webhookWakeSignal = defineSignal<[]>('webhook-wake');
