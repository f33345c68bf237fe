import { Connection } from '@temporalio/client';
import { testEnv, uniqueTaskQueue } from '../src/testing';
import { TaskQueuePollers, workerIdentity } from '../src/task-queue-pollers';
import { waitFor } from '../src/wait';

describe('TaskQueuePollers', () => {
  const { temporalAddress, temporalNamespace } = testEnv();

  it('sees a worker process by its identity on the workflow and the activity queue, each on its own', async () => {
    const taskQueue = uniqueTaskQueue('pollers');
    const identity = workerIdentity(4242);
    const connection = await Connection.connect({ address: temporalAddress });
    const pollers = TaskQueuePollers.connect({ address: temporalAddress, tls: false }, temporalNamespace, taskQueue);
    const polls = new AbortController();
    const request = { namespace: temporalNamespace, taskQueue: { name: taskQueue }, identity };
    // long polls, as a worker makes them (Temporal wants a deadline on them); aborted at the end
    const longPoll = <T>(call: () => Promise<T>): void => {
      connection.withDeadline(Date.now() + 60_000, () => connection.withAbortSignal(polls.signal, call)).catch(() => undefined);
    };
    try {
      expect(await pollers.polledBy(identity)).toEqual({ workflow: false, activity: false });
      longPoll(() => connection.workflowService.pollWorkflowTaskQueue(request));
      await waitFor(async () => (await pollers.polledBy(identity)).workflow, { timeoutMs: 10_000, description: 'the workflow poller' });
      expect(await pollers.polledBy(identity)).toEqual({ workflow: true, activity: false });
      longPoll(() => connection.workflowService.pollActivityTaskQueue(request));
      await waitFor(async () => (await pollers.polledBy(identity)).activity, { timeoutMs: 10_000, description: 'the activity poller' });
      expect(await pollers.polledBy(identity)).toEqual({ workflow: true, activity: true });
      expect(await pollers.polledBy(workerIdentity(4243))).toEqual({ workflow: false, activity: false });
    } finally {
      polls.abort();
      await pollers.close();
      await connection.close();
    }
  });
});
