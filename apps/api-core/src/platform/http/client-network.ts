import { isIPv6 } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
/** The prefix one IPv6 subscriber, or one host, is handed at the very least. */
const IPV6_SUBSCRIBER_GROUPS = 4;

/**
 * What a limit per client address counts: an IPv4 address as it is (`::ffff:`-mapped or not), an IPv6 address as its
 * /64 (`2001:db8:1:2::/64`), since whoever holds one address of a /64 can send from all 2^64 of them.
 */
export function clientNetwork(address: string): string {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIpv6(address).slice(0, IPV6_SUBSCRIBER_GROUPS).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` expanded, leading zeros dropped (`2001:db8:0:0:0:0:0:1`). */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => group.replace(/^0+(?=.)/, ''));
}
