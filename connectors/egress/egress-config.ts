import { WeftError } from '../../core/index.js';
import { normalizeHost } from './domain-rules.js';

/** Resolves a host name to every address it has; injectable so tests control DNS. */
export type LookupFunction = (hostname: string) => Promise<readonly LookupAnswer[]>;

/** One DNS answer. */
export interface LookupAnswer {
  readonly address: string;
  readonly family?: number;
}

/** What the runtime's caller may tune about outbound HTTP. */
export interface EgressOptions {
  /**
   * `host:port` pairs exempt from the IP-range and port rules (HTTPS and the domain
   * allowlists still apply). Defaults to `WEFT_EGRESS_ALLOW` from the runtime's env.
   * Meant for tests and local development only.
   */
  readonly allow?: readonly string[];
  /** DNS resolution; defaults to the system resolver (`dns.lookup`, all answers). */
  readonly lookup?: LookupFunction;
  /**
   * Extra trusted CA certificates (PEM), added to Node's bundled roots. Without it, Node's
   * default store is used, which already includes NODE_EXTRA_CA_CERTS.
   */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Cap on the decompressed response body; default 10 MiB. */
  readonly maxResponseBytes?: number;
  /** Most redirects followed when a task asks for redirects; default 5. */
  readonly maxRedirects?: number;
  /** Total deadline of one call, redirects and token calls included; default 120 s. */
  readonly deadlineMs?: number;
}

/** EgressOptions with every default applied and the exemptions parsed. */
export interface ResolvedEgressOptions {
  readonly exemptions: ReadonlySet<string>;
  readonly lookup?: LookupFunction;
  readonly ca?: readonly (string | Buffer)[];
  readonly maxResponseBytes: number;
  readonly maxRedirects: number;
  readonly deadlineMs: number;
}

/** Parse `WEFT_EGRESS_ALLOW=host:port,host:port` (empty or unset: no exemption). */
export function egressAllowFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const raw = env.WEFT_EGRESS_ALLOW ?? '';
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Normalize one exemption to the `host:port` key the connect step compares with. */
export function exemptionKey(entry: string): string {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(entry.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new WeftError('EGRESS_CONFIG_INVALID', `egress exemption "${entry}" is not host:port`);
  }
  const host = match[1].startsWith('[') ? match[1].toLowerCase() : normalizeHost(match[1]);
  return `${host}:${port}`;
}

/** Apply defaults; throws EGRESS_CONFIG_INVALID on a malformed exemption or limit. */
export function resolveEgressOptions(
  options: EgressOptions | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedEgressOptions {
  const allow = options?.allow ?? egressAllowFromEnv(env);
  const maxResponseBytes = options?.maxResponseBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options?.maxRedirects ?? 5;
  const deadlineMs = options?.deadlineMs ?? 120_000;
  for (const [name, value] of Object.entries({ maxResponseBytes, maxRedirects, deadlineMs })) {
    if (!Number.isInteger(value) || value < 0) {
      throw new WeftError('EGRESS_CONFIG_INVALID', `egress option ${name} must be a non-negative integer`);
    }
  }
  const ca = options?.ca === undefined ? undefined : Array.isArray(options.ca) ? options.ca : [options.ca as string | Buffer];
  return {
    exemptions: new Set(allow.map(exemptionKey)),
    ...(options?.lookup ? { lookup: options.lookup } : {}),
    ...(ca ? { ca } : {}),
    maxResponseBytes,
    maxRedirects,
    deadlineMs,
  };
}

/**
 * Warnings the server logs at start: an exemption weakens SSRF protection, so it must
 * never be on silently.
 */
export function egressWarnings(options: ResolvedEgressOptions): string[] {
  if (options.exemptions.size === 0) return [];
  return [
    `WEFT_EGRESS_ALLOW is set: connector calls to ${[...options.exemptions].join(', ')} skip the private-address ` +
      'and port checks. Use this for tests and local development only.',
  ];
}
