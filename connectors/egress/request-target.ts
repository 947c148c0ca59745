import { WeftError } from '../../core/index.js';

/**
 * Where a request goes, split once: the origin judged by the egress rules and the exact
 * path-and-query sent on the wire. The path is kept verbatim (only characters that may not
 * appear on the wire are percent-encoded) so that an encoded value such as `%2E%2E` is
 * never turned back into a dot segment by URL normalization.
 */
export interface RequestTarget {
  /** `https:` — anything else is refused before a target exists. */
  readonly protocol: 'https:';
  /** Host as WHATWG URL normalizes it: lower case, punycode, IPv4 in dotted form, IPv6 in brackets. */
  readonly hostname: string;
  readonly port: number;
  /** `https://host[:port]` */
  readonly origin: string;
  /** Path and query, starting with `/`; no fragment. */
  readonly path: string;
  /** origin + path: what the exchange record shows (after masking). */
  readonly url: string;
}

const urlShape = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
// RFC 3986 pchar plus "/" and "?"; "%" is handled separately so valid escapes survive.
const safePathChar = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
/** A path made of safe characters only (no "%" at all) goes on the wire as it is. */
const safePath = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;

/** Parse and judge the shape of an outgoing URL. Throws URL_INVALID or SCHEME_NOT_ALLOWED. */
export function parseRequestTarget(text: string): RequestTarget {
  const match = urlShape.exec(text.trim());
  if (!match) throw new WeftError('URL_INVALID', 'the URL is not an absolute URL (scheme://host/path)');
  const scheme = match[1].toLowerCase();
  if (scheme !== 'https') {
    throw new WeftError('SCHEME_NOT_ALLOWED', `only https URLs may be called, not ${scheme}`, { details: { scheme } });
  }
  const authority = match[2];
  // "https://allowed.com@evil.com" and "https://allowed.com\@evil.com": judge nothing, refuse.
  if (authority.includes('@') || authority.includes('\\')) {
    throw new WeftError('URL_INVALID', 'URLs with user information (user@host) are not allowed', {
      details: { reason: 'userinfo' },
    });
  }
  let parsed: URL;
  try {
    parsed = new URL(`https://${authority}/`);
  } catch {
    throw new WeftError('URL_INVALID', 'the URL has an invalid host');
  }
  if (parsed.hostname === '') throw new WeftError('URL_INVALID', 'the URL has no host');
  const port = parsed.port === '' ? 443 : Number(parsed.port);
  const origin = `https://${parsed.host}`;
  const path = encodePathAndQuery(match[3]);
  return { protocol: 'https:', hostname: parsed.hostname, port, origin, path, url: origin + path };
}

function encodePathAndQuery(rest: string): string {
  const hash = rest.indexOf('#');
  const withoutFragment = hash >= 0 ? rest.slice(0, hash) : rest;
  const rooted = withoutFragment.startsWith('/') ? withoutFragment : `/${withoutFragment}`;
  if (safePath.test(rooted)) return rooted;
  const chars = Array.from(rooted); // code points, so surrogate pairs stay together
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? ''))) out += ch;
    else if (safePathChar.test(ch)) out += ch;
    else out += percentEncode(ch);
  }
  return out;
}

function percentEncode(ch: string): string {
  // toWellFormed-like: a lone surrogate becomes U+FFFD instead of throwing.
  const bytes = Buffer.from(ch, 'utf8');
  return Array.from(bytes, (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Resolve a redirect `Location` against the current target (WHATWG rules are right here). */
export function resolveRedirect(location: string, from: RequestTarget): RequestTarget {
  let next: URL;
  try {
    next = new URL(location, from.url);
  } catch {
    throw new WeftError('URL_INVALID', 'the redirect location is not a valid URL');
  }
  if (next.username !== '' || next.password !== '') {
    throw new WeftError('URL_INVALID', 'redirects to URLs with user information are not allowed', {
      details: { reason: 'userinfo' },
    });
  }
  return parseRequestTarget(next.href);
}
