import { MAX_DURATION_ISO, MAX_DURATION_MS } from './limits';
import { unstorableReason } from './text';

/** Why a payload was refused: a value of the wrong shape, or text PostgreSQL cannot store. */
export type DecodeProblem = 'invalid' | 'unstorable';

/** A payload that cannot be taken: `field` names the offending field (`rules[0].level`, `subject`...). */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly problem: DecodeProblem = 'invalid',
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** How a decoder reads text. */
export interface DecodeOptions {
  /**
   * Take text PostgreSQL cannot store as it is. Only for workflow runs recorded before the
   * storable-text rule, which must replay as they ran then; never for new input.
   */
  acceptUnstorable?: boolean;
}

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Spellings of a camelCase field that a Go struct may use: `agentId`, `AgentId`, `AgentID`, `agentID`,
 * and all capitals for an initialism (`HTML`).
 */
function spellings(name: string): string[] {
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  const upperId = (s: string) => s.replace(/Id$/, 'ID');
  return [...new Set([name, pascal, upperId(pascal), upperId(name), name.toUpperCase()])];
}

/** Reads a field under any of its spellings; `undefined` when absent. */
export function readField(source: Dict, name: string): unknown {
  for (const key of spellings(name)) {
    if (key in source) return source[key];
  }
  return undefined;
}

/** `record` without its undefined fields (not set), so that decoded objects carry only what was given. */
export function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** The storable-text rule, applied to every string a decoder takes: the one place it is checked. */
export function storable(value: string, field: string, options: DecodeOptions = {}): string {
  const reason = options.acceptUnstorable ? undefined : unstorableReason(value);
  if (reason) throw new DecodeError(`${field} ${reason}`, field, 'unstorable');
  return value;
}

/** A required ID given as a bare string (Go's `ticketID`, an agent ID): not blank, storable, trimmed. */
export function decodeId(value: unknown, field: string, options: DecodeOptions = {}): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DecodeError(`${field} is required (a non-empty string)`, field);
  return storable(value, field, options).trim();
}

/** Go's zero time.Time, `0001-01-01T00:00:00Z`: a time that was not set. */
function isZeroTime(value: string): boolean {
  return value.startsWith('0001-01-01');
}

const NANOS_PER_MS = 1_000_000;

/**
 * Field readers of one object, shared by every decoder. Go sends every field of a struct, so a field
 * it did not set arrives as its zero value: `""`, `0`, `false`, `null` (slices, maps, pointers) or
 * `"0001-01-01T00:00:00Z"` (time.Time). Each reader takes those as "not set" (undefined), and every
 * string passes the storable-text rule.
 */
export class Fields {
  constructor(
    private readonly source: Dict,
    /** Prefix of field names in messages, e.g. `rules[2].`. */
    private readonly path = '',
    private readonly options: DecodeOptions = {},
  ) {}

  name(field: string): string {
    return `${this.path}${field}`;
  }

  raw(field: string): unknown {
    return readField(this.source, field);
  }

  has(field: string): boolean {
    return this.raw(field) !== undefined;
  }

  private fail(field: string, message: string): never {
    throw new DecodeError(`${this.name(field)} ${message}`, this.name(field));
  }

  /** Optional text: absent, null and `""` are not set. */
  text(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') this.fail(field, 'must be a string');
    return storable(value, this.name(field), this.options);
  }

  /** Text that may be cleared with an explicit `null` (our callers); `""` is not set. */
  nullableText(field: string): string | null | undefined {
    return this.raw(field) === null ? null : this.text(field);
  }

  /** Required text: not blank. */
  requiredText(field: string): string {
    const value = this.text(field);
    if (value === undefined || value.trim() === '') this.fail(field, 'is required (a non-empty string)');
    return value;
  }

  /** A required ID: not blank, trimmed. */
  id(field: string): string {
    return this.requiredText(field).trim();
  }

  /** A time as given (checked later by whoever reads it); Go's zero time is not set. */
  timeText(field: string): string | null | undefined {
    const value = this.nullableText(field);
    return typeof value === 'string' && isZeroTime(value) ? undefined : value;
  }

  /** An ISO 8601 instant, normalised to UTC; Go's zero time is not set. */
  instant(field: string): string | undefined {
    const value = this.timeText(field);
    if (value === undefined || value === null) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) this.fail(field, 'must be an ISO 8601 date-time');
    return new Date(ms).toISOString();
  }

  /** An integer in `[min, max]`; 0 (Go's zero) and null are not set. */
  integer(field: string, min: number, max?: number): number | undefined {
    const value = this.raw(field);
    if (value === undefined || value === null || value === 0) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      this.fail(field, max === undefined ? `must be an integer of at least ${min}` : `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  /**
   * A duration in milliseconds (unrounded), given in `unit`: Go's time.Duration is nanoseconds, ours
   * milliseconds. 0 and null are not set; negative, non-numeric and longer than MAX_DURATION_MS are refused.
   */
  durationMs(field: string, unit: 'ns' | 'ms'): number | undefined {
    const value = this.raw(field);
    if (value === undefined || value === null || value === 0) return undefined;
    const what = unit === 'ns' ? 'nanoseconds' : 'milliseconds';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(field, `must be a non-negative number of ${what}`);
    const ms = unit === 'ns' ? value / NANOS_PER_MS : value;
    if (ms > MAX_DURATION_MS) this.fail(field, `must be at most ${MAX_DURATION_ISO} (${MAX_DURATION_MS} ms)`);
    return ms;
  }

  /** A list of non-empty strings; null (Go's nil slice) and `[]` are not set, `""` items are dropped. */
  textList(field: string): string[] | undefined {
    const value = this.raw(field);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(field, 'must be a list of strings');
    const items = value.map((item, i) => {
      if (typeof item !== 'string') this.fail(`${field}[${i}]`, 'must be a string');
      return storable(item, this.name(`${field}[${i}]`), this.options);
    }).filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  }

  /** `true`, or not set (false, null, absent). */
  flag(field: string): true | undefined {
    const value = this.raw(field);
    if (value === undefined || value === null || value === false) return undefined;
    if (value !== true) this.fail(field, 'must be true or false');
    return true;
  }
}
