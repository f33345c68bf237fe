import type { EventType } from '@gotrs/contracts';
import { readEvents, type StoredEvent } from '@gotrs/db';
import type { FastifyBaseLogger } from 'fastify';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Pool } from 'pg';
import type { EventAudience } from '../auth/event-access';
import type { EventHub, HubSubscriber } from './event-hub';
import { HEARTBEAT_FRAME, eventFrame, retryFrame } from './sse';

/** What one stream shows and how it behaves. */
export interface StreamOptions {
  audience: EventAudience;
  ticketId?: string;
  types?: readonly EventType[];
  /** The last id the client has seen: the stream sends what comes after it. */
  after: bigint;
  /** false: send what the log holds after `after`, then end. */
  follow: boolean;
  heartbeatMs: number;
  /** Frames the client has not read yet; past it the stream is dropped. */
  maxBuffered: number;
  /** Sent as `retry:`: how long EventSource waits before reconnecting. */
  retryMs: number;
}

/** Events read per replay query (at most the buffer, so one page never overflows it). */
const REPLAY_PAGE = 500;

/**
 * One client's stream: subscribes to the hub first, replays the log after the client's last id
 * from PostgreSQL, then goes live; events are de-duplicated by id, so neither a gap nor a repeat
 * can open between the two. Writes never wait for the client: a client that falls more than
 * `maxBuffered` frames behind is dropped (it resumes with Last-Event-ID).
 */
export class EventStream implements HubSubscriber {
  readonly out = new PassThrough();
  private cursor: bigint;
  private live = false;
  private closed = false;
  private pending = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly hub: EventHub,
    private readonly pool: Pool,
    private readonly options: StreamOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.cursor = options.after;
  }

  start(): void {
    this.out.on('close', () => this.stop());
    this.write(retryFrame(this.options.retryMs));
    this.hub.add(this);
    this.heartbeat = setInterval(() => this.write(HEARTBEAT_FRAME), this.options.heartbeatMs);
    this.replay().catch((error) => {
      this.log.warn({ err: error }, 'event stream: replay failed; ending the stream');
      this.end('replay failed');
    });
  }

  deliver(event: StoredEvent): void {
    if (!this.live || this.closed) return;
    const id = BigInt(event.id);
    if (id <= this.cursor) return;
    this.cursor = id;
    if (this.matches(event)) this.write(eventFrame(event));
  }

  /** Ends the stream cleanly (the client sees the end and may reconnect). */
  end(reason: string): void {
    if (this.closed) return;
    this.log.debug({ reason }, 'event stream ended');
    this.stop();
    this.out.end();
  }

  /** Stops without flushing: the connection is dropped (a client too slow, or one that left). */
  drop(reason: string): void {
    if (this.closed) return;
    this.log.info({ reason }, 'event stream dropped');
    this.stop();
    this.out.destroy();
  }

  private stop(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.hub.remove(this);
  }

  private matches(event: StoredEvent): boolean {
    const { audience, ticketId, types } = this.options;
    if (audience.customerUserId !== undefined && event.customerUserId !== audience.customerUserId) return false;
    if (ticketId !== undefined && event.ticketId !== ticketId) return false;
    return types === undefined || types.includes(event.type);
  }

  private async replay(): Promise<void> {
    const { audience, ticketId, types, follow } = this.options;
    const limit = Math.min(REPLAY_PAGE, this.options.maxBuffered);
    for (;;) {
      // Every event up to the hub's head is committed, so a short page means we have read up to it.
      const head = this.hub.headId;
      const page = await readEvents(this.pool, { after: this.cursor, limit, ticketId, types, customerUserId: audience.customerUserId });
      if (this.closed) return;
      for (const event of page) this.write(eventFrame(event));
      if (page.length > 0) this.cursor = BigInt(page[page.length - 1]!.id);
      if (page.length === limit) {
        await this.drained();
        continue;
      }
      if (this.cursor < head) this.cursor = head;
      if (this.cursor >= this.hub.headId) break;
    }
    if (follow) this.live = true;
    else this.end('caught up');
  }

  /** Waits until the client has read what was written (or the stream is gone). */
  private async drained(): Promise<void> {
    if (this.closed || !this.out.writableNeedDrain) return;
    await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (this.pending >= this.options.maxBuffered) {
      this.drop(`the client is more than ${this.options.maxBuffered} frames behind`);
      return;
    }
    this.pending += 1;
    this.out.write(frame, () => {
      this.pending -= 1;
    });
  }
}
