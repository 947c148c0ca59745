import { WeftError } from '../../core/index.js';
import type { Engine, InstanceOutcome } from '../../engine/index.js';

/** Used when a request asks to await completion without a `requestTimeout` (or with 0). */
export const DEFAULT_AWAIT_TIMEOUT_MS = 15_000;

/** Longer timeouts are shortened to this: an HTTP request is no place to wait for hours. */
export const MAX_AWAIT_TIMEOUT_MS = 300_000;

/**
 * Wait until a process instance completes, as Camunda's `awaitCompletion` does. Unlike
 * `engine.awaitSettled`, an instance that waits for outside input (an external job
 * worker, a message, an operator resolving an incident) is waited for too, until the
 * timeout: that input may well arrive while the request is open.
 * `stop` (the server shutting down) ends the wait early, like a timeout.
 * @throws WeftError CAMUNDA_AWAIT_TIMEOUT (504) when the time runs out or the server
 *   stops — the instance keeps running; CAMUNDA_INSTANCE_TERMINATED (409) when it was
 *   cancelled or ended by a terminate end event instead of completing
 */
export async function awaitCompletion(engine: Engine, processInstanceKey: string, timeoutMs: number, stop?: AbortSignal): Promise<InstanceOutcome> {
  const key = Number(processInstanceKey);
  let finish: (state: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (finish = resolve));
  // Listen before looking, so an end committed in between is not missed.
  const off = engine.events.onCommitted((event) => {
    if (event.instanceKey === key && (event.instanceState === 'completed' || event.instanceState === 'terminated')) finish(event.instanceState);
  });
  let timer: NodeJS.Timeout | undefined;
  const onStop = () => finish('stopped');
  stop?.addEventListener('abort', onStop);
  try {
    const current = await engine.store.getInstance(key);
    if (current && current.state !== 'active') finish(current.state);
    if (stop?.aborted) finish('stopped');
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const state = await Promise.race([ended, timedOut]);
    if (state === 'timeout' || state === 'stopped') {
      const why = state === 'timeout' ? `did not complete within ${timeoutMs} ms` : 'was still running when the server began to shut down';
      throw new WeftError('CAMUNDA_AWAIT_TIMEOUT', `process instance ${processInstanceKey} ${why}; it keeps running`, {
        details: { processInstanceKey, timeoutMs },
      });
    }
    if (state === 'terminated') {
      throw new WeftError('CAMUNDA_INSTANCE_TERMINATED', `process instance ${processInstanceKey} was terminated before it completed`, {
        details: { processInstanceKey },
      });
    }
    const outcome = await engine.outcome(processInstanceKey);
    if (!outcome) throw new WeftError('PROCESS_INSTANCE_NOT_FOUND', `process instance ${processInstanceKey} does not exist`);
    return outcome;
  } finally {
    off();
    stop?.removeEventListener('abort', onStop);
    if (timer) clearTimeout(timer);
  }
}

/** The timeout a request asked for: absent or 0 → the default; capped at the maximum. */
export function awaitTimeoutOf(requestTimeout: number | undefined): number {
  if (requestTimeout === undefined || requestTimeout <= 0) return DEFAULT_AWAIT_TIMEOUT_MS;
  return Math.min(requestTimeout, MAX_AWAIT_TIMEOUT_MS);
}
