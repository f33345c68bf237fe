import { MAX_DURATION_ISO, MAX_DURATION_MS } from '@gotrs/contracts';
import { InvalidDurationError } from './errors';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds per designator; a day is 24 hours of business time, never a calendar day. */
const DATE_UNITS: Record<string, number> = { W: 7 * DAY, D: DAY };
const TIME_UNITS: Record<string, number> = { H: HOUR, M: MINUTE, S: SECOND };
const DATE_ORDER = 'YMWD';
const TIME_ORDER = 'HMS';

interface Component {
  amount: number;
  designator: string;
  fractional: boolean;
}

function fail(text: string, reason: string): never {
  throw new InvalidDurationError(text, reason);
}

/** Splits `1DT2H` style text into number+designator pairs, checking order and duplicates. */
function components(text: string, part: string, order: string): Component[] {
  const found: Component[] = [];
  const pattern = /(\d+(?:[.,]\d+)?)([A-Z])/y;
  let last = -1;
  while (pattern.lastIndex < part.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(part);
    if (!match) fail(text, `unexpected "${part.slice(start)}" (expected a number followed by a unit letter)`);
    const designator = match[2]!;
    const rank = order.indexOf(designator);
    if (rank < 0) fail(text, `unknown unit "${designator}" here (allowed: ${order.split('').join(', ')})`);
    if (rank <= last) fail(text, `unit "${designator}" is repeated or out of order`);
    last = rank;
    const digits = match[1]!.replace(',', '.');
    found.push({ amount: Number(digits), designator, fractional: digits.includes('.') });
  }
  return found;
}

/**
 * Parses an ISO 8601 duration of an SLA target into milliseconds: `PT4H`, `PT30M`, `PT90S`, `P1D`
 * (24 hours of business time), `P1DT2H30M`, `PT0.5S`, `P2W`. Only the last component may have a
 * fraction; the result is rounded to the millisecond. Throws `InvalidDurationError` for years and
 * months (no fixed length), weeks combined with other units, negative, zero and malformed durations,
 * and for durations longer than the product's bound `MAX_DURATION_ISO` (P366D).
 */
export function parseIsoDuration(text: string): number {
  if (typeof text !== 'string') fail(String(text), 'not a string');
  if (text.startsWith('-') || text.startsWith('+')) fail(text, 'a signed duration is not allowed');
  if (!text.startsWith('P')) fail(text, 'must start with "P" (for example PT4H or P1D)');
  const timeAt = text.indexOf('T');
  const datePart = text.slice(1, timeAt < 0 ? undefined : timeAt);
  const timePart = timeAt < 0 ? undefined : text.slice(timeAt + 1);
  const date = components(text, datePart, DATE_ORDER);
  const time = timePart === undefined ? [] : components(text, timePart, TIME_ORDER);
  if (timePart !== undefined && time.length === 0) fail(text, '"T" must be followed by hours, minutes or seconds');
  const all = [...date, ...time];
  if (all.length === 0) fail(text, 'has no components');
  if (date.some((c) => c.designator === 'Y' || c.designator === 'M')) {
    fail(text, 'years and months have no fixed length; use days or weeks (for example P30D)');
  }
  if (date.some((c) => c.designator === 'W') && all.length > 1) {
    fail(text, 'weeks cannot be combined with other units (write P9D instead of P1W2D)');
  }
  if (all.slice(0, -1).some((c) => c.fractional)) fail(text, 'only the last component may have a fraction');
  const ms = Math.round(all.reduce((sum, c) => sum + c.amount * (DATE_UNITS[c.designator] ?? TIME_UNITS[c.designator]!), 0));
  if (ms === 0) fail(text, 'a zero-length duration is not a target');
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS) fail(text, `too long (the longest duration taken is ${MAX_DURATION_ISO})`);
  return ms;
}

/**
 * Formats milliseconds as an ISO 8601 duration for display, with days of 24 hours and no weeks:
 * `PT4H`, `P1DT2H`, `PT0.5S`, `PT0S` for zero. Rounds to the millisecond; throws a RangeError for
 * negative or non-finite input.
 */
export function formatIsoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format ${ms} ms as a duration`);
  let rest = Math.round(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = rest / SECOND;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
