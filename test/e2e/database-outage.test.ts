import { testEnv } from '@gotrs/devstack/testing';
import { closedPort, startRelay } from '../../apps/api/test/support';
import { eventually, startStack, type Stack } from './support';

// The worker reaches PostgreSQL through a relay that is not there yet: its writes fail and retry.
let stack: Stack;
let port: number;
beforeAll(async () => {
  port = await closedPort();
  const database = new URL(testEnv().databaseUrl);
  const workerDatabaseUrl = `postgres://${database.username}@127.0.0.1:${port}${database.pathname}`;
  stack = await startStack({ label: 'e2e-db-outage', createWaitMs: 1000, workerDatabaseUrl });
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

describe('while PostgreSQL is down for the worker', () => {
  it('accepts a create with 202, and writes the ticket once PostgreSQL is back', async () => {
    const accepted = await stack.api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Written later' } });
    expect(accepted.statusCode).toBe(202);
    const url = accepted.headers.location!;

    const relay = await startRelay(port, `${new URL(testEnv().databaseUrl).hostname}:${new URL(testEnv().databaseUrl).port}`);
    try {
      const written = await eventually(async () => {
        const ticket = (await stack.api.request({ url })).json();
        return ticket.number ? ticket : undefined;
      }, 30_000);
      expect(written).toMatchObject({ id: accepted.json().id, title: 'Written later', status: 'new' });
    } finally {
      await stack.stopWorker();
      await relay.close();
    }
  }, 45_000);
});
