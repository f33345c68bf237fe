import ipaddr from 'ipaddr.js';

/**
 * Why a webhook may not be delivered to `address` (an IP address as a string), or undefined when it
 * may. Only global unicast addresses are allowed: not loopback, private (RFC 1918, fc00::/7),
 * link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), unspecified,
 * carrier-grade NAT (100.64/10), multicast, broadcast or reserved ranges, nor the IPv6 forms that
 * embed an IPv4 address (IPv4-mapped addresses are judged as that IPv4 address; NAT64, 6to4 and
 * Teredo are refused). The ranges come from ipaddr.js.
 */
export function blockedAddressRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? undefined : range;
}
