import { DateTime } from 'luxon';
import { WeftError } from '../../core/index.js';

/**
 * An ISO 8601 duration, split into calendar parts (years, months, weeks, days — applied in
 * UTC, so `P1M` from 31 January lands on the last day of February) and exact parts.
 * Plain data, so it can be logged, compared and rebuilt from `text`.
 */
export interface TimerDuration {
  /** The text as written (trimmed). */
  readonly text: string;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** Seconds and their fraction, in whole milliseconds. */
  readonly milliseconds: number;
}

// Java's Duration/Period grammar as Zeebe accepts it: integers everywhere, a fraction only
// on seconds, `T` only when a time part follows. No sign: a timer never fires in the past.
const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,9}))?S)?)?$/;

/**
 * Parse an ISO 8601 duration such as `PT5M`, `P1DT2H`, `P2W`, `PT0.5S` or `P1Y2M`.
 * @throws WeftError INVALID_DURATION naming the text when it is not one, is negative,
 *   or is too large to add to an instant.
 */
export function parseDuration(text: string): TimerDuration {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  const match = DURATION.exec(upper);
  if (!match || upper === 'P' || upper.endsWith('T')) {
    throw invalidDuration(text, 'expected an ISO 8601 duration such as PT5M or P1DT2H');
  }
  const [, y, mo, w, d, h, mi, s, fraction] = match;
  const duration: TimerDuration = {
    text: trimmed,
    years: toInt(y),
    months: toInt(mo),
    weeks: toInt(w),
    days: toInt(d),
    hours: toInt(h),
    minutes: toInt(mi),
    milliseconds: toInt(s) * 1000 + fractionToMs(fraction),
  };
  const parts = [duration.years, duration.months, duration.weeks, duration.days, duration.hours, duration.minutes, duration.milliseconds];
  if (!parts.every(Number.isSafeInteger) || !Number.isFinite(addDuration(0, duration))) {
    throw invalidDuration(text, 'the duration is too large');
  }
  return duration;
}

/**
 * The instant `duration` after `fromMs` (epoch milliseconds). Calendar parts first, in UTC,
 * then exact parts — the order Java's ZonedDateTime applies a Period and a Duration.
 * Returns NaN when the result falls outside the representable range.
 */
export function addDuration(fromMs: number, duration: TimerDuration): number {
  return addScaled(fromMs, duration, 1);
}

/**
 * The length of an ISO 8601 duration in ms (months and years counted from 1970-01-01), or
 * undefined when `text` is not one. For task headers such as `retryBackoff`.
 */
export function durationMs(text: string): number | undefined {
  try {
    return addDuration(0, parseDuration(text));
  } catch {
    return undefined;
  }
}

/**
 * The instant `factor` whole durations after `fromMs`, computed in one step so repeated
 * calendar intervals do not drift (31 Jan + 2×P1M is 31 Mar, not 28 Mar).
 */
export function addScaled(fromMs: number, duration: TimerDuration, factor: number): number {
  const result = DateTime.fromMillis(fromMs, { zone: 'utc' }).plus({
    years: duration.years * factor,
    months: duration.months * factor,
    weeks: duration.weeks * factor,
    days: duration.days * factor,
    hours: duration.hours * factor,
    minutes: duration.minutes * factor,
    milliseconds: duration.milliseconds * factor,
  });
  return result.isValid ? result.toMillis() : Number.NaN;
}

/** Whether the duration has parts whose length depends on the calendar (years, months). */
export function isCalendarDuration(duration: TimerDuration): boolean {
  return duration.years > 0 || duration.months > 0;
}

function toInt(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits);
}

function fractionToMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
}

function invalidDuration(text: string, reason: string): WeftError {
  return new WeftError('INVALID_DURATION', `Invalid duration '${text}': ${reason}`, { details: { text } });
}
