import type { ReplayConfig } from './webhook-config.js';

/**
 * Check the replay time window (`inbound.replay.timestampHeader`): the send time must be
 * within `toleranceSeconds` of now, either way. Returns what is wrong, or undefined when
 * the request is fresh or the webhook has no window. Only a signed timestamp
 * (`inbound.replay.signTimestamp`) stops an attacker from simply refreshing the header.
 */
export function replayWindowProblem(
  replay: ReplayConfig,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  now: number,
): string | undefined {
  if (replay.timestampHeader === undefined) return undefined;
  const raw = headers[replay.timestampHeader];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return `the timestamp header ${replay.timestampHeader} is missing`;
  const sent = parseTimestamp(text.trim());
  if (sent === undefined) return `the timestamp header ${replay.timestampHeader} is not a Unix time or an ISO-8601/HTTP date`;
  if (Math.abs(now - sent) > replay.toleranceSeconds * 1000) {
    return `the request timestamp is outside the ${replay.toleranceSeconds}-second tolerance`;
  }
  return undefined;
}

/**
 * A send time as epoch milliseconds: Unix seconds (up to 11 digits, fractions allowed),
 * Unix milliseconds (12–14 digits), or an ISO-8601 / HTTP date.
 */
export function parseTimestamp(text: string): number | undefined {
  if (/^\d{1,11}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d{12,14}$/.test(text)) return Number(text);
  if (!/\d{4}/.test(text)) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
