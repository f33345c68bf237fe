/** Prints a devstack message to stderr, so stdout stays the forwarded output of the children. */
export function log(message: string): void {
  process.stderr.write(`[devstack] ${message}\n`);
}

/** Seconds since `startedAt` (a Date.now() value), with one decimal. */
export function secondsSince(startedAt: number): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}
