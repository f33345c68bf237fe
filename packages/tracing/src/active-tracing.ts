import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The running SDK: what the worker's workflow span sink needs, and how to flush at the end. */
export interface ActiveTracing {
  serviceName: string;
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Exports what is buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

let active: ActiveTracing | null = null;

/** The SDK this process started, or null when tracing is off (nothing of it is loaded then). */
export function activeTracing(): ActiveTracing | null {
  return active;
}

export function setActiveTracing(tracing: ActiveTracing): void {
  if (active) throw new Error('tracing was started twice in this process');
  active = tracing;
}
