import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The caller's address: the socket's peer, or with `trustedProxyHops` reverse proxies in front of
 * the router, the `X-Forwarded-For` entry the outermost trusted proxy appended. Entries further
 * left are whatever the caller wrote, so they are never believed.
 */
export function clientAddress(req: IncomingMessage, trustedProxyHops: number): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (trustedProxyHops === 0) return peer;
  const forwarded = (req.headers['x-forwarded-for'] ?? '').toString().split(',').map((entry) => entry.trim()).filter(Boolean);
  // Nearest first: the peer (the last proxy), then what each trusted proxy saw.
  const chain = [peer, ...forwarded.reverse()];
  const candidate = chain[Math.min(trustedProxyHops, chain.length - 1)] ?? null;
  return candidate && (isIPv4(candidate) || isIPv6(candidate)) ? candidate : peer;
}

/**
 * The key an address is rate-limited under: an IPv4 address as is, an IPv6 address by its /64
 * (one host usually holds a whole /64, so limiting single addresses would not hold it back).
 */
export function addressKey(address: string | null): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}
