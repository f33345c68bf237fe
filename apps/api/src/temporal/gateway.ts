import { isGrpcServiceError, type Client } from '@temporalio/client';
import type { TemporalCallObserver } from '../metrics/temporal-calls';

export interface GatewaySettings {
  taskQueue: string;
  /** Bound of one API request's Temporal calls (config temporal.call_timeout). */
  callTimeoutMs: number;
}

/** Raised when a bounded Temporal call is still running at its deadline. */
export class TemporalDeadlineError extends Error {
  override name = 'TemporalDeadlineError';
}

/** Raised by {@link TemporalGateway.checkNamespace}: Temporal answers, but the namespace is not there. */
export class NamespaceMissingError extends Error {
  override name = 'NamespaceMissingError';
}

const GRPC_NOT_FOUND = 5;
/** temporal.api.enums.v1.NamespaceState.NAMESPACE_STATE_DELETED */
const NAMESPACE_STATE_DELETED = 3;

/**
 * The API's door to Temporal: the client plus the rule that no call outlives its deadline. Requests
 * carry a gRPC deadline and an abort signal; and since the client's retry interceptor may be asleep
 * between two attempts when they fire, a timer settles the call at the deadline regardless.
 */
export class TemporalGateway {
  constructor(
    readonly client: Client,
    readonly settings: GatewaySettings,
    /** Told of each call (metrics: durations and failures by operation). */
    private readonly observe: TemporalCallObserver = () => undefined,
  ) {}

  /** The namespace every call of the client goes to. */
  get namespace(): string {
    return this.client.options.namespace;
  }

  get workflow(): Client['workflow'] {
    return this.client.workflow;
  }

  /** A deadline `ms` from now (default: the configured call timeout). */
  deadline(ms = this.settings.callTimeoutMs): number {
    return Date.now() + ms;
  }

  /**
   * Runs `fn` with every Temporal request in it bounded by `deadline` (epoch milliseconds).
   * `operation` names the call in the metrics (`start-ticket`, `describe-ticket`...): a fixed string.
   */
  async within<T>(operation: string, deadline: number, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await this.bounded(deadline, fn);
      this.observe(operation, (performance.now() - started) / 1000, 'ok');
      return result;
    } catch (error) {
      this.observe(operation, (performance.now() - started) / 1000, { error });
      throw error;
    }
  }

  private async bounded<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
    const remaining = Math.max(deadline - Date.now(), 1);
    const signal = AbortSignal.timeout(remaining);
    const call = this.client.withDeadline(deadline, () => this.client.withAbortSignal(signal, fn));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TemporalDeadlineError(`no answer from Temporal within ${remaining} ms`)), remaining + 25);
    });
    try {
      return await Promise.race([call, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when the Temporal frontend answers within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    await this.within('get-system-info', this.deadline(timeoutMs), () => this.client.connection.workflowService.getSystemInfo({}));
  }

  /**
   * Resolves when the client's namespace exists on the server (DescribeNamespace) within `timeoutMs`;
   * rejects with {@link NamespaceMissingError} when it does not, or was deleted.
   */
  async checkNamespace(timeoutMs: number): Promise<void> {
    const { namespace } = this;
    let state: number | null | undefined;
    try {
      const answer = await this.within('describe-namespace', this.deadline(timeoutMs), () => this.client.connection.workflowService.describeNamespace({ namespace }));
      state = answer.namespaceInfo?.state;
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) throw new NamespaceMissingError(`namespace "${namespace}" does not exist`);
      throw error;
    }
    if (state === NAMESPACE_STATE_DELETED) throw new NamespaceMissingError(`namespace "${namespace}" is deleted`);
  }
}
