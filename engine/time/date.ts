import { DateTime } from 'luxon';
import { WeftError } from '../../core/index.js';

// A local date-time, then an offset (`Z`, `+02:00`, `+0200`) and/or a zone id in brackets
// (`[Europe/Berlin]`), as Java's ZonedDateTime prints and Zeebe accepts.
const ZONED_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]\s]+)\])?$/i;

/**
 * Parse an ISO 8601 date-time that says where on earth it is: with an offset or `Z`
 * (`2026-01-01T10:00:00Z`, `2026-01-01T10:00:00+02:00`), with a zone id
 * (`2026-01-01T10:00:00[Europe/Berlin]`) or both. Returns epoch milliseconds.
 *
 * With a zone id and no offset, a local time that a DST change skips moves forward by the
 * gap, and one that occurs twice takes the earlier instant — Java's rules, so a timer fires
 * when Zeebe's would.
 * @throws WeftError INVALID_DATE naming the text.
 */
export function parseDate(text: string): number {
  const trimmed = text.trim();
  const match = ZONED_DATE_TIME.exec(trimmed);
  if (!match) {
    throw invalidDate(text, 'expected an ISO 8601 date-time with an offset or zone, such as 2026-01-01T10:00:00Z');
  }
  const [, local = '', offset, zone] = match;
  const normalisedLocal = local.replace(',', '.').toUpperCase();
  if (offset === undefined && zone === undefined) {
    throw invalidDate(text, 'a timer date needs an offset (Z, +02:00) or a zone id ([Europe/Berlin])');
  }
  if (zone !== undefined && !DateTime.local({ zone }).isValid) {
    throw invalidDate(text, `unknown zone '${zone}'`);
  }
  if (offset !== undefined) {
    // The offset pins the instant; a zone id next to it only says how to display it.
    const dt = DateTime.fromISO(`${normalisedLocal}${offset.toUpperCase()}`, { setZone: true });
    if (!dt.isValid) throw invalidDate(text, dt.invalidExplanation ?? 'not a valid date-time');
    return dt.toMillis();
  }
  const dt = DateTime.fromISO(normalisedLocal, { zone });
  if (!dt.isValid) throw invalidDate(text, dt.invalidExplanation ?? 'not a valid date-time');
  const candidates = dt.getPossibleOffsets();
  return Math.min(...(candidates.length > 0 ? candidates : [dt]).map((c) => c.toMillis()));
}

function invalidDate(text: string, reason: string): WeftError {
  return new WeftError('INVALID_DATE', `Invalid date '${text}': ${reason}`, { details: { text } });
}
