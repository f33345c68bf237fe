/** What the worker needs besides the drain: closing its connections, the pool and the metrics server. */
const CLOSE_MARGIN_MS = 2_000;

/**
 * How a shutdown bound splits: in-flight activities get `shutdownGraceTime` to finish (then they are
 * cancelled), the SDK gives up on them at `shutdownForceTime`, and the rest of the bound closes the
 * connections before the process exits. With the default 25 s: 20 s, 22.5 s, exit by 25 s.
 */
export function drainTimes(shutdownTimeoutMs: number): { shutdownGraceTime: number; shutdownForceTime: number } {
  const grace = Math.max(Math.round(shutdownTimeoutMs / 2), shutdownTimeoutMs - 2 * CLOSE_MARGIN_MS - 1_000);
  return { shutdownGraceTime: grace, shutdownForceTime: Math.round(grace + (shutdownTimeoutMs - grace) / 2) };
}
