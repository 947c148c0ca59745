import { CronExpressionParser } from 'cron-parser';
import type { CronExpression } from 'cron-parser';

/**
 * Cron expressions as Zeebe takes them from Spring: six fields
 * (`second minute hour day-of-month month day-of-week`, e.g. `0 0 9 * * MON-FRI`), or the
 * classic five (seconds then 0), or a macro such as `@daily`. Evaluated in UTC.
 */

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly']);

/**
 * Check a cron expression; returns a reason when it is not one, otherwise undefined.
 * cron-parser alone is too lenient here: it fills in missing fields and accepts `H`
 * (a random value), which would make a timer's schedule depend on chance.
 */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (MACROS.has(text.toLowerCase())) return undefined;
  const fields = text.split(/\s+/);
  if (text === '' || (fields.length !== 5 && fields.length !== 6)) {
    return `a cron expression has 5 or 6 fields, got ${text === '' ? 0 : fields.length}`;
  }
  if (/(^|[\s,])H($|[\s,/(])/i.test(text)) {
    return "the random field value 'H' is not supported";
  }
  try {
    parse(text, 0);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The first instant strictly after `fromMs` that the expression matches, or undefined if none. */
export function nextCronTime(expression: string, fromMs: number): number | undefined {
  try {
    const schedule = parse(expression.trim(), fromMs);
    return schedule.hasNext() ? schedule.next().getTime() : undefined;
  } catch {
    // e.g. "0 0 0 30 2 *": valid fields, but no day ever matches.
    return undefined;
  }
}

function parse(text: string, fromMs: number): CronExpression {
  const expression = MACROS.has(text.toLowerCase()) ? macro(text.toLowerCase()) : text;
  return CronExpressionParser.parse(expression, { currentDate: new Date(fromMs), tz: 'UTC' });
}

function macro(text: string): string {
  switch (text) {
    case '@yearly':
    case '@annually':
      return '0 0 0 1 1 *';
    case '@monthly':
      return '0 0 0 1 * *';
    case '@weekly':
      return '0 0 0 * * 0';
    case '@daily':
      return '0 0 0 * * *';
    default:
      return '0 0 * * * *';
  }
}
