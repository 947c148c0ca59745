import type { JsonValue } from '../../core/index.js';
import { WeftError } from '../../core/index.js';
import type { Masker } from './masker.js';
import { findSecretNames, replaceSecretPlaceholders } from './secret-placeholders.js';

/** Somewhere secrets come from, asked one name at a time. */
export interface SecretSource {
  get(name: string): Promise<string | undefined>;
}

/** The environment prefix: ONLY variables named `WEFT_SECRET_<NAME>` are ever read as secrets. */
export const ENV_SECRET_PREFIX = 'WEFT_SECRET_';

/** Secrets from the process environment, restricted to `WEFT_SECRET_*`. */
export function envSecretSource(env: Readonly<Record<string, string | undefined>>): SecretSource {
  return { get: async (name) => env[ENV_SECRET_PREFIX + name] };
}

/**
 * Resolve every secret placeholder in `value`, asking the sources in order (the first that
 * knows a name wins). Each resolved value is registered with the masker BEFORE it is put
 * into the request, so nothing built from it can escape unmasked. A missing secret is an
 * input error (not retryable): SECRET_NOT_AVAILABLE.
 */
export async function resolveSecrets(
  value: JsonValue,
  sources: readonly SecretSource[],
  masker: Masker,
): Promise<JsonValue> {
  const names = findSecretNames(value);
  if (names.size === 0) return value;
  const resolved = new Map<string, string>();
  for (const name of names) {
    let secret: string | undefined;
    for (const source of sources) {
      secret = await source.get(name);
      if (secret !== undefined) break;
    }
    if (secret === undefined) {
      throw new WeftError('SECRET_NOT_AVAILABLE', `secret ${name} is not available`, { details: { secret: name } });
    }
    masker.add(secret);
    resolved.set(name, secret);
  }
  return replaceSecretPlaceholders(value, (name) => resolved.get(name) as string);
}
