import type { EngineStore, TimerRecord } from '../../models/index.js';
import type { ProcessModels } from '../deploy/process-models.js';
import type { CommandRunner } from '../runtime/command-runner.js';
import { startInstance } from '../runtime/commands/instance-commands.js';
import type { KeyGenerator } from '../runtime/key-generator.js';
import { newInstanceAggregate } from '../runtime/new-instance.js';
import { nextSchedule } from '../runtime/timer-schedule.js';

/** Instances started by timer start events run in the org's `default` workspace. */
export const TIMER_START_WORKSPACE = 'default';

/**
 * A timer start event is due: a new instance starts at it, and the timer is rescheduled
 * (next cycle) or removed — in one transaction, so a restart can neither lose nor repeat
 * a firing.
 */
export async function fireStartTimer(
  deps: { store: EngineStore; runner: CommandRunner; processes: ProcessModels; keys: KeyGenerator; now: number },
  timer: TimerRecord,
): Promise<void> {
  const definition = await deps.store.getDefinition(timer.definitionKey);
  const current = await deps.store.getTimer(timer.key);
  if (!definition || !current) return;
  const model = await deps.processes.model(definition.key);
  const where = { key: deps.keys.next(), orgId: definition.orgId, workspaceId: TIMER_START_WORKSPACE, now: deps.now };
  await deps.runner.create(newInstanceAggregate(definition, where, [current]), (exec) => {
    exec.draft.deleteTimer(current.key);
    const next = nextSchedule(current.cycle, current.dueAt);
    if (next) exec.draft.putTimer({ ...current, key: exec.draft.keys.next(), dueAt: next.dueAt, cycle: next.cycle });
    if (model.nodes.has(timer.elementId)) startInstance(exec, timer.elementId, {});
  });
}
