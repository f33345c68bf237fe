import type { LookupAddress } from 'node:dns';
import { resolveTarget } from '../src/resolve-target';
import { type TargetRefusedError } from '../src/errors';

const answers = (...addresses: string[]) => async (): Promise<LookupAddress[]> => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const refusal = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: TargetRefusedError) => [error.name, error.problem]);

describe('resolveTarget', () => {
  it('answers the first address of a host whose addresses are all public', async () => {
    const target = await resolveTarget('https://hooks.example.com/x', { allowPrivate: false, timeoutMs: 1000, lookup: answers('93.184.216.34', '2606:2800:220:1::1') });
    expect([target.address, target.family, target.url.hostname]).toEqual(['93.184.216.34', 4, 'hooks.example.com']);
  });

  it('refuses a host with one private address among public ones', async () => {
    await expect(refusal(resolveTarget('https://mixed.example.com/', { allowPrivate: false, timeoutMs: 1000, lookup: answers('93.184.216.34', '10.0.0.5') })))
      .resolves.toEqual(['TargetRefusedError', 'private_address']);
  });

  it.each(['http://127.0.0.1:8080/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://[fd00:ec2::254]/', 'http://0.0.0.0/', 'http://100.64.1.1/'])(
    'refuses the IP literal of %s without looking it up',
    async (url) => {
      await expect(refusal(resolveTarget(url, { allowPrivate: false, timeoutMs: 1000, lookup: () => Promise.reject(new Error('looked up')) })))
        .resolves.toEqual(['TargetRefusedError', 'private_address']);
    },
  );

  it('allows loopback with allowPrivate', async () => {
    const target = await resolveTarget('http://127.0.0.1:9/hook', { allowPrivate: true, timeoutMs: 1000 });
    expect(target.address).toBe('127.0.0.1');
  });

  it('refuses a host that does not resolve, and one that takes too long', async () => {
    const missing = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    await expect(refusal(resolveTarget('https://nowhere.invalid/', { allowPrivate: true, timeoutMs: 1000, lookup: () => Promise.reject(missing) })))
      .resolves.toEqual(['TargetRefusedError', 'unresolvable']);
    await expect(refusal(resolveTarget('https://slow.example.com/', { allowPrivate: true, timeoutMs: 50, lookup: () => new Promise(() => undefined) })))
      .resolves.toEqual(['TargetRefusedError', 'unresolvable']);
  });

  it.each([
    ['ftp://example.com/', 'http:// or https://'], ['https://user:pw@example.com/', 'credentials'], ['https://example.com/\u0000', 'control'],
    ['https://example.com/a b', 'white space'], ['/relative', 'absolute'], ['https://example.com/#frag', 'fragment'], [`https://example.com/${'a'.repeat(2050)}`, 'at most'],
  ])('refuses the URL %s', async (url, words) => {
    const error = await resolveTarget(url, { allowPrivate: true, timeoutMs: 1000 }).catch((e: TargetRefusedError) => e);
    expect([(error as TargetRefusedError).problem, (error as Error).message]).toEqual(['invalid_url', expect.stringContaining(words)]);
  });
});
