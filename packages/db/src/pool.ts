import { Pool } from 'pg';

export interface PoolSettings {
  url: string;
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

/**
 * A pg pool that fails fast when PostgreSQL is down (connect timeout) and never lets a dropped idle
 * connection crash the process: `onError` hears about it instead.
 */
export function createPool(settings: PoolSettings, onError: (error: Error) => void = () => undefined): Pool {
  const pool = new Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    query_timeout: settings.statementTimeoutMs + 1000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onError);
  return pool;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** Whether an error means "PostgreSQL cannot be reached right now" rather than a bad query. */
export function isConnectionError(error: unknown): boolean {
  // Not `instanceof Error`: socket errors can come from another realm (Jest's sandbox, for one).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' && typeof message !== 'string') return false;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions.
    if (/^57P0[1-3]$/.test(code) || code.startsWith('08')) return true;
  }
  return typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout/i.test(message);
}

/** The SQLSTATE of an error PostgreSQL answered (`22021`, `23505`...); undefined for any other error. */
export function sqlState(error: unknown): string | undefined {
  // Duck-typed like isConnectionError; `severity` tells a server's answer from a socket error's `code`.
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string' ? code : undefined;
}

/**
 * Whether PostgreSQL refused the data itself: SQLSTATE class 22 (data exception: a NUL character,
 * a value out of range) or 23 (integrity constraint violation). The same write fails every time.
 */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}
