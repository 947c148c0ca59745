import { readFileSync } from 'node:fs';
import { isJsonObject } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import { UsageError } from './cli-error.js';

/** Read a file named on the command line; a missing file is a usage error (exit 2). */
export function readInputFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A JSON object given inline or as `@file` (`--variables`, `--config`); undefined when not given. */
export function parseJsonObjectArg(raw: string | undefined, flag: string): JsonObject | undefined {
  if (raw === undefined) return undefined;
  const text = raw.startsWith('@') ? readInputFile(raw.slice(1), `${flag} file`) : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(value)) throw new UsageError(`${flag} must be a JSON object, like {"amount": 42}`);
  return value;
}
