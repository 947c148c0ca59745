import type { JobHandler, JobHandlerRegistration } from './job-handler.js';

/** A registered handler, and how long a lease of one of its jobs lasts. */
export interface FoundHandler {
  readonly handler: JobHandler;
  /** The lease length for a job with these task headers. */
  leaseMs(headers: Readonly<Record<string, string>>): number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

/**
 * The in-process job handlers, by type. Exact types win over predicates; the first
 * matching predicate wins among predicates. A type with no handler just waits for an
 * external worker (or the API).
 */
export class JobHandlerRegistry {
  readonly #exact = new Map<string, JobHandlerRegistration>();
  readonly #predicates: JobHandlerRegistration[] = [];
  readonly #memo = new Map<string, FoundHandler | null>();

  register(registration: JobHandlerRegistration): void {
    if (typeof registration.type === 'string') this.#exact.set(registration.type, registration);
    else this.#predicates.push(registration);
    this.#memo.clear();
  }

  find(type: string): FoundHandler | undefined {
    let found = this.#memo.get(type);
    if (found === undefined) {
      const registration = this.#exact.get(type) ?? this.#predicates.find((r) => (r.type as (t: string) => boolean)(type));
      found = registration ? toFound(registration) : null;
      this.#memo.set(type, found);
    }
    return found ?? undefined;
  }

  get isEmpty(): boolean {
    return this.#exact.size === 0 && this.#predicates.length === 0;
  }
}

function toFound(registration: JobHandlerRegistration): FoundHandler {
  const fallback = registration.timeoutMs ?? DEFAULT_LEASE_MS;
  const fromHeaders = registration.leaseFromHeaders;
  return {
    handler: registration.handler,
    leaseMs: fromHeaders ? (headers) => fromHeaders(headers) ?? fallback : () => fallback,
  };
}
