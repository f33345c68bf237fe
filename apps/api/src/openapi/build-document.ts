import { loadConfig } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import pino from 'pino';
import { buildApp } from '../app';
import { createTemporalClient } from '../temporal/create-client';

/** Path of the committed document, relative to the repository root. */
export const OPENAPI_FILE = 'openapi/openapi.json';

/**
 * Builds the OpenAPI document from the routes, without touching Temporal or PostgreSQL (the lazy
 * client and the pool never connect). Deterministic: the same code gives the same bytes.
 */
export async function buildOpenApiDocument(): Promise<string> {
  const config = loadConfig({});
  const pool = createPool(config.database);
  const temporalClient = createTemporalClient(config.temporal);
  const app = await buildApp({ config, pool, temporalClient, logger: pino({ level: 'silent' }) });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await Promise.allSettled([pool.end(), temporalClient.connection.close()]);
  }
}
