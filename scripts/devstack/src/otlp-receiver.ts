import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait';

/** One span as an OTLP/HTTP receiver got it, flattened. IDs in lower-case hex. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  /** The resource's `service.name`. */
  service: string;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver {
  /** The base endpoint, for OTEL_EXPORTER_OTLP_ENDPOINT (`/v1/traces` is appended by the SDK). */
  endpoint: string;
  /** Every span received so far, in arrival order. */
  readonly spans: ReceivedSpan[];
  /** Content types of the requests received (`application/json`, `application/x-protobuf`). */
  readonly contentTypes: string[];
  /** Resolves once `predicate` holds for the spans received. */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean, description: string, timeoutMs?: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

type AnyValue = { stringValue?: string; intValue?: number | string | { low: number; high: number }; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value?: AnyValue };
interface OtlpSpan { traceId: string | Uint8Array; spanId: string | Uint8Array; parentSpanId?: string | Uint8Array | null; name: string; attributes?: KeyValue[] }
interface OtlpRequest { resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

const hex = (id: string | Uint8Array | null | undefined) => (id === undefined || id === null ? '' : typeof id === 'string' ? id.toLowerCase() : Buffer.from(id).toString('hex'));

function valueOf(given: AnyValue | undefined): unknown {
  if (!given) return undefined;
  // Decoded protobuf names the set field of the `value` oneof; its other fields hold defaults.
  const field = (given as { value?: unknown }).value;
  const value: AnyValue = typeof field === 'string' ? { [field]: (given as Record<string, unknown>)[field] } : given;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  const int = value.intValue;
  if (typeof int === 'object' && int !== null) return int.high * 2 ** 32 + (int.low >>> 0);
  return int === undefined ? undefined : Number(int);
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

function decode(contentType: string, body: Buffer): OtlpRequest {
  if (contentType.includes('json')) return JSON.parse(body.toString('utf8')) as OtlpRequest;
  // The exporter's own generated protobuf classes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const root = require('@opentelemetry/otlp-transformer/build/src/generated/root');
  return root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.decode(body) as OtlpRequest;
}

function flatten(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => {
        const parent = hex(span.parentSpanId);
        return { traceId: hex(span.traceId), spanId: hex(span.spanId), parentSpanId: parent === '' ? undefined : parent, name: span.name, service, attributes: attributesOf(span.attributes) };
      }),
    );
  });
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 (a free port) that keeps what it is sent: `POST /v1/traces`
 * in JSON (`http/json`) or protobuf (`http/protobuf`), answered 200 with an empty response.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server = createServer((request, response) => {
    void body(request)
      .then((payload) => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        const contentType = request.headers['content-type'] ?? '';
        const received = flatten(decode(contentType, payload));
        contentTypes.push(contentType);
        spans.push(...received);
        const json = contentType.includes('json');
        response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' }).end(json ? '{}' : '');
      })
      .catch(() => response.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    waitFor: (predicate, description, timeoutMs = 20_000) =>
      waitFor(() => (predicate(spans) ? spans : undefined), { timeoutMs, description }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
