import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HMAC_ALGORITHMS } from './webhook-config.js';
import type { HmacAlgorithm } from './webhook-config.js';

/**
 * Whether `provided` (the signature header's value) is the HMAC of `payload` — the raw
 * request bytes, exactly as received — under `secret`. Accepted spellings, as senders
 * write them: hex (`9f86d0…`, either case), hex or base64 after a tag (`sha256=9f86d0…`,
 * `v1=…`), and base64 (standard or URL-safe). Comparison is constant-time over the
 * decoded digest; every candidate is compared, so the time does not tell which matched.
 */
export function signatureMatches(algorithm: HmacAlgorithm, secret: string, payload: Buffer, provided: string | undefined): boolean {
  if (provided === undefined) return false;
  const expected = createHmac(HMAC_ALGORITHMS[algorithm], secret).update(payload).digest();
  let matched = false;
  for (const candidate of candidates(provided.trim())) {
    const decoded = decode(candidate, expected.length);
    if (decoded && timingSafeEqual(decoded, expected)) matched = true;
  }
  return matched;
}

/** The value itself, and what follows a `tag=` prefix. */
function candidates(value: string): string[] {
  const tagged = /^[A-Za-z0-9_.-]+=(.+)$/.exec(value);
  return tagged ? [value, tagged[1]!] : [value];
}

/** Hex or base64 of exactly `length` bytes; undefined for anything else. */
function decode(text: string, length: number): Buffer | undefined {
  if (text.length === length * 2 && /^[0-9a-fA-F]+$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === length ? bytes : undefined;
}

/**
 * Compare two texts in time independent of where they differ and of their lengths: both
 * are hashed first (equal digests ⇔ equal texts), then compared with timingSafeEqual.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}
