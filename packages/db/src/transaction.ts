import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction: commit on success, rollback on error, release always. `begin`
 * may name the isolation, e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` for a read of
 * several tables as of one instant.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
