import { hostname } from 'node:os';
import type { TemporalConnectionOptions } from '@gotrs/config';
import { Connection } from '@temporalio/client';

/** temporal.api.enums.v1.TaskQueueType */
const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 } as const;

/** The identity a Temporal TypeScript worker in process `pid` on this machine polls with (the SDK's default). */
export function workerIdentity(pid: number): string {
  return `${pid}@${hostname()}`;
}

/** Which of a task queue's two queues have a poller with a given identity (DescribeTaskQueue). */
export interface PollerCheck {
  workflow: boolean;
  activity: boolean;
}

/**
 * Asks Temporal who polls a task queue. Temporal keeps a poller listed for a while after it stopped,
 * so "the worker polls" means "a poller with this process's identity", never just "some poller".
 */
export class TaskQueuePollers {
  private constructor(
    private readonly connection: Connection,
    private readonly namespace: string,
    private readonly taskQueue: string,
  ) {}

  /**
   * Connects lazily, as the apps do (`temporalConnectionOptions` of @gotrs/config: TLS, API key): calls
   * fail (and can be retried) until Temporal answers.
   */
  static connect(options: TemporalConnectionOptions, namespace: string, taskQueue: string): TaskQueuePollers {
    return new TaskQueuePollers(Connection.lazy({ ...options, connectTimeout: 2_000 }), namespace, taskQueue);
  }

  private async identities(type: keyof typeof TASK_QUEUE_TYPES): Promise<Set<string>> {
    const answer = await this.connection.withDeadline(Date.now() + 2_000, () =>
      this.connection.workflowService.describeTaskQueue({
        namespace: this.namespace,
        taskQueue: { name: this.taskQueue },
        taskQueueType: TASK_QUEUE_TYPES[type],
      }),
    );
    return new Set((answer.pollers ?? []).map((poller) => poller.identity ?? ''));
  }

  /** Whether `identity` polls the workflow and the activity queue. */
  async polledBy(identity: string): Promise<PollerCheck> {
    const [workflow, activity] = await Promise.all([this.identities('workflow'), this.identities('activity')]);
    return { workflow: workflow.has(identity), activity: activity.has(identity) };
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
