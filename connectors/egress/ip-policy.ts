import type { IpBytes } from './ip-address.js';
import { formatIp } from './ip-address.js';

/** Why an address may not be connected to; `undefined` means a public unicast address. */
export type BlockedRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared-address-space'
  | 'link-local'
  | 'cloud-metadata'
  | 'multicast'
  | 'reserved'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'ietf-protocol-assignment'
  | 'unique-local'
  | 'site-local'
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'discard-only'
  | 'not-global-unicast';

interface Ipv4Range {
  readonly base: readonly [number, number, number, number];
  readonly prefix: number;
  readonly why: BlockedRange;
}

// Most specific first: 169.254.169.254 is reported as metadata, not just link-local.
const ipv4Blocked: readonly Ipv4Range[] = [
  { base: [169, 254, 169, 254], prefix: 32, why: 'cloud-metadata' },
  { base: [255, 255, 255, 255], prefix: 32, why: 'broadcast' },
  { base: [0, 0, 0, 0], prefix: 8, why: 'unspecified' },
  { base: [10, 0, 0, 0], prefix: 8, why: 'private' },
  { base: [100, 64, 0, 0], prefix: 10, why: 'shared-address-space' },
  { base: [127, 0, 0, 0], prefix: 8, why: 'loopback' },
  { base: [169, 254, 0, 0], prefix: 16, why: 'link-local' },
  { base: [172, 16, 0, 0], prefix: 12, why: 'private' },
  { base: [192, 0, 0, 0], prefix: 24, why: 'ietf-protocol-assignment' },
  { base: [192, 0, 2, 0], prefix: 24, why: 'documentation' },
  { base: [192, 88, 99, 0], prefix: 24, why: 'reserved' },
  { base: [192, 168, 0, 0], prefix: 16, why: 'private' },
  { base: [198, 18, 0, 0], prefix: 15, why: 'benchmarking' },
  { base: [198, 51, 100, 0], prefix: 24, why: 'documentation' },
  { base: [203, 0, 113, 0], prefix: 24, why: 'documentation' },
  { base: [224, 0, 0, 0], prefix: 4, why: 'multicast' },
  { base: [240, 0, 0, 0], prefix: 4, why: 'reserved' },
];

function inPrefix(bytes: IpBytes, base: ArrayLike<number>, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

/** Classify an IPv4 address: the blocked range it lies in, or undefined when public. */
export function classifyIpv4(bytes: IpBytes): BlockedRange | undefined {
  return ipv4Blocked.find((r) => inPrefix(bytes, r.base, r.prefix))?.why;
}

const v6 = (...words: number[]): Uint8Array => {
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
};

/**
 * Classify an IPv6 address. Addresses that carry an IPv4 address inside (NAT64, 6to4)
 * are judged by the embedded address; mapped and compatible forms never appear in honest
 * DNS answers and are refused outright, whatever they embed.
 */
export function classifyIpv6(bytes: IpBytes): BlockedRange | undefined {
  if (bytes.every((b) => b === 0)) return 'unspecified';
  if (inPrefix(bytes, v6(0, 0, 0, 0, 0, 0, 0, 1), 128)) return 'loopback';
  if (inPrefix(bytes, v6(0, 0, 0, 0, 0, 0xffff), 96)) return 'ipv4-mapped';
  if (inPrefix(bytes, v6(), 96)) return 'ipv4-compatible';
  // NAT64 well-known prefix (RFC 6052) and local-use prefix (RFC 8215): the IPv4 is the tail.
  if (inPrefix(bytes, v6(0x64, 0xff9b), 96)) return classifyIpv4(bytes.slice(12));
  if (inPrefix(bytes, v6(0x64, 0xff9b, 1), 48)) return 'private';
  // 6to4 (RFC 3056): the IPv4 address is bytes 2..5.
  if (inPrefix(bytes, v6(0x2002), 16)) return classifyIpv4(bytes.slice(2, 6));
  if (inPrefix(bytes, v6(0x100), 64)) return 'discard-only';
  if (inPrefix(bytes, v6(0xfe80), 10)) return 'link-local';
  if (inPrefix(bytes, v6(0xfec0), 10)) return 'site-local';
  if (inPrefix(bytes, v6(0xfc00), 7)) return 'unique-local';
  if (inPrefix(bytes, v6(0xff00), 8)) return 'multicast';
  if (inPrefix(bytes, v6(0x2001, 0xdb8), 32)) return 'documentation';
  // Teredo, benchmarking, ORCHID and other protocol assignments live in 2001::/23.
  if (inPrefix(bytes, v6(0x2001), 23)) return 'ietf-protocol-assignment';
  if (!inPrefix(bytes, v6(0x2000), 3)) return 'not-global-unicast';
  return undefined;
}

/** Classify an address of either family. */
export function classifyIp(bytes: IpBytes): BlockedRange | undefined {
  return bytes.length === 4 ? classifyIpv4(bytes) : classifyIpv6(bytes);
}

/** A short, secret-free description for error messages: "127.0.0.1 (loopback)". */
export function describeBlocked(bytes: IpBytes, why: BlockedRange): string {
  return `${formatIp(bytes)} (${why})`;
}
