import type { FeelExpression } from '../feel/feel-expression.js';

/**
 * The executable form of one BPMN process: immutable, compiled once at deploy time.
 * Every FEEL expression in it is already parsed. The runtime reads nothing else.
 */
export interface ProcessModel {
  readonly bpmnProcessId: string;
  readonly name?: string;
  /** Every flow node by id, including those nested in subprocesses. */
  readonly nodes: ReadonlyMap<string, FlowNode>;
  /** Every sequence flow by id, including nested ones. */
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** The process itself as the root scope. */
  readonly root: Scope;
  /** Scopes by id: the root (id = bpmnProcessId) and every embedded subprocess. */
  readonly scopes: ReadonlyMap<string, Scope>;
  /** Webhook/message start events and timer start events, for registration on deploy. */
  readonly startEvents: readonly StartEvent[];
}

/** A container of flow nodes: the process or an embedded subprocess. */
export interface Scope {
  readonly id: string;
  /** The id of the enclosing scope; undefined for the process. */
  readonly parentId?: string;
  /** Ids of the flow nodes directly inside (not boundary events). */
  readonly childIds: readonly string[];
  /** The none start event the scope starts at (subprocesses: exactly one). */
  readonly noneStartId?: string;
}

/** A value given either literally (no leading `=`) or as a FEEL expression. */
export type ValueSource =
  | { readonly kind: 'static'; readonly value: string }
  | { readonly kind: 'expression'; readonly expression: FeelExpression };

/** One `zeebe:input` or `zeebe:output`. `target` may be a dotted path (`a.b.c`). */
export interface Mapping {
  readonly source: ValueSource;
  readonly target: string;
}

interface NodeBase {
  readonly id: string;
  readonly name?: string;
  /** Id of the scope that contains the node (process id or subprocess id). */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  /** Boundary events attached to this node. */
  readonly boundaryIds: readonly string[];
  /** `zeebe:properties`, kept as written (e.g. inbound webhook configuration). */
  readonly properties: Readonly<Record<string, string>>;
}

/** ISO 8601 / cron timer definitions, validated at deploy time. */
export type TimerDefinition =
  | { readonly kind: 'duration'; readonly value: ValueSource }
  | { readonly kind: 'date'; readonly value: ValueSource }
  | { readonly kind: 'cycle'; readonly value: ValueSource };

export interface MessageDefinition {
  readonly messageName: ValueSource;
  /** `zeebe:subscription correlationKey`; absent on start events. */
  readonly correlationKey?: ValueSource;
}

export type EventTrigger =
  | { readonly kind: 'none' }
  | { readonly kind: 'timer'; readonly timer: TimerDefinition }
  | { readonly kind: 'message'; readonly message: MessageDefinition }
  | { readonly kind: 'error'; readonly errorCode?: ValueSource; readonly errorName?: string }
  | { readonly kind: 'terminate' };

export interface StartEvent extends NodeBase {
  readonly type: 'startEvent';
  readonly trigger: EventTrigger;
}
export interface EndEvent extends NodeBase {
  readonly type: 'endEvent';
  readonly trigger: EventTrigger;
}
export interface IntermediateCatchEvent extends NodeBase {
  readonly type: 'intermediateCatchEvent';
  readonly trigger: EventTrigger;
}
/** A none intermediate throw event: passes straight through. */
export interface IntermediateThrowEvent extends NodeBase {
  readonly type: 'intermediateThrowEvent';
  readonly trigger: EventTrigger;
}
export interface BoundaryEvent extends NodeBase {
  readonly type: 'boundaryEvent';
  readonly attachedToId: string;
  /** `cancelActivity`; error boundary events are always interrupting. */
  readonly interrupting: boolean;
  readonly trigger: EventTrigger;
}

/** What a job-backed task asks of its worker. */
export interface JobDefinition {
  readonly type: ValueSource;
  /** Defaults to "3" as in Zeebe. */
  readonly retries: ValueSource;
  /** `zeebe:taskHeaders`, static strings. */
  readonly headers: Readonly<Record<string, string>>;
}

/** serviceTask, sendTask, businessRuleTask and scriptTask with a task definition; userTask. */
export interface JobTask extends NodeBase {
  readonly type: 'serviceTask' | 'sendTask' | 'businessRuleTask' | 'scriptTask' | 'userTask';
  readonly behavior: 'job';
  readonly job: JobDefinition;
}
/** scriptTask with `zeebe:script`: evaluated inline, no job. */
export interface ScriptTask extends NodeBase {
  readonly type: 'scriptTask';
  readonly behavior: 'script';
  readonly script: FeelExpression;
  readonly resultVariable: string;
}
/** task and manualTask: pass through. */
export interface PassThroughTask extends NodeBase {
  readonly type: 'task' | 'manualTask';
  readonly behavior: 'passThrough';
}
/** receiveTask: waits for a message. */
export interface ReceiveTask extends NodeBase {
  readonly type: 'receiveTask';
  readonly behavior: 'message';
  readonly message: MessageDefinition;
}

export interface ExclusiveGateway extends NodeBase {
  readonly type: 'exclusiveGateway';
  readonly defaultFlowId?: string;
}
export interface InclusiveGateway extends NodeBase {
  readonly type: 'inclusiveGateway';
  readonly defaultFlowId?: string;
}
export interface ParallelGateway extends NodeBase {
  readonly type: 'parallelGateway';
}
export interface SubProcess extends NodeBase {
  readonly type: 'subProcess';
}

export type Task = JobTask | ScriptTask | PassThroughTask | ReceiveTask;
export type Gateway = ExclusiveGateway | InclusiveGateway | ParallelGateway;
export type FlowNode =
  | StartEvent
  | EndEvent
  | IntermediateCatchEvent
  | IntermediateThrowEvent
  | BoundaryEvent
  | Task
  | Gateway
  | SubProcess;

export interface SequenceFlow {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  /** Absent for unconditional flows. */
  readonly condition?: FeelExpression;
}
