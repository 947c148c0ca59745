import { createHash } from 'node:crypto';
import type { Clock } from '../../core/index.js';

/** A token and the moment it stops being used (already minus a safety margin). */
export interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Margin before the announced expiry, so a token never expires in flight. */
export const EXPIRY_MARGIN_MS = 30_000;
/** Lifetime assumed when the token endpoint announces none. */
export const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;

/** When a token obtained now with `expires_in` seconds should be dropped. */
export function expiryFrom(now: number, expiresInSeconds: number | undefined): number {
  const lifetime = expiresInSeconds === undefined ? DEFAULT_TOKEN_LIFETIME_MS : expiresInSeconds * 1000;
  return now + Math.max(0, lifetime - EXPIRY_MARGIN_MS);
}

/** A cache key that holds no secret in clear: a SHA-256 over every part that identifies the grant. */
export function tokenCacheKey(parts: readonly (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Access tokens of one runtime, by grant. Concurrent misses for the same grant share ONE
 * token request (a rotated refresh token used twice would be refused the second time).
 */
export class TokenCache {
  readonly #clock: Clock;
  readonly #tokens = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<CachedToken>>();
  readonly #locks = new Map<string, Promise<void>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The cached token, or the result of `fetch` (shared with concurrent callers). */
  async get(key: string, fetch: () => Promise<CachedToken>): Promise<string> {
    const cached = this.#tokens.get(key);
    if (cached && cached.expiresAt > this.#clock.now()) return cached.token;
    return (await this.#singleFlight(key, fetch)).token;
  }

  /** Run `work` unless the same key is already being worked on; then share its result. */
  async #singleFlight(key: string, work: () => Promise<CachedToken>): Promise<CachedToken> {
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = work().then((token) => {
        this.#tokens.set(key, token);
        return token;
      });
      this.#inFlight.set(key, pending);
      pending.then(
        () => this.#inFlight.delete(key),
        () => this.#inFlight.delete(key),
      );
    }
    return pending;
  }

  /** Drop a token the server refused (401), so the next `get` fetches a new one. */
  invalidate(key: string): void {
    this.#tokens.delete(key);
  }

  /** Run `work` exclusively per key (no caching): serializes refresh-token rotation. */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.then(() => undefined, () => undefined);
    this.#locks.set(key, tail);
    void tail.then(() => {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    });
    return next;
  }
}
