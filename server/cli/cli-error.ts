import { WeftError } from '../../core/index.js';

/** Exit codes of the `weft` CLI (a contract: scripts depend on them). */
export const EXIT = { ok: 0, notCompleted: 1, usage: 2 } as const;

/** A problem with the command line or an input file: printed without a stack trace, exit 2. */
export class UsageError extends WeftError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CLI_USAGE', message, { details });
  }
}
