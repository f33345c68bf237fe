import { temporalConnectionOptions, type TemporalSettings } from '@gotrs/config';
import { workflowClientInterceptors } from '@gotrs/tracing';
import { Client, Connection } from '@temporalio/client';
import { currentRequestId } from '../tracing/request-scope';
import { deadlineAwareRetryInterceptor } from './retry-interceptor';

/**
 * A Temporal client on a lazy connection: the API starts while Temporal is down (or refuses its TLS)
 * and answers 503 until it is back. Reconnect back-off is capped at a few seconds so that recovery is
 * noticed quickly, and retries of a call stop at its deadline. Its calls carry the current request's
 * ID in their Temporal headers, and with tracing on the trace context too.
 */
export function createTemporalClient(settings: TemporalSettings): Client {
  const connection = Connection.lazy({
    ...temporalConnectionOptions(settings),
    connectTimeout: settings.callTimeoutMs,
    interceptors: [deadlineAwareRetryInterceptor()],
    channelArgs: {
      'grpc.initial_reconnect_backoff_ms': 250,
      'grpc.max_reconnect_backoff_ms': 3000,
    },
  });
  return new Client({ connection, namespace: settings.namespace, interceptors: { workflow: workflowClientInterceptors(currentRequestId) } });
}
