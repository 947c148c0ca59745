import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

/**
 * Paths pino masks in every log line, whatever logs them: credentials in request
 * headers, and the value-carrying fields of token, secret and credential bodies at any
 * of the first levels a log object nests them. Route code never logs bodies; this is
 * the net under that rule.
 */
export const REDACTED_PATHS: readonly string[] = (() => {
  const headers = ['authorization', 'cookie', 'x-api-key', 'proxy-authorization', 'x-weft-token'];
  const fields = ['token', 'config', 'value', 'password', 'secret', 'api_key', 'api_secret', 'client_secret', 'refresh_token', 'private_key', 'access_token'];
  return [
    ...headers.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`, `request.headers["${h}"]`]),
    ...fields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `body.*.${f}`]),
  ];
})();

/** How the server's logger is built. */
export interface LoggerOptions {
  /** `info` by default (`WEFT_LOG_LEVEL`). */
  readonly level?: string;
  /** Where JSON lines go; stdout by default (tests capture them). */
  readonly destination?: DestinationStream;
}

/** The server's structured JSON logger (pino), with secrets masked as `[redacted]`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { service: 'weft' },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
