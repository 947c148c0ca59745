import { setMaxListeners } from 'node:events';
import { Agent } from 'undici';
import type { CancelToken, Clock } from '../../core/index.js';
import { WeftError, onCancelled } from '../../core/index.js';
import type { ExchangeRecord } from '../connector-job.js';
import { checkDomainPolicy } from './domain-rules.js';
import type { DomainPolicy } from './domain-rules.js';
import type { ResolvedEgressOptions } from './egress-config.js';
import { createGuardedConnector, systemLookup } from './guarded-connector.js';
import { parseIpLiteral } from './ip-address.js';
import { classifyIp, describeBlocked } from './ip-policy.js';
import { parseRequestTarget, resolveRedirect } from './request-target.js';
import type { RequestTarget } from './request-target.js';
import { ResponseCollector } from './response-collector.js';
import type { ResponseHead } from './response-collector.js';
import { toTransportError } from './transport-error.js';
import type { AbortReason } from './transport-error.js';

/**
 * The deadline of one execution, tied to the job's own signal, shared by all its calls.
 * No AbortController per execution: exchanges subscribe while they run.
 */
export interface CallScope {
  /** Why the scope ended, once it has. */
  abortReason(): AbortReason;
  /** Call `abort` when the scope ends (at once if it has ended); returns the unsubscribe. */
  onAbort(abort: (cause: unknown) => void): () => void;
  /** Move the deadline to `inMs` from now, if that is later than it is. */
  allowAtLeast(inMs: number): void;
  /** The execution is over: stop its deadline timer and forget the job signal. */
  close(): void;
}

/** One outbound call, before the egress rules have judged it. */
export interface EgressRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly followRedirects?: boolean;
  /** Default 20 000; 0 = no limit of its own. */
  readonly connectTimeoutMs?: number;
  /** Time allowed for headers and between body chunks. Default 20 000; 0 = no limit of its own. */
  readonly readTimeoutMs?: number;
  readonly policy: DomainPolicy;
  /** Headers that carry credentials besides authorization/cookie: dropped when a redirect leaves the host. */
  readonly credentialHeaders?: readonly string[];
  /** Masks secrets in the URL before it is recorded. */
  readonly mask: (text: string) => string;
  readonly onExchange: (record: ExchangeRecord) => void;
  readonly scope: CallScope;
}

/** A response with its body read and decoded. */
export interface EgressResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names, as undici reports them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const dropped = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer']);
const alwaysCredential = ['authorization', 'proxy-authorization', 'cookie'];
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const MAX_AGENTS = 16;

/**
 * The only way connectors reach the network. Every hop is judged (HTTPS, no user info,
 * allowlists, port, IP range), every connection is opened by the guarded connector, and
 * every exchange is recorded — masked — whether it worked or not.
 */
export class EgressClient {
  readonly #options: ResolvedEgressOptions;
  readonly #clock: Clock;
  // One keep-alive pool per connect-timeout value: undici fixes the connector per Agent.
  readonly #agents = new Map<number, Agent>();
  /** Aborted by `close()`: connects still opening give up (see GuardedConnectorOptions.closing). */
  readonly #closing = new AbortController();

