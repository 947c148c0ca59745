import { domainToASCII } from 'node:url';
import { WeftError } from '../../core/index.js';

/** One entry of an allowlist: `api.example.com`, `*.example.com` or either with `:port`. */
export interface DomainEntry {
  /** Lower-case ASCII host, without the `*.` of a wildcard entry. */
  readonly host: string;
  /** `*.example.com`: any subdomain of example.com — never example.com itself. */
  readonly wildcard: boolean;
  /** An explicit port also allows that port for matching hosts; none means 443 only. */
  readonly port?: number;
}

/** The lists a request must pass. Undefined means "no such list", not "empty list". */
export interface DomainPolicy {
  /** The connector definition's `allowed_domains` (absent for the Camunda REST connector). */
  readonly allowedDomains?: readonly string[];
  /** The org's domain allowlist, when the org admin configured one. */
  readonly orgAllowlist?: readonly string[];
}

const entryPattern = /^(\*\.)?([^*:/\s]+|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?$/;

/** Parse an allowlist entry; undefined when it is not a valid entry. */
export function parseDomainEntry(text: string): DomainEntry | undefined {
  const match = entryPattern.exec(text.trim());
  if (!match) return undefined;
  const host = match[2].startsWith('[') ? match[2].toLowerCase() : normalizeHost(match[2]);
  if (host === '') return undefined;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return port === undefined ? { host, wildcard: match[1] !== undefined } : { host, wildcard: match[1] !== undefined, port };
}

/** Lower-case, punycode, no trailing dot: the form URL hosts and entries are compared in. */
export function normalizeHost(host: string): string {
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host;
  return domainToASCII(trimmed.toLowerCase()) || '';
}

/** Whether `host` (already normalized) matches the entry's host pattern, ignoring ports. */
export function hostMatches(entry: DomainEntry, host: string): boolean {
  if (!entry.wildcard) return host === entry.host;
  return host.length > entry.host.length + 1 && host.endsWith(`.${entry.host}`);
}

/** Parsed lists by identity: definitions and org settings hand out the same array until they change. */
const parsedLists = new WeakMap<readonly string[], DomainEntry[]>();

function parseList(list: readonly string[]): DomainEntry[] {
  let entries = parsedLists.get(list);
  if (!entries) {
    entries = list.map(parseDomainEntry).filter((e): e is DomainEntry => e !== undefined);
    parsedLists.set(list, entries);
  }
  return entries;
}

/**
 * Judge host and port against both lists (seed 004: both must pass). The port rule: 443,
 * or a port an entry matching the host names explicitly, or an exempted `host:port`.
 * Throws DOMAIN_NOT_ALLOWED or PORT_NOT_ALLOWED.
 */
export function checkDomainPolicy(host: string, port: number, policy: DomainPolicy, portExempt: boolean): void {
  if (!policy.allowedDomains && !policy.orgAllowlist && (port === 443 || portExempt)) return;
  const normalized = host.startsWith('[') ? host : normalizeHost(host);
  const lists: Array<[string, DomainEntry[]]> = [];
  if (policy.allowedDomains) lists.push(["the connector's allowed_domains", parseList(policy.allowedDomains)]);
  if (policy.orgAllowlist) lists.push(["the organization's domain allowlist", parseList(policy.orgAllowlist)]);
  for (const [name, entries] of lists) {
    if (!entries.some((e) => hostMatches(e, normalized))) {
      throw new WeftError('DOMAIN_NOT_ALLOWED', `host ${normalized} is not in ${name}`, {
        details: { host: normalized },
      });
    }
  }
  if (port === 443 || portExempt) return;
  const portAllowed = lists.some(([, entries]) => entries.some((e) => e.port === port && hostMatches(e, normalized)));
  if (!portAllowed) {
    throw new WeftError('PORT_NOT_ALLOWED', `port ${port} of ${normalized} is not allowed (only 443 unless an allowlist entry names the port)`, {
      details: { host: normalized, port },
    });
  }
}
