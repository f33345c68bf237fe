import type { StoredEvent } from '@gotrs/db';

/** What a stream's `data:` line carries for each event (README "Live events"; OpenAPI `StreamEvent`). */
export interface WireEvent {
  id: string;
  type: StoredEvent['type'];
  ticketId: string | null;
  at: string;
  recordedAt: string;
  change: Record<string, unknown>;
}

export function toWireEvent(e: StoredEvent): WireEvent {
  return { id: e.id, type: e.type, ticketId: e.ticketId, at: e.occurredAt, recordedAt: e.createdAt, change: e.data };
}

/** One Server-Sent Events frame: `id:`, `event:` and one `data:` line (JSON has no raw newlines). */
export function eventFrame(e: StoredEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(toWireEvent(e))}\n\n`;
}

/** A comment line: ignored by clients, it keeps proxies from closing an idle stream. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/** The first frame: how long EventSource waits before it reconnects. */
export const retryFrame = (ms: number) => `retry: ${ms}\n\n`;
