import { WeftError } from '../../core/index.js';
import type { EngineStore } from '../../models/index.js';
import type { EngineEvents } from '../engine-events.js';
import { canProgressAlone, instanceOutcome } from './instance-outcome.js';
import type { InstanceOutcome } from './instance-outcome.js';

/** What waiting needs to know about the engine. */
export interface SettleProbe {
  readonly store: EngineStore;
  readonly events: EngineEvents;
  /** Commands queued or running, or jobs in the in-process pool. */
  busy(): boolean;
  hasHandler(type: string): boolean;
}

/**
 * Wait until the instance ends, or nothing more can happen to it without outside input
 * (incident, a job no in-process handler takes, a message), or `timeoutMs` passes.
 * Wakes on every commit of the instance; polls briefly while the engine is busy.
 */
export async function awaitSettled(probe: SettleProbe, key: number, timeoutMs: number): Promise<InstanceOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aggregate = await probe.store.loadInstance(key);
    if (!aggregate) throw new WeftError('PROCESS_INSTANCE_NOT_FOUND', `process instance ${key} does not exist`);
    // An ended instance is settled, whatever the engine is busy with for other instances.
    if (aggregate.instance.state !== 'active') break;
    const busy = probe.busy();
    if (!busy && !canProgressAlone(aggregate, (type) => probe.hasHandler(type))) break;
    const left = deadline - Date.now();
    if (left <= 0) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(left, busy ? 5 : 250));
      const off = probe.events.onCommitted((event) => event.instanceKey === key && done());
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  }
  return (await instanceOutcome(probe.store, key))!;
}
