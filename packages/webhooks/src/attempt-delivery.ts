import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './resolve-target';

/** One POST of a webhook to its target. */
export interface DeliveryRequest {
  target: ResolvedTarget;
  headers: Record<string, string>;
  body: string;
  /** From the start until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** From the start until the whole response is read. */
  responseTimeoutMs: number;
  /** The most of the response body that is read; the rest is not waited for. */
  maxResponseBytes: number;
}

/** What one attempt gave: a 2xx is delivered; anything else (3xx included: redirects are not followed) failed. */
export interface AttemptResult {
  delivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The first bytes of the response body (at most 256), for the delivery log. */
  responseExcerpt: string | null;
}

const USER_AGENT = 'GOTRS-Webhooks/1';
const EXCERPT_BYTES = 256;

/** A lookup that answers the checked address, whatever name it is asked for: no second DNS answer can redirect us. */
function pinned(target: ResolvedTarget): LookupFunction {
  return (_host, options, callback) => {
    const answer = { address: target.address, family: target.family };
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: (typeof answer)[]) => void)(null, [answer]);
    else callback(null, answer.address, answer.family);
  };
}

function outcome(statusCode: number | null, started: number, error: string | null, excerpt: string | null): AttemptResult {
  const delivered = error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
  const why = error ?? (delivered ? null : statusCode !== null && statusCode >= 300 && statusCode < 400 ? `answered ${statusCode}: redirects are not followed` : `answered ${statusCode}`);
  return { delivered, statusCode, latencyMs: Math.round(performance.now() - started), error: why, responseExcerpt: excerpt };
}

/** Reads at most `limit` bytes of the body, then stops reading. */
function readBounded(response: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        response.destroy();
        resolve(Buffer.concat(chunks).subarray(0, limit));
      }
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('close', () => resolve(Buffer.concat(chunks).subarray(0, limit)));
  });
}

/**
 * POSTs the webhook once, to the address that was checked (the URL's host still names the HTTP
 * `Host` and the TLS server name, so certificates are verified against it). Never rejects: every
 * failure (refused connection, timeout, TLS, a non-2xx answer) is an {@link AttemptResult}.
 */
export function attemptDelivery(delivery: DeliveryRequest): Promise<AttemptResult> {
  const { target } = delivery;
  const started = performance.now();
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      req.destroy();
      resolve(result);
    };
    const req = send(target.url, {
      method: 'POST',
      lookup: pinned(target),
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'content-length': Buffer.byteLength(delivery.body).toString(), ...delivery.headers },
      agent: false,
    });
    const connectTimer = setTimeout(() => finish(outcome(null, started, `no connection within ${delivery.connectTimeoutMs} ms`, null)), delivery.connectTimeoutMs);
    const responseTimer = setTimeout(() => finish(outcome(null, started, `no complete answer within ${delivery.responseTimeoutMs} ms`, null)), delivery.responseTimeoutMs);
    req.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      socket.once(target.url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish(outcome(null, started, error.code ? `${error.code}: ${error.message}` : error.message, null)));
    req.on('response', (response) => {
      readBounded(response, delivery.maxResponseBytes).then(
        (body) => finish(outcome(response.statusCode ?? null, started, null, body.length ? body.subarray(0, EXCERPT_BYTES).toString('utf8') : null)),
        (error: Error) => finish(outcome(response.statusCode ?? null, started, `the answer broke off: ${error.message}`, null)),
      );
    });
    req.end(delivery.body);
  });
}
