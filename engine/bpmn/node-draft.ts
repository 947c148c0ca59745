import type { SequenceFlow, SubProcess } from '../model/process-model.js';

/** The fields every flow node has (the model's NodeBase: a subprocess adds only its type). */
export type NodeFields = Omit<SubProcess, 'type'>;

/**
 * What the graph walk knows about a node before its own element is compiled: its place
 * (scope, flows in and out, attached boundary events) and the inputs the family compilers
 * need from outside the element.
 */
export interface NodeDraft {
  readonly base: NodeFields;
  /** Whether the node sits inside an embedded subprocess rather than at process level. */
  readonly inSubprocess: boolean;
  /** For boundary events: the activity they are attached to, when that resolved. */
  readonly attachedToId?: string;
  /** Every compiled sequence flow of the process, for gateways to check their outgoing ones. */
  readonly flows: ReadonlyMap<string, SequenceFlow>;
}
