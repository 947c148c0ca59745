import { WeftError } from '../../core/index.js';
import type { TimerDefinition } from '../model/process-model.js';
import { parseCycle, parseDate, parseDuration } from '../time/index.js';
import type { CompileContext } from './compile-context.js';
import { elementProp, stringProp, withArticle, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';

/** The timer kinds, as the model names them. */
export type TimerKind = TimerDefinition['kind'];

const FIELDS: readonly (readonly [kind: TimerKind, property: string])[] = [
  ['duration', 'timeDuration'],
  ['date', 'timeDate'],
  ['cycle', 'timeCycle'],
];

const VALIDATE: Readonly<Record<TimerKind, (text: string) => unknown>> = {
  duration: parseDuration,
  date: parseDate,
  cycle: parseCycle,
};

/**
 * Read a `timerEventDefinition` of `event`: exactly one of timeDuration, timeDate and
 * timeCycle, of a kind the event allows (`allowed`, e.g. date or cycle for start events).
 * A literal is checked now with engine/time, so a typo fails the deployment, not the
 * instance; an `=` expression is compiled and checked when the timer is created.
 */
export function readTimer(event: ModdleElement, definition: ModdleElement, allowed: readonly TimerKind[], context: CompileContext): TimerDefinition | undefined {
  const present = FIELDS.filter(([, property]) => elementProp(definition, property) !== undefined);
  const what = describe(event);
  const first = present[0];
  if (present.length !== 1 || first === undefined) {
    const problem = present.length === 0 ? 'has no' : 'has more than one';
    context.problems.error('BPMN_INVALID_TIMER', event, `the timer ${problem} timeDuration, timeDate or timeCycle`);
    return undefined;
  }
  const [kind, property] = first;
  if (!allowed.includes(kind)) {
    context.problems.error('BPMN_INVALID_TIMER', event, `${withArticle(what)} takes ${allowed.map((k) => `a time ${k}`).join(' or ')}, not a ${property}`);
    return undefined;
  }
  const text = stringProp(elementProp(definition, property) ?? event, 'body')?.trim() ?? '';
  if (text === '') {
    context.problems.error('BPMN_INVALID_TIMER', event, `the timer's ${property} is empty`);
    return undefined;
  }
  const value = context.valueSource(event, property, text);
  if (value === undefined) return undefined;
  if (value.kind === 'static') {
    try {
      VALIDATE[kind](value.value);
    } catch (error) {
      if (!(error instanceof WeftError)) throw error;
      context.problems.error(error.code as 'INVALID_DURATION' | 'INVALID_DATE' | 'INVALID_CYCLE', event, `${property}: ${error.message}`);
      return undefined;
    }
  }
  return { kind, value };
}

function describe(event: ModdleElement): string {
  if (event.$type !== 'bpmn:BoundaryEvent') return `timer ${xmlName(event.$type)}`;
  return event['cancelActivity'] === false ? 'non-interrupting timer boundaryEvent' : 'interrupting timer boundaryEvent';
}
