import type { IncidentRecord, JobRecord } from '../../models/index.js';
import type { Harness } from './engine-harness.js';

/**
 * Read-side helpers for scenario tests: what an instance looks like in the store.
 * Keys come back from the harness as strings; these take either.
 */

/** The instance's lifecycle state ('active', 'completed', 'terminated'). */
export async function stateOf(h: Harness, key: string | number): Promise<string | undefined> {
  return (await h.store.getInstance(Number(key)))?.state;
}

/** Root-scope variables, parsed. */
export async function rootVariables(h: Harness, key: string | number): Promise<Record<string, unknown>> {
  const vars = await h.store.instanceVariables(Number(key));
  return Object.fromEntries(vars.filter((v) => v.scopeKey === Number(key)).map((v) => [v.name, JSON.parse(v.value) as unknown]));
}

/** Variables of every scope, as `{ scopeKey, name, value }` with parsed values. */
export async function scopedVariables(h: Harness, key: string | number): Promise<{ scopeKey: number; name: string; value: unknown }[]> {
  const vars = await h.store.instanceVariables(Number(key));
  return vars.map((v) => ({ scopeKey: v.scopeKey, name: v.name, value: JSON.parse(v.value) as unknown }));
}

/** Active incidents of an instance. */
export async function activeIncidents(h: Harness, key: string | number): Promise<IncidentRecord[]> {
  return h.store.listIncidents({ instanceKey: Number(key), state: 'active', limit: 100 });
}

/** Live jobs of an instance (finished jobs are removed). */
export async function jobsOf(h: Harness, key: string | number): Promise<JobRecord[]> {
  return (await h.store.listJobs({ limit: 1000 })).filter((j) => j.instanceKey === Number(key));
}

/** History entry types in order. */
export async function historyTypes(h: Harness, key: string | number): Promise<string[]> {
  return (await h.store.history(Number(key))).map((e) => e.type);
}

/** Element ids with a history entry of `type` (e.g. which elements completed), in order. */
export async function elementsWith(h: Harness, key: string | number, type: string): Promise<string[]> {
  return (await h.store.history(Number(key))).filter((e) => e.type === type).map((e) => e.elementId ?? '');
}

/**
 * Let in-process handlers, group commits and the write-ahead-log flush run until
 * `done()` holds. Yields to the event loop between checks (so I/O callbacks run) and
 * never sleeps on a timer; gives up after `limitMs` of wall-clock time.
 */
export async function until(h: Harness, done: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > giveUpAt) throw new Error(`condition not reached within ${limitMs} ms`);
    await h.settle();
  }
}

/** The details of every history entry of `type`, in order (stored as JSON text or as an object). */
export async function historyData(h: Harness, key: string | number, type: string): Promise<{ elementId: string | null; data: Record<string, unknown> }[]> {
  const entries = (await h.store.history(Number(key))).filter((e) => e.type === type);
  return entries.map((e) => {
    const raw = e.data as unknown;
    const data = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : ((raw ?? {}) as Record<string, unknown>);
    return { elementId: e.elementId, data };
  });
}

/**
 * Wait out a job's retry backoff of `backoffMs` on the harness's manual clock: 1 ms before
 * it ends `beforeEnd` runs (the job must not have run again yet), then the instance must
 * complete once it has ended.
 */
export async function waitOutBackoff(h: Harness, key: string | number, backoffMs: number, beforeEnd: () => void | Promise<void>): Promise<void> {
  h.clock.advance(backoffMs - 1);
  await h.engine.runDue();
  await h.settle();
  await beforeEnd();
  h.clock.advance(1);
  await h.engine.runDue();
  await until(h, async () => (await stateOf(h, key)) === 'completed');
}
