import type { AnyStateMachine } from 'xstate';
import { WeftError } from '../../core/index.js';

/**
 * Rejects a machine whose transitions could depend on anything but (state value,
 * event type) — the property that makes memoizing `next()` exact and lets a record
 * persist nothing but its state value.
 *
 * Required: no context; only top-level atomic or final states; no entry/exit actions,
 * invocations, eventless (`always`) or delayed (`after`) transitions; every transition
 * has exactly one target, no guard and no actions. Differences a guard would express
 * become distinct event types instead.
 *
 * Throws `LIFECYCLE_MACHINE_INVALID` listing every problem; runs once per machine at
 * module load, so a bad machine never reaches a running engine.
 */
export function assertLifecycleMachine(machine: AnyStateMachine): void {
  const problems: string[] = [];
  if (machine.config.context !== undefined) problems.push('the machine has context');
  for (const [key, node] of Object.entries(machine.root.states)) {
    const where = `state '${key}'`;
    if (node.type !== 'atomic' && node.type !== 'final') problems.push(`${where} is ${node.type}`);
    if (node.entry.length > 0 || node.exit.length > 0) problems.push(`${where} has entry/exit actions`);
    if (node.invoke.length > 0) problems.push(`${where} invokes actors`);
    if ((node.always?.length ?? 0) > 0) problems.push(`${where} has eventless transitions`);
    if (node.after.length > 0) problems.push(`${where} has delayed transitions`);
    for (const [eventType, definitions] of node.transitions) {
      const on = `${where} on ${eventType}`;
      if (eventType.includes('*')) problems.push(`${on}: wildcard event descriptor`);
      if (definitions.length !== 1) problems.push(`${on}: ${definitions.length} candidate transitions`);
      for (const definition of definitions) {
        if (definition.guard !== undefined) problems.push(`${on}: guarded`);
        if (definition.actions.length > 0) problems.push(`${on}: has actions`);
        if (definition.target?.length !== 1) problems.push(`${on}: needs exactly one target`);
      }
    }
  }
  if (problems.length > 0) {
    throw new WeftError(
      'LIFECYCLE_MACHINE_INVALID',
      `lifecycle machine '${machine.id}' is not a flat, context-free machine: ${problems.join('; ')}`,
      { details: { lifecycle: machine.id, problems } },
    );
  }
}
