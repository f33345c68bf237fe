import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { httpStatus } from './http-probe';
import { startProcess, type ManagedProcess } from './processes';
import { waitFor, GiveUpError } from './wait';

export interface MailSinkOptions {
  smtpPort: number;
  uiPort: number;
  /** Keeps the received messages across restarts. */
  mailDirectory: string;
  logFile: string;
  signal?: AbortSignal;
  /** Called as soon as the process exists (to register it with a reaper). */
  onSpawn?: (process: ManagedProcess) => void;
}

export interface MailSink {
  smtpHost: string;
  smtpPort: number;
  /** The web UI; its REST API is under `/api/email`. */
  uiUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** The maildev CLI of the pinned npm package (scripts/devstack/package.json); ESM only, so found by path. */
export function maildevBin(): string {
  for (const dir of require.resolve.paths('maildev') ?? []) {
    const bin = join(dir, 'maildev', 'dist', 'bin', 'maildev.js');
    if (existsSync(bin)) return bin;
  }
  throw new Error('maildev is not installed: run `npm ci` (it is a dependency of scripts/devstack)');
}

/**
 * maildev on 127.0.0.1: an SMTP server that keeps every message, and a web UI (with a REST API at
 * `/api/email`) to read them. Resolves once the REST API answers.
 */
export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  mkdirSync(options.mailDirectory, { recursive: true });
  const child = startProcess({
    name: 'maildev',
    command: process.execPath,
    args: [maildevBin(), '--smtp', String(options.smtpPort), '--ip', '127.0.0.1', '--web', String(options.uiPort), '--web-ip', '127.0.0.1',
      '--mail-directory', options.mailDirectory],
    logFile: options.logFile,
  });
  options.onSpawn?.(child);
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  try {
    await waitFor(async () => {
      if (child.hasExited()) throw new GiveUpError(`maildev exited before it answered:\n${child.tail()}`);
      return (await httpStatus(`${uiUrl}/api/email`)) === 200;
    }, { timeoutMs: 20_000, intervalMs: 100, description: `maildev at ${uiUrl}/api/email`, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    await child.stop(2_000);
    throw error;
  }
  return { smtpHost: '127.0.0.1', smtpPort: options.smtpPort, uiUrl, process: child, stop: () => child.stop(5_000) };
}
