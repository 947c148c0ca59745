import type { FeelDate, FeelDateTime, FeelDuration, FeelTime } from './generated/feelin-core.js';

// FEEL temporals leave the engine as ISO 8601 strings spelled the way Zeebe writes FEEL
// results into variables (java.time / feel-scala formatting), so a process moved between
// Weft and Camunda sees the same text. One deliberate difference: Zeebe drops fractional
// seconds from days-and-time durations; Weft keeps them (timers need them).

const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MINUTE = 60n * NS_PER_SECOND;
const NS_PER_HOUR = 60n * NS_PER_MINUTE;
const NS_PER_DAY = 24n * NS_PER_HOUR;

/** `2020-04-06` (java LocalDate#toString). */
export function formatFeelDate(date: FeelDate): string {
  return date.value.toString();
}

/**
 * Local time: java LocalTime#toString (`10:30`, `10:30:15`, `10:30:15.500`).
 * Zoned time: feel-scala's format (`10:30:00+02:00`, `10:30:00Z`, `10:30:00@Europe/Paris`).
 */
export function formatFeelTime(time: FeelTime): string {
  const t = time.value;
  if (time.zone === null) {
    const hhmm = `${pad(t.hour)}:${pad(t.minute)}`;
    const nanos = t.millisecond * 1_000_000 + t.microsecond * 1_000 + t.nanosecond;
    if (t.second === 0 && nanos === 0) return hhmm;
    return `${hhmm}:${pad(t.second)}${javaFraction(nanos)}`;
  }
  if (isFixedOffset(time.zone)) return `${t.toString()}${offsetId(time.zone)}`;
  return `${t.toString()}@${time.zone}`;
}

/**
 * java DateTimeFormatter.ISO_LOCAL_DATE_TIME for local values and ISO_ZONED_DATE_TIME for
 * zoned ones: `2020-04-06T08:00:00+02:00[Europe/Berlin]`, `2020-04-06T08:00:00Z`.
 */
export function formatFeelDateTime(dateTime: FeelDateTime): string {
  const local = dateTime.value.toString();
  const zone = dateTime.zone;
  if (zone === null) return local;
  if (isFixedOffset(zone)) return `${local}${offsetId(zone)}`;
  const offset = dateTime.value.toZonedDateTime(zone).offset;
  return `${local}${offsetId(offset)}[${zone}]`;
}

/**
 * feel-scala's duration text: `P1Y2M` / `P0Y` for years and months, `P1DT2H3M4S` / `P0D`
 * for days and time; negative durations carry one leading `-`.
 */
export function formatFeelDuration(duration: FeelDuration): string {
  const d = duration.value;
  if (duration.yearsMonths) {
    const months = Math.abs(d.years * 12 + d.months);
    if (months === 0) return 'P0Y';
    const years = Math.trunc(months / 12);
    const text = `P${years ? `${years}Y` : ''}${months % 12 ? `${months % 12}M` : ''}`;
    return d.sign < 0 ? `-${text}` : text;
  }
  let ns = totalNanoseconds(duration);
  if (ns === 0n) return 'P0D';
  const negative = ns < 0n;
  if (negative) ns = -ns;
  const days = ns / NS_PER_DAY;
  const rest = ns % NS_PER_DAY;
  const time = timePart(rest);
  const text = `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  return negative ? `-${text}` : text;
}

/**
 * java Duration#toString (`PT0S`, `PT30S`, `PT36H`): what Camunda's connectors runtime
 * writes for a job error's retry backoff.
 */
export function formatJavaDuration(duration: FeelDuration): string {
  const ns = totalNanoseconds(duration);
  if (ns === 0n) return 'PT0S';
  const negative = ns < 0n;
  const text = `PT${timePart(negative ? -ns : ns, true)}`;
  return negative ? `-${text}` : text;
}

/** Signed length of a days-and-time duration in nanoseconds. */
export function totalNanoseconds(duration: FeelDuration): bigint {
  const d = duration.value;
  return (
    BigInt(d.days) * NS_PER_DAY +
    BigInt(d.hours) * NS_PER_HOUR +
    BigInt(d.minutes) * NS_PER_MINUTE +
    BigInt(d.seconds) * NS_PER_SECOND +
    BigInt(d.milliseconds) * 1_000_000n +
    BigInt(d.microseconds) * 1_000n +
    BigInt(d.nanoseconds)
  );
}

/** `2H3M4.5S` from a non-negative nanosecond count below one day (or any, for hours). */
function timePart(ns: bigint, hoursUnbounded = false): string {
  const hours = hoursUnbounded ? ns / NS_PER_HOUR : (ns / NS_PER_HOUR) % 24n;
  const minutes = (ns / NS_PER_MINUTE) % 60n;
  const seconds = (ns / NS_PER_SECOND) % 60n;
  const fraction = Number(ns % NS_PER_SECOND);
  const s = seconds || fraction ? `${seconds}${minimalFraction(fraction)}S` : '';
  return `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${s}`;
}

function isFixedOffset(zone: string): boolean {
  return zone === 'UTC' || /^[+-]\d{2}:\d{2}(:\d{2})?$/.test(zone);
}

/** java ZoneOffset#getId: `Z` for zero, else `+HH:MM` or `+HH:MM:SS`. */
function offsetId(offset: string): string {
  if (offset === 'UTC' || /^[+-]00:00(:00)?$/.test(offset)) return 'Z';
  return offset.replace(/^([+-]\d{2}:\d{2}):00$/, '$1');
}

/** java LocalTime#toString fraction: 3, 6 or 9 digits, none for zero. */
function javaFraction(nanos: number): string {
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return `.${String(nanos / 1_000_000).padStart(3, '0')}`;
  if (nanos % 1_000 === 0) return `.${String(nanos / 1_000).padStart(6, '0')}`;
  return `.${String(nanos).padStart(9, '0')}`;
}

/** ISO fraction with trailing zeros removed, none for zero. */
function minimalFraction(nanos: number): string {
  return nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
