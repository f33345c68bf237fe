import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_FILE, buildOpenApiDocument } from '../../src/openapi/build-document';

const COMMITTED = resolve(__dirname, '../../../..', OPENAPI_FILE);
const HOW_TO_FIX = `${OPENAPI_FILE} is stale: run \`npm run build && npm run openapi\` at the repository root and commit the result.`;

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('the OpenAPI document', () => {
  let generated: string;
  beforeAll(async () => {
    generated = await buildOpenApiDocument();
  });

  it('is the committed openapi/openapi.json, byte for byte', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== generated) throw new Error(HOW_TO_FIX);
  });

  it('is OpenAPI 3.1 with every route of the REST surface', () => {
    const document = JSON.parse(generated);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/notifications',
      '/api/v1/notifications/{id}',
      '/api/v1/notifications/{id}/read',
      '/api/v1/tickets',
      '/api/v1/tickets/{id}',
      '/api/v1/tickets/{id}/assign',
      '/api/v1/tickets/{id}/escalate',
      '/api/v1/tickets/{id}/history',
      '/api/v1/tickets/{id}/reopen',
      '/api/v1/tickets/{id}/responses',
      '/api/v1/tickets/{id}/sla',
      '/api/v1/tickets/{id}/status',
      '/healthz',
      '/readyz',
    ]);
  });

  it('declares a schema for every status code of every route, errors as problem+json', () => {
    const document = JSON.parse(generated);
    for (const [path, operations] of Object.entries<Record<string, Operation>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          const types = Object.keys(response.content ?? {});
          expect({ where, types }).toEqual({ where, types: [Number(status) >= 400 ? 'application/problem+json' : 'application/json'] });
          expect({ where, schema: Object.values(response.content!)[0]!.schema !== undefined }).toEqual({ where, schema: true });
        }
      }
    }
  });
});
