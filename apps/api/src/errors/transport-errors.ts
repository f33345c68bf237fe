import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOG, problemType, type ErrorCode } from './catalog';
import { prepareProblemReply, problemBody } from './problem-body';
import { toApiError } from './to-api-error';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a malformed
 * percent-encoding in the path), answered as a problem like every other error.
 */
export function answerFrameworkError(retryAfterSeconds: number) {
  return (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    const apiError = toApiError(error);
    request.log.info({ code: apiError.code }, `request refused: ${apiError.code}`);
    void prepareProblemReply(reply, apiError.status, retryAfterSeconds).send(problemBody(apiError, request));
  };
}

function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'bad_request';
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (a header holding NUL or
 * another forbidden character, an unknown method, headers over 16 KiB, too slow). There is no
 * request to answer, so the problem is written to the socket, which is then closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCode(error);
  const detail = code === 'bad_request' ? `the request is not valid HTTP (${error.code ?? 'parse error'})` : ERROR_CATALOG[code].title;
  const { status, title } = ERROR_CATALOG[code];
  const body = JSON.stringify({ type: problemType(code), title, status, detail, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
