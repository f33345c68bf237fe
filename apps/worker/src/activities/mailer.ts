import type { SmtpSettings } from '@gotrs/config';
import { clientSpan } from '@gotrs/tracing';
import { createTransport } from 'nodemailer';

/** One email as SendEmailActivity hands it over. */
export interface OutgoingEmail {
  to: { address: string; name: string | null };
  subject: string;
  text: string;
  html: string | null;
  /** Stable per notification (`<notification-{id}@domain>`), so a copy is recognisable as the same message. */
  messageId: string;
  /** Threads every notification of one ticket together in mail clients. */
  references: string | null;
  headers: Record<string, string>;
}

/** What the SMTP server said when it accepted the message. */
export interface MailReceipt {
  response: string;
}

/** Sends email; the activities' only way out to SMTP (tests inject their own). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<MailReceipt>;
  /** Closes pooled connections now. */
  close(): void;
}

/** Pooled SMTP connections are closed after this long without a message, so nothing idles open. */
const IDLE_CLOSE_MS = 1_000;

/**
 * A nodemailer SMTP pool built from configuration. Connections are opened on demand, reused while
 * messages flow, and closed after a second of quiet (an unref'd timer: it never keeps a process alive).
 */
export function createSmtpMailer(smtp: SmtpSettings): Mailer {
  let transport: ReturnType<typeof build> | undefined;
  let inFlight = 0;
  let idle: NodeJS.Timeout | undefined;

  function build() {
    return createTransport({
      pool: true,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: smtp.auth } : {}),
      maxConnections: smtp.maxConnections,
      connectionTimeout: smtp.connectionTimeoutMs,
      greetingTimeout: smtp.connectionTimeoutMs,
      socketTimeout: smtp.socketTimeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  const close = () => {
    clearTimeout(idle);
    transport?.close();
    transport = undefined;
  };

  return {
    async send(email) {
      clearTimeout(idle);
      inFlight += 1;
      transport ??= build();
      try {
        const sending = transport;
        // nodemailer has no OpenTelemetry instrumentation: one client span per message.
        const info = await clientSpan<{ response: string }>('smtp send', { 'server.address': smtp.host, 'server.port': smtp.port, 'email.message_id': email.messageId }, () =>
          sending.sendMail({
            from: smtp.from,
            to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
            subject: email.subject,
            text: email.text,
            ...(email.html ? { html: email.html } : {}),
            messageId: email.messageId,
            ...(email.references ? { references: email.references } : {}),
            headers: email.headers,
          }),
        );
        return { response: info.response };
      } finally {
        inFlight -= 1;
        if (inFlight === 0) idle = setTimeout(close, IDLE_CLOSE_MS).unref();
      }
    },
    close,
  };
}
