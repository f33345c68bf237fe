import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { blockedAddressRange } from './address-policy';
import { TargetRefusedError } from './errors';
import { hostOf, targetUrlProblem } from './target-url';

/** A target URL with the one address that was checked and will be connected to (no second lookup). */
export interface ResolvedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export interface ResolveOptions {
  /** `webhooks.allow_private_targets`: loopback, private and link-local addresses are allowed too. */
  allowPrivate: boolean;
  /** How long the lookup may take. */
  timeoutMs: number;
  /** For tests: another resolver, shaped like `dns.lookup` with `all: true`. */
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

function systemLookup(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

function within<T>(ms: number, work: Promise<T>, host: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TargetRefusedError('unresolvable', `the host ${host} did not resolve within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Checks `value` as a target URL, resolves its host and checks every address it resolves to: one
 * loopback, private, link-local or metadata address among them refuses the target unless
 * `allowPrivate` (so that a name cannot pass with one public address and be connected to on another).
 * Answers the first address, which the delivery connects to. Rejects with {@link TargetRefusedError}.
 */
export async function resolveTarget(value: string, options: ResolveOptions): Promise<ResolvedTarget> {
  const problem = targetUrlProblem(value);
  if (problem) throw new TargetRefusedError('invalid_url', `the URL ${problem}`);
  const url = new URL(value);
  const host = hostOf(url);
  let addresses: LookupAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await within(options.timeoutMs, (options.lookup ?? systemLookup)(host), host);
    } catch (error) {
      if (error instanceof TargetRefusedError) throw error;
      throw new TargetRefusedError('unresolvable', `the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (addresses.length === 0) throw new TargetRefusedError('unresolvable', `the host ${host} resolves to no address`);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const range = blockedAddressRange(address);
      if (range) {
        throw new TargetRefusedError('private_address', `the host ${host} resolves to ${address} (${range}), which webhooks may not call (webhooks.allow_private_targets is false)`);
      }
    }
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