  constructor(options: ResolvedEgressOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
    // Every connect still opening listens here (64 at once is normal): not a leak.
    setMaxListeners(0, this.#closing.signal);
  }

  /** Start a deadline for one execution, tied to the job's own cancellation; `close()` it when done. */
  scope(cancel?: CancelToken | AbortSignal): CallScope {
    return new ExecutionScope(this.#options.deadlineMs, cancel);
  }

  /** Send a request, following redirects only when asked (max `maxRedirects`, each re-judged). */
  async send(request: EgressRequest): Promise<EgressResponse> {
    let target: RequestTarget;
    try {
      target = parseRequestTarget(request.url);
    } catch (error) {
      // Refused before any connection: still an exchange, so history shows what was tried.
      const code = error instanceof WeftError ? error.code : 'URL_INVALID';
      request.onExchange({ method: request.method.toUpperCase(), url: request.mask(request.url.slice(0, 2000)), durationMs: 0, requestBytes: 0, responseBytes: 0, errorCode: code });
      throw error;
    }
    const firstOrigin = target.origin;
    let method = request.method.toUpperCase();
    let body = request.body;
    let headers = cleanHeaders(request.headers);
    for (let hop = 0; ; hop++) {
      const response = await this.#exchange(request, target, method, headers, body);
      const location = response.location;
      if (!request.followRedirects || !redirectStatuses.has(response.status) || location === undefined) {
        return response.read();
      }
      await response.discard();
      if (hop >= this.#options.maxRedirects) {
        throw new WeftError('TOO_MANY_REDIRECTS', `more than ${this.#options.maxRedirects} redirects`, { details: { max: this.#options.maxRedirects } });
      }
      target = resolveRedirect(location, target);
      if (target.origin !== firstOrigin) headers = withoutCredentials(headers, request.credentialHeaders ?? []);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type'));
      }
    }
  }

  async #exchange(request: EgressRequest, target: RequestTarget, method: string, headers: Record<string, string>, body: Buffer | undefined) {
    const started = this.#clock.now();
    const record = (fields: Partial<ExchangeRecord>): void =>
      request.onExchange({
        method,
        url: request.mask(target.url),
        durationMs: Math.max(0, this.#clock.now() - started),
        requestBytes: body?.length ?? 0,
        responseBytes: 0,
        ...fields,
      });
    const connectTimeoutMs = request.connectTimeoutMs ?? 20_000;
    const readTimeoutMs = request.readTimeoutMs ?? 20_000;
    // The total deadline guards against answers that never end; it never cuts short what
    // the request's own timeouts allow (a Camunda task with a 300 s read timeout, say).
    if (connectTimeoutMs > 0 && readTimeoutMs > 0) request.scope.allowAtLeast(connectTimeoutMs + readTimeoutMs);
    const collector = new ResponseCollector(this.#options.maxResponseBytes);
    let head: ResponseHead;
    const unsubscribe = request.scope.onAbort((cause) => collector.abort(cause));
    try {
      this.#judge(target, request.policy);
      this.#agent(connectTimeoutMs).dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: method as 'GET',
          headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
          body: body ?? null,
          headersTimeout: readTimeoutMs,
          bodyTimeout: readTimeoutMs,
        },
        collector,
      );
      head = await collector.head;
    } catch (error) {
      unsubscribe();
      const mapped = toTransportError(error, target.hostname, request.scope.abortReason());
      record({ errorCode: mapped.code });
      throw mapped;
    }
    const location = typeof head.headers.location === 'string' ? head.headers.location : undefined;
    return {
      status: head.status,
      location,
      discard: async (): Promise<void> => {
        await collector.discard();
        unsubscribe();
        record({ status: head.status });
      },
      read: async (): Promise<EgressResponse> => {
        try {
          const read = await collector.body;
          record({ status: head.status, responseBytes: read.wireBytes });
          // Once decoded, the body no longer has the wire's encoding or length.
          const headers = read.decoded ? withoutKeys(head.headers, ['content-encoding', 'content-length']) : head.headers;
          return { status: head.status, statusText: head.statusText, headers, body: read.bytes };
        } catch (error) {
          const mapped = toTransportError(error, target.hostname, request.scope.abortReason());
          record({ status: head.status, errorCode: mapped.code });
          throw mapped;
        } finally {
          unsubscribe();
        }
      },
    };
  }

  /** The checks that need no network: allowlists, port, and IP literals. */
  #judge(target: RequestTarget, policy: DomainPolicy): void {
    const exempt = this.#options.exemptions.has(`${target.hostname}:${target.port}`);
    const literal = parseIpLiteral(target.hostname.replace(/^\[|\]$/g, ''));
    if (literal && !exempt) {
      const why = classifyIp(literal);
      if (why !== undefined) {
        throw new WeftError('SSRF_BLOCKED', `${describeBlocked(literal, why)} may not be reached by connectors`, { details: { range: why } });
      }
    }
    checkDomainPolicy(target.hostname, target.port, policy, exempt);
  }

  #agent(requestedMs: number): Agent {
    // Whole seconds, at most 5 minutes: task inputs choose the value, so the pools stay few.
    const connectTimeoutMs = requestedMs <= 0 ? 0 : Math.min(Math.ceil(requestedMs / 1000), 300) * 1000;
    let agent = this.#agents.get(connectTimeoutMs);
    if (!agent) {
      if (this.#agents.size >= MAX_AGENTS) {
        const [oldestKey, oldest] = this.#agents.entries().next().value as [number, Agent];
        this.#agents.delete(oldestKey);
        void oldest.close().catch(() => undefined);
      }
      agent = new Agent({
        connect: createGuardedConnector({
          lookup: this.#options.lookup ?? systemLookup,
          exemptions: this.#options.exemptions,
          ...(this.#options.ca ? { ca: this.#options.ca } : {}),
          connectTimeoutMs,
          closing: this.#closing.signal,
        }),
        allowH2: false,
      });
      this.#agents.set(connectTimeoutMs, agent);
    }
    return agent;
  }

  /**
   * Close every pooled connection. Connections still opening are given up too (their
   * sockets and connect timers dropped): the engine has drained its jobs before, and a
   * connect left behind by a cancelled call (a host that never answers) would otherwise
   * hold the event loop, and so the shutdown, for its whole connect timeout. Calls after
   * this fail as cancelled.
   */
  async close(): Promise<void> {
    this.#closing.abort();
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((a) => a.destroy()));
  }
}

function cleanHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!dropped.has(lower)) out[lower] = value;
  }
  return out;
}

