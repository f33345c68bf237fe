import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** A child process in its own process group, with the tail of its output kept for error messages. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Whether the process has ended. */
  hasExited(): boolean;
  /** The last lines the process printed (stdout and stderr). */
  tail(lines?: number): string;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Copy every output line to our stdout, prefixed with `[name]`. */
  forward?: boolean;
  /** Width of the `[name]` prefix column, so that forwarded lines align. */
  prefixWidth?: number;
  /** Also write every output line to this file (replacing its previous content). */
  logFile?: string;
}

const TAIL_LINES = 200;
const COLORS = [36, 35, 33, 32, 34];
// by name, so that a restarted process keeps its colour
const colorOf = new Map<string, number>();

function prefixFor(name: string, width: number): string {
  const label = `[${name}]`.padEnd(width + 2);
  if (!process.stdout.isTTY) return label;
  if (!colorOf.has(name)) colorOf.set(name, COLORS[colorOf.size % COLORS.length] ?? 36);
  return `\u001b[${colorOf.get(name)}m${label}\u001b[0m`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Spawns `command` detached (its own process group, so a terminal Ctrl-C reaches only us and we stop
 * children in order) with stdout/stderr piped, line-buffered and optionally forwarded with a prefix.
 */
export function startProcess(options: StartProcessOptions): ManagedProcess {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('error', () => undefined); // reported through `exited` below
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${options.name}: ${options.command} is missing or not executable`);
  const lines: string[] = [];
  const prefix = options.forward ? prefixFor(options.name, options.prefixWidth ?? options.name.length) : '';
  const onChunk = (pending: { text: string }) => (chunk: string) => {
    const parts = (pending.text + chunk).split('\n');
    pending.text = parts.pop() ?? '';
    for (const line of parts) record(line);
  };
  const logStream = options.logFile ? createWriteStream(options.logFile) : undefined;
  const record = (line: string): void => {
    if (logStream && !logStream.writableEnded) logStream.write(`${line}\n`);
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    if (options.forward) process.stdout.write(`${prefix} ${line}\n`);
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout.setEncoding('utf8').on('data', onChunk(out));
  child.stderr.setEncoding('utf8').on('data', onChunk(err));

  let ended = false;
  const exited = new Promise<number | string>((resolve) => {
    // 'close' comes once the output is drained; a grandchild holding the pipes must not stall us
    child.once('exit', (code, signal) => {
      const result = code ?? signal ?? 'unknown';
      const timer = setTimeout(() => resolve(result), 500);
      child.once('close', () => {
        clearTimeout(timer);
        resolve(result);
      });
    });
    child.once('error', (error) => resolve(`spawn error: ${error.message}`));
  }).then((result) => {
    ended = true;
    for (const rest of [out.text, err.text]) if (rest) record(rest);
    logStream?.end();
    return result;
  });

  return {
    name: options.name,
    pid,
    exited,
    hasExited: () => ended,
    tail: (count = 40) => lines.slice(-count).join('\n'),
    async stop(graceMs = 10_000) {
      if (!ended) {
        signalGroup(pid, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      }
      // leftovers of the group (grandchildren) do not outlive their leader
      signalGroup(pid, 'SIGKILL');
    },
  };
}
