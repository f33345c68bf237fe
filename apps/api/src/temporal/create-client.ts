import { temporalConnectionOptions, type TemporalSettings } from '@gotrs/config';
import { Client, Connection } from '@temporalio/client';
import { deadlineAwareRetryInterceptor } from './retry-interceptor';

/**
 * A Temporal client on a lazy connection: the API starts while Temporal is down (or refuses its TLS)
 * and answers 503 until it is back. Reconnect back-off is capped at a few seconds so that recovery is
 * noticed quickly, and retries of a call stop at its deadline.
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
  return new Client({ connection, namespace: settings.namespace });
}
