import { Type, type Static } from '@sinclair/typebox';
import { DAY_MS, boundedDurationMs } from './duration';
import { ConfigError } from './errors';

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);

/** The `events:` section of config/temporal.yaml: the event log and GET /api/v1/events. */
export const EventsFileSchema = Type.Object(
  {
    retention: Type.Optional(Duration),
    prune_interval: Type.Optional(Duration),
    heartbeat_interval: Type.Optional(Duration),
    max_streams: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    max_buffered_events: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export type EventsFile = Static<typeof EventsFileSchema>;

/** How long the event log keeps events and how the API streams them. */
export interface EventsSettings {
  /** Events older than this are pruned; a Last-Event-ID before the pruned ones answers 410. */
  retentionMs: number;
  /** How often each API process prunes. */
  pruneIntervalMs: number;
  /** A comment line this often on every stream, so that proxies do not close an idle one. */
  heartbeatIntervalMs: number;
  /** Open streams per API process; past it 503 `too_many_streams`. */
  maxStreams: number;
  /** Events written to a stream that its client has not read yet; past it the stream is closed. */
  maxBufferedEvents: number;
}

export const EVENTS_DEFAULTS = {
  retention: '7d',
  prune_interval: '10m',
  heartbeat_interval: '15s',
  max_streams: 1000,
  max_buffered_events: 1000,
} as const;

const duration = (problems: string[], setting: string, value: string | number, min: number, max: number) =>
  boundedDurationMs(problems, 'events', setting, value, min, max);

/** The `events:` settings with their defaults; every problem is reported at once, naming the setting. */
export function loadEventsSettings(file: EventsFile | undefined): EventsSettings {
  const f = { ...EVENTS_DEFAULTS, ...file };
  const problems: string[] = [];
  const settings: EventsSettings = {
    retentionMs: duration(problems, 'retention', f.retention, 60_000, 3650 * DAY_MS),
    pruneIntervalMs: duration(problems, 'prune_interval', f.prune_interval, 1000, DAY_MS),
    heartbeatIntervalMs: duration(problems, 'heartbeat_interval', f.heartbeat_interval, 100, 3_600_000),
    maxStreams: f.max_streams,
    maxBufferedEvents: f.max_buffered_events,
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return settings;
}
