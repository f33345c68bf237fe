/** Longest text a rejection records of what was asked for. */
const MAX_RECORDED_CHARS = 1000;

/**
 * What a refused change asked for, as the ticket's history records it: text as it is, anything else
 * as JSON, cut short; a payload nested too deep for JSON.stringify is named instead of crashing the run.
 */
export function describeRequested(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  try {
    // JSON.stringify answers undefined for functions and symbols: String() names those.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = '[payload that cannot be printed]';
  }
  return text.length > MAX_RECORDED_CHARS ? `${text.slice(0, MAX_RECORDED_CHARS)}…` : text;
}
