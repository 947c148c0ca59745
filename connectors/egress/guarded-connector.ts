import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { WeftError } from '../../core/index.js';
import type { LookupAnswer, LookupFunction } from './egress-config.js';
import { formatIp, parseIpLiteral } from './ip-address.js';
import type { IpBytes } from './ip-address.js';
import { classifyIp, describeBlocked } from './ip-policy.js';
import { outboundSecureContext } from './trust-store.js';

/** The system resolver, every answer, in the resolver's order. */
export const systemLookup: LookupFunction = async (hostname) =>
  dns.lookup(hostname, { all: true, verbatim: true });

/** What the connect step needs: DNS, exemptions, trust, and a time limit. */
export interface GuardedConnectorOptions {
  readonly lookup: LookupFunction;
  readonly exemptions: ReadonlySet<string>;
  readonly ca?: readonly (string | Buffer)[];
  /** 0 = no connect limit of its own (the call's total deadline still applies). */
  readonly connectTimeoutMs: number;
  /**
   * Aborted when the pool closes: every connect still opening fails at once and drops its
   * socket and timer, and no new one starts. Without it a connect left behind by a cancelled
   * call (a host that never answers) would keep the event loop alive for its whole timeout.
   */
  readonly closing?: AbortSignal;
}

/**
 * Resolve `host` and judge every answer: one private answer refuses the whole host, so a
 * name that resolves to both a public and a private address (DNS rebinding) never connects.
 * Returns the validated addresses — the only ones the socket may use.
 */
export async function resolveChecked(host: string, port: number, options: GuardedConnectorOptions): Promise<IpBytes[]> {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const literal = parseIpLiteral(bare);
  let addresses: IpBytes[];
  if (literal) {
    addresses = [literal];
  } else {
    let answers: readonly LookupAnswer[];
    try {
      answers = await options.lookup(bare);
    } catch (cause) {
      throw new WeftError('DNS_LOOKUP_FAILED', `cannot resolve ${bare}`, { retryable: true, cause, details: { host: bare } });
    }
    if (answers.length === 0) {
      throw new WeftError('DNS_LOOKUP_FAILED', `${bare} has no address`, { retryable: true, details: { host: bare } });
    }
    addresses = answers.map((answer) => {
      const parsed = isIP(answer.address) === 0 ? undefined : parseIpLiteral(answer.address);
      if (!parsed) throw new WeftError('SSRF_BLOCKED', `${bare} resolved to something that is not an IP address`);
      return parsed;
    });
  }
  if (options.exemptions.has(`${host}:${port}`)) return addresses;
  for (const address of addresses) {
    const why = classifyIp(address);
    if (why !== undefined) {
      throw new WeftError('SSRF_BLOCKED', `${bare} resolves to ${describeBlocked(address, why)}, which connectors may not reach`, {
        details: { host: bare, range: why },
      });
    }
  }
  return addresses;
}

/**
 * An undici `connect` function that does its own lookup, checks every answer, and opens the
 * TLS socket to the checked IP itself, with `servername` = the host for SNI and certificate
 * verification. Nothing between the check and the connect can re-resolve the name.
 */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  // Node's roots, the system's bundle, NODE_EXTRA_CA_CERTS and any extra CA (trust-store.ts).
  const secureContext = outboundSecureContext(options.ca);
  const { closing } = options;
  return (connectOptions, callback) => {
    let settled = false;
    let socket: TLSSocket | undefined;
    const finish = (error: Error | null, connected?: Socket): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      closing?.removeEventListener('abort', onClosing);
      if (error) {
        socket?.destroy();
        callback(error, null);
      } else callback(null, connected as Socket);
    };
    const timer =
      options.connectTimeoutMs > 0
        ? setTimeout(() => finish(new WeftError('UPSTREAM_TIMEOUT', `connecting to ${connectOptions.hostname} took longer than ${options.connectTimeoutMs} ms`, { retryable: true })), options.connectTimeoutMs)
        : undefined;
    const onClosing = (): void => finish(closedError(connectOptions.hostname));
    if (closing?.aborted) {
      onClosing();
      return;
    }
    closing?.addEventListener('abort', onClosing);
    if (connectOptions.protocol !== 'https:') {
      finish(new WeftError('SCHEME_NOT_ALLOWED', 'only https connections are allowed'));
      return;
    }
    const host = connectOptions.hostname.toLowerCase();
    const port = connectOptions.port === '' || connectOptions.port === undefined ? 443 : Number(connectOptions.port);
    const servername = isIP(host.replace(/^\[|\]$/g, '')) === 0 ? host : undefined;
    const attempt = (addresses: IpBytes[], index: number): void => {
      if (settled) return;
      socket = tlsConnect({
        host: formatIp(addresses[index]),
        port,
        ...(servername ? { servername } : {}),
        secureContext,
        ALPNProtocols: ['http/1.1'],
      });
      socket.setNoDelay(true);
      socket.once('secureConnect', () => {
        socket?.setKeepAlive(true, 60_000);
        finish(null, socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        // Try the next checked address only for "nobody there", never after a TLS failure.
        const unreachable = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(error.code ?? '');
        if (unreachable && index + 1 < addresses.length) attempt(addresses, index + 1);
        else finish(error);
      });
    };
    resolveChecked(host, port, options).then(
      (addresses) => attempt(addresses, 0),
      (error: Error) => finish(error),
    );
  };
}

function closedError(host: string): WeftError {
  return new WeftError('CONNECTOR_CANCELLED', `the connection to ${host} was abandoned: the connector runtime is closing`, { retryable: true });
}
