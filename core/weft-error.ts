/**
 * The one error base of the project. Every error that crosses a layer boundary is a
 * `WeftError` with a stable `code` (listed in docs/errors.md), so callers branch on
 * codes, never on message text.
 */
export interface WeftErrorOptions {
  /** Whether trying the same thing again later may succeed. */
  readonly retryable?: boolean;
  /** Structured, secret-free facts about the failure (element id, field, line…). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class WeftError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeftError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  /** The shape seed 003 gives errors on the wire: `{code, description}`. */
  toJSON(): { code: string; description: string; details?: Readonly<Record<string, unknown>> } {
    return Object.keys(this.details).length > 0
      ? { code: this.code, description: this.message, details: this.details }
      : { code: this.code, description: this.message };
  }
}

/** Narrowing helper that survives errors crossing realms (worker threads, isolates). */
export function isWeftError(value: unknown): value is WeftError {
  return value instanceof WeftError;
}