function withoutCredentials(headers: Record<string, string>, extra: readonly string[]): Record<string, string> {
  const strip = new Set([...alwaysCredential, ...extra.map((h) => h.toLowerCase())]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !strip.has(name)));
}

function withoutKeys<T>(record: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !keys.includes(name)));
}

/** See {@link CallScope}: one timer, cleared on close, and at most one listener on the job's cancellation. */
class ExecutionScope implements CallScope {
  #reason: AbortReason;
  #cause: unknown;
  readonly #listeners = new Set<(cause: unknown) => void>();
  #timer: NodeJS.Timeout;
  #deadline: number;
  #unsubscribe: (() => void) | undefined;

  constructor(deadlineMs: number, cancel: CancelToken | AbortSignal | undefined) {
    this.#deadline = performance.now() + deadlineMs;
    this.#timer = this.#arm(deadlineMs);
    if (cancel) this.#unsubscribe = onCancelled(cancel, (reason) => this.#end('cancelled', reason));
  }

  allowAtLeast(inMs: number): void {
    const at = performance.now() + inMs;
    if (this.#reason || at <= this.#deadline) return;
    this.#deadline = at;
    clearTimeout(this.#timer);
    this.#timer = this.#arm(inMs);
  }

  #arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.#end('deadline', new Error('the connector call deadline passed')), ms);
    timer.unref();
    return timer;
  }

  abortReason(): AbortReason {
    return this.#reason;
  }

  onAbort(abort: (cause: unknown) => void): () => void {
    if (this.#reason) {
      abort(this.#cause);
      return () => undefined;
    }
    this.#listeners.add(abort);
    return () => this.#listeners.delete(abort);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#listeners.clear();
  }

  #end(why: NonNullable<AbortReason>, cause: unknown): void {
    if (this.#reason) return;
    this.#reason = why;
    this.#cause = cause;
    clearTimeout(this.#timer);
    for (const abort of [...this.#listeners]) abort(cause);
    this.#listeners.clear();
  }
}
