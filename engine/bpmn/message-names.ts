import type { FlowNode } from '../model/process-model.js';
import type { CompileContext } from './compile-context.js';
import type { ScopeWalk } from './scope-walk.js';

/**
 * Zeebe refuses two events waiting for the same (literal) message name where one message
 * could not tell them apart: two message start events of a process, or two message boundary
 * events of one activity. Expression names are only known at run time and are not compared.
 */
export function checkMessageNames(processId: string, nodes: ReadonlyMap<string, FlowNode>, walk: ScopeWalk, context: CompileContext): void {
  const groups = new Map<string, string[]>();
  for (const node of nodes.values()) {
    let group: string | undefined;
    if (node.type === 'startEvent' && node.scopeId === processId) group = 'start';
    else if (node.type === 'boundaryEvent') group = `boundary of ${node.attachedToId}`;
    if (group === undefined) continue;
    const list = groups.get(group) ?? [];
    list.push(node.id);
    groups.set(group, list);
  }
  for (const ids of groups.values()) {
    const seen = new Map<string, string>();
    for (const id of ids) {
      const node = nodes.get(id);
      if (node === undefined || !('trigger' in node) || node.trigger.kind !== 'message') continue;
      const name = node.trigger.message.messageName;
      if (name.kind !== 'static') continue;
      const first = seen.get(name.value);
      if (first === undefined) {
        seen.set(name.value, id);
        continue;
      }
      context.problems.error('BPMN_INVALID_MESSAGE', walk.nodes.get(id)?.element, `waits for the message '${name.value}' like '${first}' does; one message cannot tell them apart`);
    }
  }
}
