import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_FILE, buildOpenApiDocument } from '../../src/openapi/build-document';

const COMMITTED = resolve(__dirname, '../../../..', OPENAPI_FILE);
const HOW_TO_FIX = `${OPENAPI_FILE} is stale: run \`npm run build && npm run openapi\` at the repository root and commit the result.`;

type Response = { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> };
type Parameter = { $ref?: string; name?: string; in?: string; schema?: Record<string, unknown> };
type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  'x-gotrs-permission'?: { operation: string; roles: string[]; scope: string; hides: string | null };
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, Response>;
};
type Document = {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes?: Record<string, Record<string, unknown>> };
};

function operationsOf(document: Document): Array<{ where: string; method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, method, path, operation })),
  );
}

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
      '/api/v1/api-keys',
      '/api/v1/api-keys/{id}/revoke',
      '/api/v1/events',
      '/api/v1/notifications',
      '/api/v1/notifications/{id}',
      '/api/v1/notifications/{id}/read',
      '/api/v1/reports/sla',
      '/api/v1/reports/sla.html',
      '/api/v1/sla/policies/{name}',
      '/api/v1/sla/policies/{name}/apply',
      '/api/v1/sla/policies/{name}/preview',
      '/api/v1/tickets',
      '/api/v1/tickets/{id}',
      '/api/v1/tickets/{id}/assign',
      '/api/v1/tickets/{id}/escalate',
      '/api/v1/tickets/{id}/history',
      '/api/v1/tickets/{id}/reopen',
      '/api/v1/tickets/{id}/responses',
      '/api/v1/tickets/{id}/sla',
      '/api/v1/tickets/{id}/status',
      '/api/v1/webhooks',
      '/api/v1/webhooks/{id}',
      '/api/v1/webhooks/{id}/deliveries',
      '/api/v1/webhooks/{id}/rotate-secret',
      '/healthz',
      '/readyz',
    ]);
  });

  it('declares a schema for every status code of every route, errors as problem+json', () => {
    const document = JSON.parse(generated);
    // The answers that are not JSON: the SLA report also as CSV, and its page.
    const success: Record<string, string[]> = {
      'GET /api/v1/reports/sla 200': ['application/json', 'text/csv'],
      'GET /api/v1/reports/sla.html 200': ['text/html'],
      'GET /api/v1/events 200': ['text/event-stream'],
    };
    for (const [path, operations] of Object.entries<Record<string, Operation>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          const types = Object.keys(response.content ?? {});
          // The event stream is the one answer that is no JSON document but Server-Sent Events.
          expect({ where, types }).toEqual({ where, types: Number(status) >= 400 ? ['application/problem+json'] : success[where] ?? ['application/json'] });
          expect({ where, schema: Object.values(response.content!)[0]!.schema !== undefined }).toEqual({ where, schema: true });
        }
      }
    }
  });

  it('names every operation with a verb, for generated clients', () => {
    const ids = Object.fromEntries(operationsOf(JSON.parse(generated)).map(({ where, operation }) => [where, operation.operationId]));
    expect(ids).toEqual({
      'GET /healthz': 'getHealthz',
      'GET /readyz': 'getReadyz',
      'POST /api/v1/tickets': 'createTicket',
      'GET /api/v1/tickets': 'listTickets',
      'GET /api/v1/tickets/{id}': 'getTicket',
      'GET /api/v1/tickets/{id}/history': 'getTicketHistory',
      'POST /api/v1/tickets/{id}/assign': 'assignTicket',
      'POST /api/v1/tickets/{id}/status': 'changeTicketStatus',
      'POST /api/v1/tickets/{id}/reopen': 'reopenTicket',
      'POST /api/v1/tickets/{id}/escalate': 'escalateTicket',
      'GET /api/v1/tickets/{id}/sla': 'getTicketSla',
      'POST /api/v1/tickets/{id}/responses': 'recordTicketResponse',
      'POST /api/v1/notifications': 'sendNotification',
      'GET /api/v1/notifications': 'listInbox',
      'GET /api/v1/notifications/{id}': 'getNotification',
      'POST /api/v1/notifications/{id}/read': 'markNotificationRead',
      'GET /api/v1/api-keys': 'listApiKeys',
      'GET /api/v1/events': 'streamEvents',
      'POST /api/v1/api-keys': 'createApiKey',
      'POST /api/v1/api-keys/{id}/revoke': 'revokeApiKey',
      'GET /api/v1/sla/policies/{name}': 'getSlaPolicy',
      'POST /api/v1/sla/policies/{name}/preview': 'previewSlaPolicy',
      'POST /api/v1/sla/policies/{name}/apply': 'applySlaPolicy',
      'POST /api/v1/webhooks': 'createWebhook',
      'GET /api/v1/webhooks': 'listWebhooks',
      'GET /api/v1/webhooks/{id}': 'getWebhook',
      'DELETE /api/v1/webhooks/{id}': 'deleteWebhook',
      'POST /api/v1/webhooks/{id}/rotate-secret': 'rotateWebhookSecret',
      'GET /api/v1/webhooks/{id}/deliveries': 'listWebhookDeliveries',
      'GET /api/v1/reports/sla': 'getSlaReport',
      'GET /api/v1/reports/sla.html': 'getSlaReportPage',
    });
  });

  it('gives every request body a named component: the operation and "Request"', () => {
    for (const { where, operation } of operationsOf(JSON.parse(generated)).filter((op) => op.operation.requestBody)) {
      const ref = operation.requestBody!.content['application/json']!.schema.$ref;
      const name = `${operation.operationId![0]!.toUpperCase()}${operation.operationId!.slice(1)}Request`;
      expect({ where, ref }).toEqual({ where, ref: `#/components/schemas/${name}` });
    }
  });

  it('has servers, and X-Request-Id on every operation and every response', () => {
    const document: Document = JSON.parse(generated);
    expect(document.servers?.map((s) => s.url)).toEqual(['/', 'http://localhost:3000']);
    for (const { where, operation } of operationsOf(document)) {
      expect({ where, parameter: operation.parameters?.[0] }).toEqual({ where, parameter: { $ref: '#/components/parameters/RequestId' } });
      for (const [status, response] of Object.entries(operation.responses)) {
        expect({ where, status, header: response.headers?.['X-Request-Id'] }).toEqual({ where, status, header: { $ref: '#/components/headers/RequestId' } });
      }
    }
  });

  it('documents on every API operation the statuses any request can get: 400 and 500, and 413 and 415 with a body', () => {
    for (const { where, method, path, operation } of operationsOf(JSON.parse(generated)).filter((op) => op.path.startsWith('/api/'))) {
      const expected = ['400', '500', ...(method === 'post' ? ['413', '415'] : [])];
      expect({ where, missing: expected.filter((status) => !operation.responses[status]) }).toEqual({ where, missing: [] });
      if (path.includes('{id}')) expect({ where, has404: Boolean(operation.responses['404']) }).toEqual({ where, has404: true });
    }
  });

  it('types list filters that take enums as arrays of enums', () => {
    const { operation } = operationsOf(JSON.parse(generated)).find((op) => op.where === 'GET /api/v1/tickets')!;
    const schemaOf = (name: string) => operation.parameters!.find((p) => p.name === name)!.schema!;
    for (const name of ['status', 'statusType']) {
      expect(schemaOf(name)).toMatchObject({ type: 'array', items: { type: 'string', enum: expect.arrayContaining(['open']) } });
    }
  });

  it('gives the priority a shape generators type: a named oneOf of an integer and a string enum, without a default', () => {
    const { schemas } = (JSON.parse(generated) as Document).components;
    expect(schemas.Priority).toEqual({
      oneOf: [
        { type: 'integer', minimum: 1, maximum: 5 },
        { type: 'string', enum: ['1 very low', '2 low', '3 normal', '4 high', '5 very high'] },
      ],
      title: 'Priority',
      description: expect.stringContaining('3 when left out'),
    });
    expect((schemas.CreateTicketRequest!.properties as Record<string, unknown>).priority).toEqual({ $ref: '#/components/schemas/Priority' });
  });

  it('declares one bearer scheme that takes a GOTRS access token or an API key', () => {
    const { securitySchemes } = (JSON.parse(generated) as Document).components;
    expect(securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer', description: expect.stringMatching(/GOTRS access token.*API key/s) } });
  });

  it('requires it on every API operation, with its permission, 401 (with the challenge), 403 and the 404 of hidden objects; on no public one', () => {
    for (const { where, path, operation } of operationsOf(JSON.parse(generated))) {
      if (!path.startsWith('/api/')) {
        expect({ where, security: operation.security, has401: '401' in operation.responses }).toEqual({ where, security: undefined, has401: false });
        continue;
      }
      const permission = operation['x-gotrs-permission'];
      expect({ where, security: operation.security, permission: Boolean(permission) }).toEqual({ where, security: [{ bearer: [] }], permission: true });
      expect({ where, missing: ['401', '403'].filter((status) => !operation.responses[status]) }).toEqual({ where, missing: [] });
      expect({ where, challenge: Boolean(operation.responses['401']!.headers?.['www-authenticate']) }).toEqual({ where, challenge: true });
      if (permission!.hides) {
        expect({ where, hidden: (operation.responses['404'] as { description?: string } | undefined)?.description }).toEqual({
          where, hidden: expect.stringMatching(/may not see|reaches|another person's inbox/i),
        });
      }
    }
  });

  it('says who may call each protected operation: the roles, and the scope of API keys', () => {
    const byId = Object.fromEntries(operationsOf(JSON.parse(generated)).map(({ operation }) => [operation.operationId, operation]));
    expect(byId.assignTicket!['x-gotrs-permission']).toEqual({ operation: 'tickets.assign', roles: ['Admin', 'Agent'], scope: 'tickets:write', hides: null });
    expect(byId.getTicket!['x-gotrs-permission']).toMatchObject({ roles: ['Admin', 'Agent', 'Customer'], scope: 'tickets:read', hides: 'ticket' });
    expect(byId.listInbox!['x-gotrs-permission']).toMatchObject({ hides: 'inbox' });
    expect((byId.sendNotification as { description?: string }).description).toContain('**Who may call it**: the role Admin or Agent; API keys with `notifications:write`.');
  });
});
