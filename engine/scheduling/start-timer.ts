import type { EngineStore, TimerRecord } from '../../models/index.js';
import type { ProcessModels } from '../deploy/process-models.js';
import type { CommandRunner } from '../runtime/command-runner.js';
import { startInstance } from '../runtime/commands/instance-commands.js';
import type { KeyGenerator } from '../runtime/key-generator.js';
import { newInstanceAggregate } from '../runtime/new-instance.js';
import { nextSchedule } from '../runtime/timer-schedule.js';

/**
 * A timer start event is due: a new instance starts at it, and the timer is rescheduled
 * (next cycle) or removed — in one transaction, so a restart can neither lose nor repeat
 * a firing.
 */
export async function fireStartTimer(
  deps: {
    store: EngineStore;
    runner: CommandRunner;
    processes: ProcessModels;
    keys: KeyGenerator;
    now: number;
    /** The workspace of the deploying org that timer-started instances run in. */
    workspaceFor: (orgId: string) => Promise<string>;
  },
  timer: TimerRecord,
): Promise<void> {
  const definition = await deps.store.getDefinition(timer.definitionKey);
  const current = await deps.store.getTimer(timer.key);
  if (!definition || !current) return;
  const model = await deps.processes.model(definition.key);
  const workspaceId = await deps.workspaceFor(definition.orgId);
  const where = { key: deps.keys.next(), orgId: definition.orgId, workspaceId, now: deps.now };
  await deps.runner.create(newInstanceAggregate(definition, where, [current]), (exec) => {
    exec.draft.deleteTimer(current.key);
    const next = nextSchedule(current.cycle, current.dueAt);
    if (next) exec.draft.putTimer({ ...current, key: exec.draft.keys.next(), dueAt: next.dueAt, cycle: next.cycle });
    if (model.nodes.has(timer.elementId)) startInstance(exec, timer.elementId, {});
  });
}
