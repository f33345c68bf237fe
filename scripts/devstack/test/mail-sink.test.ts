import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailSink, type MailSink } from '../src/mail-sink';
import { freePort } from '../src/ports';

jest.setTimeout(30_000);

let sink: MailSink | undefined;
const dir = mkdtempSync(join(tmpdir(), 'gotrs-maildev-'));
afterAll(async () => {
  await sink?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('startMailSink (maildev, as make dev runs it)', () => {
  it('accepts SMTP and shows the message in its REST API and web UI', async () => {
    sink = await startMailSink({ smtpPort: await freePort(), uiPort: await freePort(), mailDirectory: join(dir, 'mail'), logFile: join(dir, 'maildev.log') });
    const transport = createTransport({ host: sink.smtpHost, port: sink.smtpPort, secure: false });
    await transport.sendMail({ from: 'helpdesk@gotrs.local', to: 'alice@example.com', subject: 'Hello', text: 'Hi', messageId: '<notification-test@gotrs.local>' });
    transport.close();
    const mails = (await (await fetch(`${sink.uiUrl}/api/email`)).json()) as Array<{ subject: string; headers: Record<string, string> }>;
    expect(mails).toEqual([expect.objectContaining({ subject: 'Hello', headers: expect.objectContaining({ 'message-id': '<notification-test@gotrs.local>' }) })]);
    const page = await fetch(sink.uiUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('MailDev');
  });
});
