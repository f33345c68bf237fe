import { randomUUID } from 'node:crypto';
import type { WebhookSettings } from '@gotrs/config';
import { WEBHOOK_DISPATCH_WORKFLOW, webhookDispatchWorkflowId, type WebhookDispatchInput } from '@gotrs/contracts';
import {
  WebhookLimitError, createWebhookSubscription, deleteWebhookSubscription, findWebhookSubscription, listWebhookDeliveries, listWebhookSubscriptions,
  rotateWebhookSecret, type Page, type WebhookDelivery, type WebhookSubscription,
} from '@gotrs/db';
import { SecretBox, TargetRefusedError, newSigningSecret, resolveTarget } from '@gotrs/webhooks';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';
import { ApiError } from '../errors/api-error';
import { guardedRead } from '../errors/database-guard';
import { invalidField } from '../errors/validation';
import type { CreateWebhookInput } from '../schemas/webhook';
import type { TemporalGateway } from '../temporal/gateway';

/** A subscription with its secret, answered once: by a create or a rotation. */
export type CreatedWebhook = WebhookSubscription & { secret: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function webhookNotFound(id: string): ApiError {
  return new ApiError('webhook_not_found', `no webhook subscription with id "${id}"`);
}

/**
 * Webhook subscriptions (`webhooks.manage`: Admins and `webhooks:admin` keys): stored in PostgreSQL
 * with their secret sealed, each with its dispatcher workflow `webhook-dispatch-{id}`.
 */
export class WebhookService {
  private readonly box: SecretBox;

  constructor(
    private readonly pool: Pool,
    private readonly temporal: TemporalGateway,
    private readonly settings: WebhookSettings,
    log: FastifyBaseLogger,
  ) {
    this.box = new SecretBox(settings.secretKey);
    if (!this.box.encrypts) log.warn('WEBHOOKS_SECRET_KEY is not set: webhook signing secrets are stored unencrypted in PostgreSQL');
  }

  /** Checks the target (400 naming why), stores the subscription, starts its dispatcher, and answers the secret once. */
  async create(input: CreateWebhookInput, createdBy: string): Promise<CreatedWebhook> {
    await this.checkTarget(input.url);
    const secret = newSigningSecret();
    const id = randomUUID();
    let subscription: WebhookSubscription;
    try {
      subscription = await guardedRead(() => createWebhookSubscription(this.pool, {
        id, url: input.url, events: input.events, description: input.description ?? null, secret: this.box.seal(secret), createdBy,
      }, this.settings.maxSubscriptions));
    } catch (error) {
      if (error instanceof WebhookLimitError) throw new ApiError('webhook_limit_reached', `${error.message}: delete one first`);
      throw error;
    }
    try {
      await this.startDispatcher(id);
    } catch (error) {
      // Without its dispatcher the subscription would never deliver: take it back and let the caller retry.
      await deleteWebhookSubscription(this.pool, id).catch(() => undefined);
      throw error;
    }
    return { ...subscription, secret };
  }

  list(limit: number, cursor?: string): Promise<Page<WebhookSubscription>> {
    return guardedRead(() => listWebhookSubscriptions(this.pool, limit, cursor));
  }

  async get(id: string): Promise<WebhookSubscription> {
    if (!UUID.test(id)) throw webhookNotFound(id);
    const found = await guardedRead(() => findWebhookSubscription(this.pool, id));
    if (!found) throw webhookNotFound(id);
    return found;
  }

  /**
   * Deletes the subscription and cancels its dispatcher. Should Temporal not answer, the dispatcher
   * still stops by itself: it reads the subscription before every batch and every attempt.
   */
  async delete(id: string, log: FastifyBaseLogger): Promise<WebhookSubscription> {
    if (!UUID.test(id)) throw webhookNotFound(id);
    const deleted = await guardedRead(() => deleteWebhookSubscription(this.pool, id));
    if (!deleted) throw webhookNotFound(id);
    try {
      await this.temporal.cancel('cancel-webhook-dispatch', webhookDispatchWorkflowId(id), this.temporal.deadline());
    } catch (error: unknown) {
      log.warn({ err: error, webhookId: id }, 'the webhook dispatcher was not cancelled; it stops at its next read');
    }
    return deleted;
  }

  /** A new secret, answered once; the old one keeps signing for webhooks.secret_rotation_grace. */
  async rotate(id: string): Promise<CreatedWebhook> {
    if (!UUID.test(id)) throw webhookNotFound(id);
    const secret = newSigningSecret();
    const rotated = await guardedRead(() => rotateWebhookSecret(this.pool, id, this.box.seal(secret), this.settings.secretRotationGraceMs));
    if (!rotated) throw webhookNotFound(id);
    return { ...rotated, secret };
  }

  async deliveries(id: string, limit: number, cursor?: string): Promise<Page<WebhookDelivery>> {
    await this.get(id);
    return guardedRead(() => listWebhookDeliveries(this.pool, id, limit, cursor));
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await resolveTarget(url, { allowPrivate: this.settings.allowPrivateTargets, timeoutMs: this.settings.connectTimeoutMs });
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      const field = [{ field: 'body.url', message: error.message }];
      if (error.problem === 'invalid_url') throw invalidField('body.url', error.message.replace(/^the URL /, ''));
      throw new ApiError(error.problem === 'private_address' ? 'webhook_target_private' : 'webhook_target_unresolvable', error.message, field);
    }
  }

  private async startDispatcher(id: string): Promise<void> {
    const input: WebhookDispatchInput = { subscriptionId: id };
    // A new subscription's ID is new: `exists` can only be a retried create's own dispatcher.
    await this.temporal.startOnce<(input: WebhookDispatchInput) => Promise<void>>(
      'start-webhook-dispatch',
      { type: WEBHOOK_DISPATCH_WORKFLOW, workflowId: webhookDispatchWorkflowId(id), args: [input] },
      this.temporal.deadline(),
    );
  }
}
