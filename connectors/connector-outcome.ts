import type { JsonObject, JsonValue } from '../core/index.js';
import { isWeftError } from '../core/index.js';
import type { ConnectorOutcome, ExchangeRecord } from './connector-job.js';
import type { Masker } from './secrets/masker.js';

/** A success, masked: nothing a secret touched leaves unmasked. */
export function successOutcome(response: JsonValue, masker: Masker, exchanges: readonly ExchangeRecord[]): ConnectorOutcome {
  return { kind: 'success', response: masker.maskDeep(response), exchanges };
}

/** A connector error with an explicit code (an HTTP status, a seed-003 error code…), masked. */
export function errorOutcome(
  error: { code: string; message: string; variables?: JsonObject },
  retryable: boolean,
  masker: Masker,
  exchanges: readonly ExchangeRecord[],
): ConnectorOutcome {
  return {
    kind: 'error',
    error: {
      code: masker.mask(error.code),
      message: masker.mask(error.message),
      ...(error.variables ? { variables: masker.maskDeep(error.variables) as JsonObject } : {}),
    },
    retryable,
    exchanges,
  };
}

/**
 * Any thrown failure as an outcome. WeftErrors keep their code and retryable flag; anything
 * else is a bug, reported without its message (which could hold anything).
 */
export function failureOutcome(error: unknown, masker: Masker, exchanges: readonly ExchangeRecord[]): ConnectorOutcome {
  if (isWeftError(error)) return errorOutcome({ code: error.code, message: error.message }, error.retryable, masker, exchanges);
  return errorOutcome(
    { code: 'CONNECTOR_INTERNAL_ERROR', message: `the connector failed unexpectedly (${(error as Error)?.name ?? 'error'})` },
    true,
    masker,
    exchanges,
  );
}

/** Completed without a call: the connector is switched off or the workspace is not in. */
export function skippedOutcome(reason: string): ConnectorOutcome {
  return { kind: 'skipped', reason };
}
