import { blockedAddressRange } from '../src/address-policy';

describe('blockedAddressRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['::1', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], ['fe80::1', 'linkLocal'], ['fd00:ec2::254', 'uniqueLocal'], ['fc00::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['100.64.0.1', 'carrierGradeNat'], ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'], ['64:ff9b::a00:1', 'rfc6052'], ['224.0.0.1', 'multicast'], ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedAddressRange(address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(blockedAddressRange(address)).toBeUndefined();
  });

  it('refuses what is not an address', () => {
    expect(blockedAddressRange('example.com')).toBe('not an IP address');
  });
});
