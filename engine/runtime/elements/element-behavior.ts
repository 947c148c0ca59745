import type { ElementInstanceRecord } from '../../../models/index.js';
import type { FlowNode } from '../../model/process-model.js';
import type { Execution } from '../execution.js';

/**
 * What one family of BPMN elements does. The execution owns the shared lifecycle
 * (input mappings, boundary events, output mappings, flows); a behaviour decides only
 * what happens once its element is activated, and which flows it leaves through.
 */
export interface ElementBehavior {
  /** The element is activated: complete it, or make it wait (job, timer, message, children). */
  activated(exec: Execution, ei: ElementInstanceRecord, node: FlowNode): void;
  /** The flows taken on completion; all outgoing flows when absent. */
  outgoing?(exec: Execution, ei: ElementInstanceRecord, node: FlowNode): readonly string[];
}

/** Elements that only pass the token on: none events, plain and manual tasks, parallel gateways, boundary events. */
export const passThrough: ElementBehavior = {
  activated(exec, ei) {
    exec.complete(ei);
  },
};
