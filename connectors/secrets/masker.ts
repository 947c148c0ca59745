import type { JsonValue } from '../../core/index.js';
import { encodeComponentStrict, wellFormed } from '../egress/percent-encode.js';

/** What every masked value becomes. */
export const MASK = '***';

/**
 * Collects every secret and credential value resolved during ONE execution and masks them
 * — and their URL-, form- and JSON-escaped spellings — in anything that leaves the
 * runtime: results, error texts, exchange URLs. Longest values are replaced first so a
 * secret that contains another is masked whole.
 */
export class Masker {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /** Register a value (empty strings are ignored: they cannot leak). */
  add(value: string): void {
    if (value === '') return;
    const spellings = [
      value,
      encodeURIComponent(wellFormed(value)),
      encodeComponentStrict(value),
      encodeURIComponent(wellFormed(value)).replace(/%20/g, '+'),
      JSON.stringify(value).slice(1, -1),
    ];
    for (const spelling of spellings) {
      if (spelling !== '' && !this.#values.has(spelling)) {
        this.#values.add(spelling);
        this.#pattern = undefined;
      }
    }
  }

  /** Whether anything has been registered. */
  get empty(): boolean {
    return this.#values.size === 0;
  }

  /** Mask every registered value in a text. */
  mask(text: string): string {
    if (this.#values.size === 0) return text;
    this.#pattern ??= new RegExp(
      [...this.#values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
      'g',
    );
    return text.replace(this.#pattern, MASK);
  }

  /** Mask a JSON value deeply: strings, object keys, and numbers that spell a secret. */
  maskDeep(value: JsonValue): JsonValue {
    if (this.#values.size === 0) return value;
    if (typeof value === 'string') return this.mask(value);
    if (typeof value === 'number') return this.#values.has(String(value)) ? MASK : value;
    if (Array.isArray(value)) return value.map((item) => this.maskDeep(item));
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const [key, item] of Object.entries(value)) out[this.mask(key)] = this.maskDeep(item);
      return out;
    }
    return value;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
