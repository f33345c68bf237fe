/**
 * What Temporal Cloud does with API keys, in front of the run's dev server: an HTTP/2 (gRPC) proxy over
 * TLS that reads each call's headers, answers UNAUTHENTICATED (grpc-status 16) to a call without
 * `authorization: Bearer <key>`, and forwards the others, stream by stream, to the plaintext server.
 */
import {
  connect,
  constants,
  createSecureServer,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { Socket } from 'node:net';

export interface ApiKeyProxyOptions {
  /** `host:port` of the plaintext server. */
  target: string;
  cert: string;
  key: string;
  apiKey: string;
}

/** One gRPC call as the proxy saw it. */
export interface SeenCall {
  /** e.g. `/temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue`. */
  method: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  forwarded: boolean;
}

export interface ApiKeyProxy {
  address: string;
  calls: SeenCall[];
  close(): Promise<void>;
}

const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR, HTTP2_HEADER_STATUS } = constants;
const END_STREAM = 0x1;

/** Headers of one HTTP/2 session that must not be copied to another (pseudo-headers are set anew). */
function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':')));
}

function forward(upstream: ClientHttp2Session, stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
  const call = upstream.request({ ':method': headers[':method'], ':path': headers[':path'], ...forwardable(headers) });
  let trailers: OutgoingHttpHeaders = {};
  call.on('response', (response, flags) => {
    if (flags & END_STREAM) stream.respond(response, { endStream: true }); // a trailers-only answer (a gRPC error)
    else stream.respond({ [HTTP2_HEADER_STATUS]: response[HTTP2_HEADER_STATUS], ...forwardable(response) }, { waitForTrailers: true });
  });
  call.on('trailers', (received) => (trailers = forwardable(received)));
  stream.on('wantTrailers', () => stream.sendTrailers(trailers));
  stream.pipe(call);
  call.pipe(stream);
  for (const s of [stream, call]) s.on('error', () => undefined);
  stream.on('close', () => call.closed || call.close(NGHTTP2_CANCEL));
  call.on('close', () => stream.closed || call.rstCode === NGHTTP2_NO_ERROR || stream.close(call.rstCode));
}

export async function startApiKeyProxy({ target, cert, key, apiKey }: ApiKeyProxyOptions): Promise<ApiKeyProxy> {
  const calls: SeenCall[] = [];
  let upstream: ClientHttp2Session | undefined;
  const session = (): ClientHttp2Session => {
    if (!upstream || upstream.closed || upstream.destroyed) {
      upstream = connect(`http://${target}`);
      upstream.on('error', () => undefined);
    }
    return upstream;
  };
  const server = createSecureServer({ cert, key, allowHTTP1: false });
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  server.on('stream', (stream, headers) => {
    const authorization = headers.authorization;
    const forwarded = authorization === `Bearer ${apiKey}`;
    calls.push({ method: String(headers[':path']), authorization, userAgent: headers['user-agent'], forwarded });
    if (forwarded) return forward(session(), stream, headers);
    stream.respond(
      { [HTTP2_HEADER_STATUS]: 200, 'content-type': 'application/grpc', 'grpc-status': '16', 'grpc-message': 'missing or wrong API key' },
      { endStream: true },
    );
  });
  server.on('sessionError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: async () => {
      upstream?.destroy();
      // Sessions of clients that are still connected would keep close() waiting.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      });
    },
  };
}
