import { REQUEST_ID_PATTERN } from '../plugins/app/request-context';

type Response = { headers?: Record<string, unknown> };
type Operation = { parameters?: unknown[]; responses?: Record<string, Response> };
type Document = { paths?: Record<string, Record<string, Operation>>; components?: Record<string, Record<string, unknown>> };

const PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Traces the request: honoured when it matches the pattern (else a fresh UUID is used), echoed back, in every log line and problem body.',
  schema: { type: 'string', pattern: REQUEST_ID_PATTERN, maxLength: 128 },
};

const HEADER = {
  description: "The request's ID: the X-Request-Id sent, or the one given to it.",
  schema: { type: 'string', maxLength: 128 },
};

/**
 * Every operation takes the optional `X-Request-Id` header and every response carries it (the
 * request-context plugin does this for every route, so the document says it once, as components).
 */
export function declareRequestId<T extends object>(openapi: T): T {
  const document = openapi as Document;
  const components = (document.components ??= {});
  (components.parameters ??= {}).RequestId = PARAMETER;
  (components.headers ??= {}).RequestId = HEADER;
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      operation.parameters = [{ $ref: '#/components/parameters/RequestId' }, ...(operation.parameters ?? [])];
      for (const response of Object.values(operation.responses ?? {})) {
        response.headers = { 'X-Request-Id': { $ref: '#/components/headers/RequestId' }, ...response.headers };
      }
    }
  }
  return openapi;
}
