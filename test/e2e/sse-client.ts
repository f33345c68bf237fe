import { request as httpRequest, type IncomingMessage } from 'node:http';

/**
 * A Server-Sent Events client for the tests: node:http (its own connection, destroyed on close;
 * fetch's pool may leave a connection behind that holds the server open) with the body parsed
 * into frames as the EventSource specification reads them (`id:`, `event:`, `data:`, comments).
 */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

export interface SseStream {
  status: number;
  headers: Record<string, string>;
  /** The body, when the answer is not a stream (a problem). */
  body: string;
  /** Every frame received so far. */
  frames: SseFrame[];
  /** Frames with an `event:` line, received so far. */
  events(): Array<{ id: string; event: string; data: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves once `predicate` holds for the frames received (or rejects when the stream ends or the wait is over). */
  until(predicate: (stream: SseStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

function parse(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' || field === 'event' || field === 'data' || field === 'retry') frame[field] = value;
    }
  }
  return frame;
}

/** Opens `url` as an event stream with `headers`; resolves once the response headers arrived. */
export async function openStream(url: string, headers: Record<string, string>): Promise<SseStream> {
  const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
  const header = (name: string) => {
    const value = response.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  const stream: SseStream = {
    status: response.statusCode ?? 0,
    headers: Object.fromEntries(Object.keys(response.headers).map((name) => [name, header(name) ?? ''])),
    body: '',
    frames,
    events: () => frames.filter((f) => f.event !== undefined).map((f) => ({ id: f.id!, event: f.event!, data: JSON.parse(f.data ?? 'null') })),
    until(predicate, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (predicate(stream)) finish(resolve);
          else if (done) finish(() => reject(new Error(`the stream ended before the condition held; frames: ${JSON.stringify(frames.slice(-5))}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`condition not reached within ${timeoutMs} ms; last frames: ${JSON.stringify(frames.slice(-5))}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    ended: Promise.resolve(),
    close: () => req.destroy(),
  };
  if (!(header('content-type') ?? '').startsWith('text/event-stream')) {
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    stream.body = Buffer.concat(chunks).toString('utf8');
    done = true;
    return stream;
  }
  stream.ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response) {
        buffer += decoder.decode(chunk as Buffer, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          frames.push(parse(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
        for (const waiter of [...waiters]) waiter();
      }
    } catch {
      // Aborted by close(), or the connection was dropped.
    } finally {
      done = true;
      for (const waiter of [...waiters]) waiter();
    }
  })();
  return stream;
}
