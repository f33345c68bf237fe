import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait';

/** One message as the sink received it. */
export interface ReceivedEmail {
  /** Envelope sender and recipients. */
  from: string;
  to: string[];
  /** Header names in lower case; folded lines unfolded. */
  headers: Record<string, string>;
  messageId: string | null;
  subject: string | null;
  /** The decoded plain-text and HTML parts. */
  text: string;
  html: string | null;
  raw: string;
  receivedAt: number;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Every message accepted so far, in order. */
  readonly messages: ReceivedEmail[];
  /** Waits before accepting each message (a slow server); 0 by default. */
  acceptDelayMs: number;
  /** Decode bodies into `text`/`html` (true by default; a benchmark turns it off to save CPU). */
  parse: boolean;
  /**
   * Called with each message before the server answers it (the test may stop a worker then). When it
   * throws, the message is refused with the error's `responseCode` (e.g. 550) and not kept.
   */
  onMessage: ((message: ReceivedEmail) => void | Promise<void>) | undefined;
  /** The accepted messages with this Message-ID. */
  withMessageId(messageId: string): ReceivedEmail[];
  /** Resolves once `count` messages match `filter` (all by default). */
  waitForMessages(count: number, filter?: (message: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * A real SMTP server in this process on 127.0.0.1 (a free port unless given), keeping every message
 * it accepts: for tests that send over real SMTP and count what arrived. No TLS, no authentication.
 */
export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedEmail[] = [];
  const sink: SmtpSink = {
    host: '127.0.0.1',
    port: 0,
    messages,
    acceptDelayMs: 0,
    parse: true,
    onMessage: undefined,
    withMessageId: (messageId) => messages.filter((m) => m.messageId === messageId),
    waitForMessages: (count, filter = () => true, timeoutMs = 10_000) =>
      waitFor(() => {
        const found = messages.filter(filter);
        return found.length >= count ? found : undefined;
      }, { timeoutMs, intervalMs: 20, description: `${count} email(s) in the SMTP sink` }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        const parsed = sink.parse ? await simpleParser(raw).catch(() => undefined) : undefined;
        const message: ReceivedEmail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          headers,
          messageId: headers['message-id'] ?? null,
          subject: parsed?.subject ?? headers.subject ?? null,
          text: parsed?.text ?? '',
          html: typeof parsed?.html === 'string' ? parsed.html : null,
          raw,
          receivedAt: Date.now(),
        };
        void (async () => {
          if (sink.acceptDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, sink.acceptDelayMs));
          await sink.onMessage?.(message);
          messages.push(message);
          callback(null, `queued as ${messages.length}`);
        })().catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.server.address() as { port: number }).port;
  return sink;
}
