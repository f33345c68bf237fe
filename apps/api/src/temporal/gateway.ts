import { WithStartWorkflowOperation, isGrpcServiceError, type Client, type Workflow, type WorkflowStartOptions } from '@temporalio/client';
import type { SearchAttributePair, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { TemporalCallObserver } from '../metrics/temporal-calls';
import { bounded } from './deadline';
import { callError, isAlreadyStarted, isUnanswered, isWorkflowNotFound, updateError } from './failures';

export { TemporalDeadlineError } from './deadline';
export type { SignalDefinition, UpdateDefinition } from '@temporalio/common';

/** The Temporal client the app is given (server.ts or a test owns and closes it). */
export type TemporalClient = Client;

export interface GatewaySettings {
  taskQueue: string;
  /** Bound of one API request's Temporal calls (config temporal.call_timeout). */
  callTimeoutMs: number;
}

/** Raised by {@link TemporalGateway.checkNamespace}: Temporal answers, but the namespace is not there. */
export class NamespaceMissingError extends Error {
  override name = 'NamespaceMissingError';
}

/** What Temporal tells of a workflow's latest run. */
export interface WorkflowState {
  running: boolean;
  memo: Record<string, unknown> | undefined;
  startedAt: Date;
}

/** A workflow start: its contract's type name and ID, the typed arguments, the memo and search attributes. */
export interface StartRequest<F extends Workflow> {
  type: string;
  workflowId: string;
  args: Parameters<F>;
  memo?: object;
  /** Set at the start, so that the run's first task need not upsert them (the worker checks they are registered). */
  searchAttributes?: SearchAttributePair[];
}

/** The options every start shares: memo and search attributes, when the request has them. */
function startExtras({ memo, searchAttributes }: Pick<StartRequest<Workflow>, 'memo' | 'searchAttributes'>): { memo?: object; typedSearchAttributes?: SearchAttributePair[] } {
  return { ...(memo ? { memo } : {}), ...(searchAttributes?.length ? { typedSearchAttributes: searchAttributes } : {}) };
}

const GRPC_NOT_FOUND = 5;
/** temporal.api.enums.v1.NamespaceState.NAMESPACE_STATE_DELETED */
const NAMESPACE_STATE_DELETED = 3;

/**
 * The API's one door to Temporal: typed operations on workflows, each bounded by a deadline,
 * observed (metrics), and with Temporal's failures mapped to the API's errors here (see failures.ts):
 * unreachable is a 503, "no such workflow" an answer (`null`, `false`, `exists`), a workflow's
 * refusal of an update the catalog's code. `operation` names a call in the metrics: a fixed string.
 */
export class TemporalGateway {
  constructor(
    private readonly client: Client,
    readonly settings: GatewaySettings,
    /** Told of each call (metrics: durations and failures by operation). */
    private readonly observe: TemporalCallObserver = () => undefined,
  ) {}

  /** The namespace every call of the client goes to. */
  get namespace(): string {
    return this.client.options.namespace;
  }

  /** A deadline `ms` from now (default: the configured call timeout). */
  deadline(ms = this.settings.callTimeoutMs): number {
    return Date.now() + ms;
  }

  /** Starts the workflow unless its ID is taken (REJECT_DUPLICATE): `exists` then, nothing started. */
  async startOnce<F extends Workflow>(operation: string, request: StartRequest<F>, deadline: number): Promise<'started' | 'exists'> {
    const { type, workflowId, args } = request;
    const options = { workflowId, taskQueue: this.settings.taskQueue, args, workflowIdReusePolicy: 'REJECT_DUPLICATE', ...startExtras(request) };
    try {
      await this.within(operation, deadline, () => this.client.workflow.start(type, options as unknown as WorkflowStartOptions));
      return 'started';
    } catch (error) {
      if (isAlreadyStarted(error)) return 'exists';
      throw callError(error);
    }
  }

  /** The workflow's latest run; null when Temporal has never heard of it. */
  async describe(operation: string, workflowId: string, deadline: number): Promise<WorkflowState | null> {
    try {
      const description = await this.within(operation, deadline, () => this.client.workflow.getHandle(workflowId).describe());
      return { running: description.status.name === 'RUNNING', memo: description.memo, startedAt: description.startTime };
    } catch (error) {
      if (isWorkflowNotFound(error)) return null;
      throw callError(error);
    }
  }

  /** Sends a signal; false when there is no running workflow to take it. */
  async signal<Args extends unknown[]>(
    operation: string,
    workflowId: string,
    definition: SignalDefinition<Args>,
    args: Args,
    deadline: number,
  ): Promise<boolean> {
    try {
      await this.within(operation, deadline, () => this.client.workflow.getHandle(workflowId).signal(definition, ...args));
      return true;
    } catch (error) {
      if (isWorkflowNotFound(error)) return false;
      throw callError(error);
    }
  }

  /** Asks the workflow to cancel; false when Temporal has no running workflow of that ID. */
  async cancel(operation: string, workflowId: string, deadline: number): Promise<boolean> {
    try {
      await this.within(operation, deadline, () => this.client.workflow.getHandle(workflowId).cancel());
      return true;
    } catch (error) {
      if (isWorkflowNotFound(error)) return false;
      throw callError(error);
    }
  }

  /** Sends an update and answers its result; null when there is no running workflow to take it. */
  async update<R, Args extends unknown[]>(
    operation: string,
    workflowId: string,
    definition: UpdateDefinition<R, Args>,
    args: Args,
    deadline: number,
  ): Promise<R | null> {
    try {
      const untyped = definition as unknown as UpdateDefinition<R, [unknown]>;
      return await this.within(operation, deadline, () =>
        this.client.workflow.getHandle(workflowId).executeUpdate(untyped, { args: args as unknown as [unknown] }),
      );
    } catch (error) {
      const mapped = updateError(workflowId, error);
      if (mapped === undefined) return null;
      throw mapped as Error;
    }
  }

  /** Sends an update to the workflow, starting it first when none runs (USE_EXISTING otherwise). */
  async updateWithStart<R, Args extends unknown[], F extends Workflow>(
    operation: string,
    definition: UpdateDefinition<R, Args>,
    args: Args,
    start: StartRequest<F>,
    deadline: number,
  ): Promise<R | null> {
    try {
      const options = { workflowId: start.workflowId, args: start.args, workflowIdConflictPolicy: 'USE_EXISTING', ...startExtras(start) } as const;
      return await this.executeWithStart(operation, definition, args, options, start.type, deadline);
    } catch (error) {
      const mapped = updateError(start.workflowId, error);
      if (mapped === undefined) return null;
      throw mapped as Error;
    }
  }

  /**
   * Starts the workflow and sends it an update in one call (Update-with-Start), unless its ID is taken
   * (REJECT_DUPLICATE, conflict FAIL): `exists` then, nothing started and nothing sent. `unanswered`
   * when the deadline came first: whether the start happened is then for the caller to find out;
   * `ended` when the run it started ended before it answered.
   */
  async startWithUpdate<R, Args extends unknown[], F extends Workflow>(
    operation: string,
    definition: UpdateDefinition<R, Args>,
    args: Args,
    start: StartRequest<F>,
    deadline: number,
  ): Promise<{ kind: 'answered'; result: R } | { kind: 'exists' } | { kind: 'ended' } | { kind: 'unanswered'; error: unknown }> {
    const { type, workflowId, args: startArgs } = start;
    const options = { workflowId, args: startArgs, workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE', ...startExtras(start) } as const;
    try {
      const result = await this.executeWithStart(operation, definition, args, options, type, deadline);
      return { kind: 'answered', result };
    } catch (error) {
      if (isAlreadyStarted(error)) return { kind: 'exists' };
      const mapped = updateError(workflowId, error);
      if (mapped === undefined) return { kind: 'ended' };
      if (isUnanswered(mapped)) return { kind: 'unanswered', error: mapped };
      throw mapped as Error;
    }
  }

  /** One Update-with-Start call on the gateway's task queue, bounded by `deadline`; errors as the client raised them. */
  private executeWithStart<R, Args extends unknown[]>(
    operation: string,
    definition: UpdateDefinition<R, Args>,
    args: Args,
    options: {
      workflowId: string; args: unknown[]; workflowIdConflictPolicy: 'USE_EXISTING' | 'FAIL'; workflowIdReusePolicy?: 'REJECT_DUPLICATE';
      memo?: object; typedSearchAttributes?: SearchAttributePair[];
    },
    type: string,
    deadline: number,
  ): Promise<R> {
    const startOptions = { ...options, taskQueue: this.settings.taskQueue } as unknown as WorkflowStartOptions & { workflowIdConflictPolicy: 'USE_EXISTING' | 'FAIL' };
    const startWorkflowOperation = new WithStartWorkflowOperation(type, startOptions);
    const untyped = definition as unknown as UpdateDefinition<R, [unknown]>;
    return this.within(operation, deadline, () =>
      this.client.workflow.executeUpdateWithStart(untyped, { args: args as unknown as [unknown], startWorkflowOperation }),
    );
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
      const answer = await this.within('describe-namespace', this.deadline(timeoutMs), () =>
        this.client.connection.workflowService.describeNamespace({ namespace }),
      );
      state = answer.namespaceInfo?.state;
    } catch (error) {
      if (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND) throw new NamespaceMissingError(`namespace "${namespace}" does not exist`);
      throw error;
    }
    if (Number(state) === NAMESPACE_STATE_DELETED) throw new NamespaceMissingError(`namespace "${namespace}" is deleted`);
  }

  private async within<T>(operation: string, deadline: number, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await bounded(this.client, deadline, fn);
      this.observe(operation, (performance.now() - started) / 1000, 'ok');
      return result;
    } catch (error) {
      this.observe(operation, (performance.now() - started) / 1000, { error });
      throw error;
    }
  }
}
