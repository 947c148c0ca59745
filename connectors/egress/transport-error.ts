import { WeftError, isWeftError } from '../../core/index.js';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** Why a call was aborted, so an abort can be told apart from a timeout. */
export type AbortReason = 'deadline' | 'cancelled' | undefined;

/**
 * Turn whatever undici, node:net or node:tls threw into a WeftError with a stable code. The
 * message names only the host — never the URL, whose query may hold a key.
 */
export function toTransportError(error: unknown, host: string, aborted: AbortReason): WeftError {
  if (isWeftError(error)) return error;
  if (aborted === 'deadline') {
    return new WeftError('UPSTREAM_TIMEOUT', `the call to ${host} did not finish before its deadline`, { retryable: true });
  }
  if (aborted === 'cancelled') {
    return new WeftError('CONNECTOR_CANCELLED', `the call to ${host} was cancelled (worker stopping or lease lost)`, { retryable: true });
  }
  const code = String((error as { code?: unknown }).code ?? '');
  if (timeoutCodes.has(code)) {
    return new WeftError('UPSTREAM_TIMEOUT', `${host} did not answer in time`, { retryable: true, details: { cause: code } });
  }
  if (unreachableCodes.has(code)) {
    return new WeftError('UPSTREAM_UNREACHABLE', `${host} could not be reached (${code})`, { retryable: true, details: { cause: code } });
  }
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code) || /certificate|TLS|SSL/i.test(String((error as Error).message))) {
    return new WeftError('UPSTREAM_TLS_FAILED', `TLS with ${host} failed (${code || 'handshake error'})`, { retryable: true, details: { cause: code } });
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') {
    return new WeftError('CONNECTOR_INPUT_INVALID', 'the request has an invalid header name or value', { details: { cause: code } });
  }
  return new WeftError('UPSTREAM_PROTOCOL_ERROR', `the exchange with ${host} failed (${code || (error as Error).name || 'error'})`, {
    retryable: true,
    details: { cause: code },
  });
}
