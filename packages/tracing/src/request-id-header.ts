import { REQUEST_ID_HEADER, isRequestId } from '@gotrs/contracts';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';

/** `headers` with the request ID added (as `json/plain`), or unchanged when there is none. */
export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  if (!isRequestId(requestId)) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request ID a caller put in `headers`; undefined when absent or not a request ID. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return isRequestId(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
