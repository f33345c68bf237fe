import { randomBytes } from 'node:crypto';
import { createPool } from '@gotrs/db';
import { testEnv } from '@gotrs/devstack/testing';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createWorker } from '../src/create-worker';
import { SearchAttributesMissingError, requireSearchAttributes } from '../src/search-attribute-check';
import { timeSkipping } from './sla-support';
import { eventually, testConfig } from './support';

jest.setTimeout(60_000);

const { IndexedValueType } = temporal.api.enums.v1;
const silent = pino({ level: 'silent' });

let connection: Connection;
let client: Client;
/** A namespace of this test's own, registered without the workflows' search attributes. */
const bare = `sa-check-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  client = new Client({ connection });
  await connection.workflowService.registerNamespace({ namespace: bare, workflowExecutionRetentionPeriod: msToTs('1 day') });
  await eventually(() => connection.operatorService.listSearchAttributes({ namespace: bare }).then(() => true, () => undefined), 20_000);
});
afterAll(() => connection.close());

describe('requireSearchAttributes (at worker start)', () => {
  it('passes on the run\'s dev server, which registers them', async () => {
    await expect(requireSearchAttributes(client, testEnv().temporalNamespace, silent)).resolves.toBeUndefined();
  });

  it('refuses a namespace without them, naming each with its type and the command that registers them', async () => {
    const check = requireSearchAttributes(client, bare, silent);
    await expect(check).rejects.toThrow(SearchAttributesMissingError);
    await expect(check).rejects.toThrow(
      `namespace "${bare}" lacks the search attributes TicketStatus (Keyword), TicketQueue (Keyword), TicketPriority (Keyword), ` +
        `TicketAssignee (Keyword), SlaState (Keyword), SlaNextDueAt (Datetime); register them with: temporal operator search-attribute create ` +
        `--namespace ${bare} --name TicketStatus --type Keyword --name TicketQueue --type Keyword --name TicketPriority --type Keyword ` +
        '--name TicketAssignee --type Keyword --name SlaState --type Keyword --name SlaNextDueAt --type Datetime',
    );
  });

  it('refuses one registered with another type, and says which', async () => {
    await connection.operatorService.addSearchAttributes({ namespace: bare, searchAttributes: { SlaState: IndexedValueType.INDEXED_VALUE_TYPE_TEXT } });
    const message = await eventually(() =>
      requireSearchAttributes(client, bare, silent).then(
        () => undefined,
        (error: Error) => (error.message.includes('registered as') ? error.message : undefined),
      ),
    );
    expect(message).toContain('SlaState (Keyword, registered as INDEXED_VALUE_TYPE_TEXT)');
  });

  it('lets a worker start on a server that cannot say (the time-skipping test server), with a warning', async () => {
    const env = await timeSkipping();
    try {
      const warnings: unknown[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
      await expect(requireSearchAttributes(env.client, 'default', logger)).resolves.toBeUndefined();
      expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringContaining('cannot list the search attributes'), namespace: 'default' })]);
    } finally {
      await env.teardown();
    }
  });
});

describe('createWorker', () => {
  it('does not start a worker on a namespace without the search attributes', async () => {
    const config = testConfig('sa-check');
    config.temporal.namespace = bare;
    const native = await NativeConnection.connect({ address: config.temporal.address });
    const pool = createPool(config.database);
    try {
      await expect(createWorker({ config, connection: native, pool, logger: silent, client })).rejects.toThrow(SearchAttributesMissingError);
    } finally {
      await pool.end();
      await native.close();
    }
  });
});
