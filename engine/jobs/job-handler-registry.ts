import type { JobHandler, JobHandlerRegistration } from './job-handler.js';

/**
 * The in-process job handlers, by type. Exact types win over predicates; the first
 * matching predicate wins among predicates. A type with no handler just waits for an
 * external worker (or the API).
 */
export class JobHandlerRegistry {
  readonly #exact = new Map<string, JobHandlerRegistration>();
  readonly #predicates: JobHandlerRegistration[] = [];
  readonly #memo = new Map<string, JobHandlerRegistration | null>();

  register(registration: JobHandlerRegistration): void {
    if (typeof registration.type === 'string') this.#exact.set(registration.type, registration);
    else this.#predicates.push(registration);
    this.#memo.clear();
  }

  find(type: string): { handler: JobHandler; timeoutMs: number } | undefined {
    let found = this.#memo.get(type);
    if (found === undefined) {
      found = this.#exact.get(type) ?? this.#predicates.find((r) => (r.type as (t: string) => boolean)(type)) ?? null;
      this.#memo.set(type, found);
    }
    return found ? { handler: found.handler, timeoutMs: found.timeoutMs ?? 5 * 60_000 } : undefined;
  }

  get isEmpty(): boolean {
    return this.#exact.size === 0 && this.#predicates.length === 0;
  }
}
