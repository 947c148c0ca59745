import { WeftError } from '../../core/index.js';
import type { DefinitionRecord, EngineStore, TimerRecord } from '../../models/index.js';
import type { ProcessModel } from '../model/process-model.js';
import type { KeyGenerator } from '../runtime/key-generator.js';
import { firstSchedule } from '../runtime/timer-schedule.js';

/**
 * Timer start events of newly deployed versions: each gets a durable timer row; the
 * previous version's start timers are removed (a new version takes over, as in Zeebe).
 * Start-event timers must be literal values (there is no instance to evaluate them in).
 */
export async function startTimerChanges(
  store: EngineStore,
  keys: KeyGenerator,
  now: number,
  fresh: readonly { definition: DefinitionRecord; model: ProcessModel; previous?: DefinitionRecord }[],
): Promise<{ put: TimerRecord[]; del: number[] }> {
  const put: TimerRecord[] = [];
  const del: number[] = [];
  for (const { definition, model, previous } of fresh) {
    if (previous) del.push(...(await store.startTimersOf(previous.key)).map((t) => t.key));
    for (const start of model.startEvents) {
      if (start.trigger.kind !== 'timer') continue;
      const { value } = start.trigger.timer;
      if (value.kind !== 'static') {
        throw new WeftError('DEPLOYMENT_INVALID', `${start.id}: a timer start event needs a literal date, duration or cycle, not an expression`, {
          details: { problems: [{ code: 'BPMN_INVALID_TIMER', elementId: start.id, message: `${start.id}: timer start events need a literal value` }] },
        });
      }
      const schedule = firstSchedule(start.trigger.timer.kind, value.value, now);
      put.push({
        key: keys.next(),
        kind: 'start',
        instanceKey: null,
        elementInstanceKey: null,
        elementId: start.id,
        definitionKey: definition.key,
        dueAt: schedule.dueAt,
        cycle: schedule.cycle,
      });
    }
  }
  return { put, del };
}
