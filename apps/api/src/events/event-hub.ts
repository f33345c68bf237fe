import { eventLogBounds, listenForEvents, readEvents, type EventListener, type PoolSettings, type StoredEvent } from '@gotrs/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';

/** A stream the hub hands live events to. */
export interface HubSubscriber {
  /** Every event the log gains, in id order, once; the subscriber filters. */
  deliver(event: StoredEvent): void;
  /** The hub lost PostgreSQL or is shutting down: end the stream (the client resumes with Last-Event-ID). */
  end(reason: string): void;
}

/** Events read per query when catching up with the log. */
const PAGE = 500;

/**
 * The one LISTEN connection of this API process, shared by every stream. On each NOTIFY (and every
 * `pollMs`, in case one was missed) it reads the log after `head` once and hands each new event to
 * every subscriber. `head` moves and the events are handed out in the same tick, so every event up
 * to `head` has been delivered and every later one will be: a stream that has read the log up to
 * `head` can go live without a gap.
 */
export class EventHub {
  private listener: EventListener | undefined;
  private starting: Promise<void> | undefined;
  private poll: NodeJS.Timeout | undefined;
  private head = 0n;
  private readonly subscribers = new Set<HubSubscriber>();
  private fetching = false;
  private again = false;

  constructor(
    private readonly pool: Pool,
    private readonly database: PoolSettings,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs: number,
  ) {}

  /** The highest id handed to subscribers (or known to be before any of them subscribed). */
  get headId(): bigint {
    return this.head;
  }

  /** Open streams. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Resolves once the hub listens (connecting on first use, or again after a loss); rejects when PostgreSQL cannot be reached. */
  ready(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  add(subscriber: HubSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: HubSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** Ends every stream (shutdown). */
  endAll(reason: string): void {
    for (const subscriber of [...this.subscribers]) subscriber.end(reason);
  }

  /** Ends every stream and closes the LISTEN connection. */
  async close(): Promise<void> {
    this.endAll('the server is shutting down');
    clearInterval(this.poll);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
  }

  private async start(): Promise<void> {
    let lost = false;
    let listener: EventListener | undefined = undefined;
    listener = await listenForEvents(this.database, {
      onNotify: () => this.catchUp(),
      onLost: (error) => {
        lost = true;
        this.lose(listener, error);
      },
    });
    try {
      // After LISTEN: whatever commits from now on is notified; whatever committed before is below this head.
      const bounds = await eventLogBounds(this.pool);
      if (lost) throw new Error('the LISTEN connection to PostgreSQL ended while starting');
      if (bounds.head > this.head) this.head = bounds.head;
    } catch (error) {
      await listener.close();
      throw error;
    }
    this.listener = listener;
    this.poll = setInterval(() => this.catchUp(), this.pollMs).unref();
    this.catchUp();
  }

  private lose(listener: EventListener | undefined, error: Error): void {
    if (listener === undefined || this.listener !== listener) return;
    this.log.warn({ err: error }, 'event stream: LISTEN connection lost; ending the streams (clients resume with Last-Event-ID)');
    this.listener = undefined;
    clearInterval(this.poll);
    this.endAll('the connection to PostgreSQL was lost');
    void listener.close();
  }

  private catchUp(): void {
    if (!this.listener) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = true;
    void this.drain().finally(() => {
      this.fetching = false;
      if (this.again) {
        this.again = false;
        this.catchUp();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const page = await readEvents(this.pool, { after: this.head, limit: PAGE });
        if (page.length === 0) return;
        this.head = BigInt(page[page.length - 1]!.id);
        for (const event of page) for (const subscriber of this.subscribers) subscriber.deliver(event);
        if (page.length < PAGE) return;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'event stream: reading the log failed; the next notification or poll tries again');
    }
  }
}
