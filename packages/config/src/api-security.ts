import { Type, type Static } from '@sinclair/typebox';
import { parseDurationMs } from './duration';
import { ConfigError } from './errors';
import type { SettingRule } from './schema';

const Duration = Type.Union([Type.String(), Type.Number({ minimum: 0 })]);
const Budget = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });

/** `api.cors_origins` of config/temporal.yaml: the browser origins allowed to call the API. */
export const CorsOriginsFileSchema = Type.Union([Type.Array(Type.String()), Type.Null()]);

/** `api.rate_limit` of config/temporal.yaml. */
export const RateLimitFileSchema = Type.Object(
  {
    window: Type.Optional(Duration),
    per_caller: Type.Optional(Budget),
    unauthenticated: Type.Optional(Budget),
  },
  { additionalProperties: false },
);

export type RateLimitFile = Static<typeof RateLimitFileSchema>;

/** How many requests the API takes, per window, from whom. */
export interface RateLimitSettings {
  /** The budgets renew this often. */
  windowMs: number;
  /** Per verified caller: a token's user (issuer and ID) or an API key. */
  perCaller: number;
  /**
   * Per client address, for requests without credentials; as many again, counted apart, for
   * requests whose credentials were refused.
   */
  unauthenticated: number;
}

const DEFAULTS = { window: '1m', per_caller: 600, unauthenticated: 60 } as const;
const MAX_WINDOW_MS = 24 * 3_600_000;

/** `https://gotrs.example.org` as a browser sends it in `Origin`, or why the entry is not one. */
function originOf(entry: string): { origin: string } | { problem: string } {
  const shown = JSON.stringify(entry);
  if (entry === '*' || entry === 'null') return { problem: `${shown} is not allowed: name each origin (scheme://host[:port])` };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: `${shown} is not an origin (scheme://host[:port], e.g. https://gotrs.example.org)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `${shown} is not an http or https origin` };
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { problem: `${shown} is not an origin: no path, query or credentials (scheme://host[:port])` };
  }
  return { origin: url.origin };
}

function entries(list: string): string[] {
  return list.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** A comma-separated list of origins (empty: no browser origin may call the API). */
export const corsOriginsRule: SettingRule = (value) => {
  const problems = entries(value).map(originOf).flatMap((result) => ('problem' in result ? [result.problem] : []));
  return problems.length ? problems.join('; ') : undefined;
};

/** The origins of a list {@link corsOriginsRule} accepted, in the form browsers send (`https://host[:port]`), without repeats. */
export function parseCorsOrigins(value: string): string[] {
  const origins = entries(value).map(originOf).flatMap((result) => ('origin' in result ? [result.origin] : []));
  return [...new Set(origins)];
}

/** `api.rate_limit`, its defaults filled in: 600 requests a minute per caller, 60 per address without credentials. */
export function loadRateLimitSettings(file: RateLimitFile | undefined): RateLimitSettings {
  const window = file?.window ?? DEFAULTS.window;
  let windowMs: number;
  try {
    windowMs = parseDurationMs(window);
  } catch (error) {
    throw new ConfigError(`api.rate_limit.window: ${(error as Error).message}`);
  }
  if (windowMs < 1000 || windowMs > MAX_WINDOW_MS) throw new ConfigError(`api.rate_limit.window must be between 1s and 24h (got ${JSON.stringify(window)})`);
  return {
    windowMs,
    perCaller: file?.per_caller ?? DEFAULTS.per_caller,
    unauthenticated: file?.unauthenticated ?? DEFAULTS.unauthenticated,
  };
}
