import type { Scope } from '../../model/process-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** Embedded subprocess: a new variable scope; its none start event starts inside it. */
export const subProcess: ElementBehavior = {
  activated(exec, ei, node) {
    const scope = exec.model.scopes.get(node.id) as Scope;
    exec.enter(scope.noneStartId!, ei.key);
  },
};
