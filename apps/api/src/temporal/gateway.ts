import type { Client } from '@temporalio/client';

export interface GatewaySettings {
  taskQueue: string;
  /** Bound of one API request's Temporal calls (config temporal.call_timeout). */
  callTimeoutMs: number;
}

/**
 * The API's door to Temporal: the client plus the rule that no call waits longer than its deadline.
 * Every request is bounded twice: by a gRPC deadline and by an abort signal that cancels whatever is
 * still in flight when it fires, so a call can fail but never hang.
 */
export class TemporalGateway {
  constructor(
    readonly client: Client,
    readonly settings: GatewaySettings,
  ) {}

  get workflow(): Client['workflow'] {
    return this.client.workflow;
  }

  /** A deadline `ms` from now (default: the configured call timeout). */
  deadline(ms = this.settings.callTimeoutMs): number {
    return Date.now() + ms;
  }

  /** Runs `fn` with every Temporal request in it bounded by `deadline` (epoch milliseconds). */
  within<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(Math.max(deadline - Date.now(), 1));
    return this.client.withDeadline(deadline, () => this.client.withAbortSignal(signal, fn));
  }

  /** Resolves when the Temporal frontend answers within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    await this.within(this.deadline(timeoutMs), () => this.client.connection.workflowService.getSystemInfo({}));
  }
}
