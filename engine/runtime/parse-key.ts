import { WeftError } from '../../core/index.js';

/**
 * Parse a record key given as a string of digits (as on every API) or a number.
 * @throws WeftError KEY_INVALID
 */
export function parseKey(value: string | number, what: string): number {
  const key = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(key) || key <= 0) throw new WeftError('KEY_INVALID', `${what} must be a positive integer key, got '${String(value)}'`);
  return key;
}
