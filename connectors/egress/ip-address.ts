import { isIP } from 'node:net';

/**
 * An IP address as raw bytes: 4 for IPv4, 16 for IPv6. Every notation a resolver, a URL
 * parser or `inet_aton` accepts is reduced to this one form before any policy looks at it,
 * so `2130706433`, `0x7f.1`, `017700000001` and `127.1` are all the same loopback address.
 */
export type IpBytes = Uint8Array;

/**
 * Parse an IPv4 literal in any notation `inet_aton` accepts: one to four parts, each
 * decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes.
 * Returns undefined when the text is not such a literal (e.g. a DNS name).
 */
export function parseIpv4Loose(text: string): IpBytes | undefined {
  const parts = text.split('.');
  // A trailing dot is allowed by resolvers ("127.0.0.1."), not an empty middle part.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Part(part);
    if (value === undefined) return undefined;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return undefined;
  const bytes = new Uint8Array(4);
  values.forEach((v, i) => (bytes[i] = v));
  for (let i = 0; i < lastBytes; i++) bytes[3 - i] = Math.floor(last / 2 ** (8 * i)) % 256;
  return bytes;
}

function parseIpv4Part(part: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

/** Parse an IPv6 literal (optionally in brackets, with a zone id, with an IPv4 tail). */
export function parseIpv6(text: string): IpBytes | undefined {
  let value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (isIP(value) !== 6) return undefined;
  const lastColon = value.lastIndexOf(':');
  const last = value.slice(lastColon + 1);
  if (last.includes('.')) {
    // Rewrite an embedded dotted IPv4 tail ("::ffff:127.0.0.1") as two hex groups.
    const v4 = parseStrictIpv4(last);
    if (!v4) return undefined;
    const hi = ((v4[0] << 8) | v4[1]).toString(16);
    const lo = ((v4[2] << 8) | v4[3]).toString(16);
    value = `${value.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const doubleColon = value.indexOf('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  let words: number[];
  if (doubleColon < 0) {
    words = groups(value);
  } else {
    const left = groups(value.slice(0, doubleColon));
    const right = groups(value.slice(doubleColon + 2));
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    words = [...left, ...new Array<number>(missing).fill(0), ...right];
  }
  if (words.length !== 8 || words.some((w) => !(w >= 0 && w <= 0xffff))) return undefined;
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

function parseStrictIpv4(text: string): IpBytes | undefined {
  if (isIP(text) !== 4) return undefined;
  return Uint8Array.from(text.split('.').map(Number));
}

/**
 * Parse a host that may be an IP literal in any notation: bracketed or bare IPv6, or an
 * IPv4 in `inet_aton` form. Returns undefined for a DNS name.
 */
export function parseIpLiteral(host: string): IpBytes | undefined {
  if (host.includes(':')) return parseIpv6(host);
  return parseIpv4Loose(host);
}

/** Canonical text of an address: dotted quad, or RFC 5952 IPv6 in brackets-free form. */
export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(':');
  const left = hex.slice(0, best.start).join(':');
  const right = hex.slice(best.start + best.length).join(':');
  return `${left}::${right}`;
}
