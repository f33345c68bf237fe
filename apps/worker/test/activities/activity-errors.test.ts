import { DecodeError } from '@gotrs/contracts';
import { TicketNotFoundError, createPool } from '@gotrs/db';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import pino from 'pino';
import { classified, classifyActivityError } from '../../src/activities/activity-errors';
import { testConfig } from '../support';

let pool: Pool;
beforeAll(() => {
  pool = createPool(testConfig('activity-errors').database);
});
afterAll(() => pool.end());

/** What PostgreSQL itself answers to `sql`. */
async function pgError(sql: string, params: unknown[] = []): Promise<unknown> {
  return pool.query(sql, params).then(() => {
    throw new Error(`expected "${sql}" to fail`);
  }, (error: unknown) => error);
}

describe('classifyActivityError', () => {
  it('makes a value PostgreSQL refuses (NUL in text: SQLSTATE 22021) a non-retryable InvalidDataError naming the SQLSTATE', async () => {
    const { failure, retryable } = classifyActivityError(await pgError('SELECT $1::text', ['a\u0000b']));
    expect(retryable).toBe(false);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'InvalidDataError', nonRetryable: true, message: expect.stringContaining('SQLSTATE 22021') });
  });

  it.each([
    ['a lone surrogate in jsonb (class 22)', "SELECT $1::jsonb", ['"\\ud800"']],
    ['a number out of range (class 22)', 'SELECT 32768::smallint', []],
    ['a broken CHECK constraint (class 23)', 'CREATE TEMP TABLE t (p int CHECK (p > 0)); INSERT INTO t VALUES (0)', []],
  ])('makes %s non-retryable', async (_what, sql, params) => {
    expect(classifyActivityError(await pgError(sql, params))).toMatchObject({ retryable: false, failure: { type: 'InvalidDataError' } });
  });

  it('keeps a statement timeout (SQLSTATE 57014) and a syntax error (42601) retryable, as anything not about the data', async () => {
    const timeout = await pool.connect().then(async (client) => {
      try {
        await client.query("SET statement_timeout = '10ms'");
        return await client.query('SELECT pg_sleep(1)').then(() => undefined, (error: unknown) => error);
      } finally {
        client.release(true);
      }
    });
    expect((timeout as { code?: string }).code).toBe('57014');
    expect(classifyActivityError(timeout)).toEqual({ failure: timeout, retryable: true });
    const syntax = await pgError('SELEC 1');
    expect(classifyActivityError(syntax)).toEqual({ failure: syntax, retryable: true });
  });

  it('keeps PostgreSQL being unreachable retryable', async () => {
    const unreachable = createPool({ url: 'postgres://nobody@127.0.0.1:1/none', poolSize: 1, connectTimeoutMs: 500, statementTimeoutMs: 500 });
    const error = await unreachable.query('SELECT 1').catch((e: unknown) => e);
    await unreachable.end();
    expect(classifyActivityError(error)).toEqual({ failure: error, retryable: true });
    expect(classifyActivityError(new Error('something unknown'))).toMatchObject({ retryable: true });
  });

  it('makes a missing ticket row and an undecodable payload non-retryable with their own types', () => {
    expect(classifyActivityError(new TicketNotFoundError('T-1'))).toMatchObject({ retryable: false, failure: { type: 'TicketNotFoundError', nonRetryable: true } });
    expect(classifyActivityError(new DecodeError('subject must not contain the NUL character (U+0000)', 'subject', 'unstorable'))).toMatchObject({
      retryable: false, failure: { type: 'DecodeError', nonRetryable: true },
    });
  });

  it('leaves an ApplicationFailure the activity raised itself as it is', () => {
    const own = ApplicationFailure.nonRetryable('550 mailbox unavailable', 'SmtpRejected');
    expect(classifyActivityError(own)).toEqual({ failure: own, retryable: false });
  });
});

describe('classified', () => {
  it('wraps every activity of a factory, keeping results and classifying failures', async () => {
    const activities = classified(pino({ level: 'silent' }), {
      async Works(n: number) {
        return n + 1;
      },
      async Refused() {
        await pool.query('SELECT $1::text', ['a\u0000b']);
      },
    });
    await expect(activities.Works(1)).resolves.toBe(2);
    await expect(activities.Refused()).rejects.toMatchObject({ type: 'InvalidDataError', nonRetryable: true });
  });
});
