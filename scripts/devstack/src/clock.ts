/** The local wall-clock time, HH:MM:SS, for log lines that say when something happened. */
export function clockTime(at: Date = new Date()): string {
  return at.toTimeString().slice(0, 8);
}

/** A duration for people: `250 ms`, `1.5s`, `30s`. */
export function humanDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

/** How a process ended: `exited with code 1`, `was killed by SIGKILL`. */
export function describeExit(code: number | string): string {
  if (typeof code === 'number') return `exited with code ${code}`;
  return /^SIG[A-Z0-9]+$/.test(code) ? `was killed by ${code}` : `ended (${code})`;
}
