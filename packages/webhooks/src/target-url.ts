/** The longest target URL accepted. */
export const MAX_TARGET_URL_LENGTH = 2048;

// NUL, other control characters, white space and unpaired surrogates: never part of a URL we call.
const UNWANTED = /[\u0000-\u0020\u007F-\u009F\uD800-\uDFFF]/u;

/**
 * Why `value` cannot be a webhook target URL, or undefined when it can: an absolute http or https
 * URL with a host, at most {@link MAX_TARGET_URL_LENGTH} characters, without credentials (they would
 * be sent to whoever the host is and stored in the clear), a fragment, white space or control
 * characters. The address it resolves to is checked separately ({@link resolveTarget}).
 */
export function targetUrlProblem(value: string): string | undefined {
  if (value.length > MAX_TARGET_URL_LENGTH) return `must be at most ${MAX_TARGET_URL_LENGTH} characters`;
  if (UNWANTED.test(value)) return 'must not contain white space, control characters or unpaired surrogates';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials (user:password@)';
  if (url.hostname === '') return 'must name a host';
  if (value.includes('#')) return 'must not have a fragment';
  return undefined;
}

/** The host of a URL as DNS or an IP literal takes it (IPv6 without its brackets). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
