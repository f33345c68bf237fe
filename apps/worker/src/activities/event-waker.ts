import { listenForEvents, type EventListener, type PoolSettings } from '@gotrs/db';
import type { Logger } from 'pino';

/** A wait armed before a read, so that an event committed between the read and the wait is not missed. */
export interface ArmedWait {
  /** Resolves when events were appended since arming, after `ms`, or when `signal` aborts. */
  until(ms: number, signal?: AbortSignal): Promise<void>;
  /** Gives the wait up (the read found events). */
  cancel(): void;
}

export interface EventWaker {
  arm(): Promise<ArmedWait>;
  close(): Promise<void>;
}

/** Without a LISTEN connection, waits are cut to this: the reader polls instead. */
const POLL_MS = 1000;

/**
 * One LISTEN connection for the worker's waiting dispatchers, open only while someone waits (and
 * `lingerMs` after), so that a stopped worker holds no connection. Should LISTEN fail, waits are
 * shortened to a second's polling.
 */
export function createEventWaker(settings: PoolSettings, logger: Logger, lingerMs = 2000): EventWaker {
  let listener: Promise<EventListener | null> | undefined;
  const armed = new Set<{ fired: boolean; wake: () => void }>();
  let linger: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const waiter of armed) {
      waiter.fired = true;
      waiter.wake();
    }
  };
  const connect = () => {
    listener ??= listenForEvents(settings, {
      onNotify: wakeAll,
      onLost: (error) => {
        logger.warn({ err: error }, 'webhook dispatch: the LISTEN connection was lost; reconnecting on the next wait');
        listener = undefined;
        wakeAll();
      },
    }).catch((error: Error) => {
      logger.warn({ err: error }, 'webhook dispatch: LISTEN failed; polling instead');
      listener = undefined;
      return null;
    });
    return listener;
  };
  const release = () => {
    if (armed.size > 0 || linger) return;
    linger = setTimeout(() => {
      linger = undefined;
      if (armed.size > 0) return;
      const closing = listener;
      listener = undefined;
      void closing?.then((l) => l?.close());
    }, lingerMs);
    linger.unref();
  };

  return {
    async arm() {
      clearTimeout(linger);
      linger = undefined;
      const waiter = { fired: false, wake: () => undefined as void };
      armed.add(waiter);
      const listening = (await connect()) !== null;
      return {
        until(ms, signal) {
          return new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', done);
              armed.delete(waiter);
              release();
              resolve();
            };
            const timer = setTimeout(done, listening ? ms : Math.min(ms, POLL_MS));
            signal?.addEventListener('abort', done);
            waiter.wake = done;
            if (waiter.fired || signal?.aborted) done();
          });
        },
        cancel() {
          armed.delete(waiter);
          release();
        },
      };
    },
    async close() {
      clearTimeout(linger);
      const closing = listener;
      listener = undefined;
      await closing?.then((l) => l?.close());
    },
  };
}
