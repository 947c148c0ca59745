import type { JsonObject } from '../../core/index.js';
import type { ElementInstanceRecord } from '../../models/index.js';
import { elementInstanceLifecycle, processInstanceLifecycle } from '../lifecycle/index.js';
import type { ElementInstanceEvent, ElementInstanceState, ProcessInstanceEvent, ProcessInstanceState } from '../lifecycle/index.js';
import type { FlowNode, ProcessModel } from '../model/process-model.js';
import { armBoundaryEvents, disarm } from './boundary-events.js';
import { behaviorOf } from './elements/index.js';
import type { InstanceDraft } from './instance-draft.js';
import { raiseIncident } from './incidents.js';
import { isJoin, joinScopeData, readyJoins } from './joins.js';
import { evaluateMappings } from './mappings.js';
import { checkVariable } from './variable-values.js';
import { lookupVariable, propagateVariables, scopeLookup, setLocalVariables } from './variable-scopes.js';

/** Limits and hooks one command runs with. */
export interface ExecutionOptions {
  /** Steps one command may take before the remaining tokens stop with an incident. */
  readonly stepBudget: number;
  readonly maxVariableBytes: number;
  /** Lease a new job to an in-process worker right away (saves a round trip). */
  readonly leaseOnCreate?: (type: string, headers: Readonly<Record<string, string>>) => { readonly worker: string; readonly deadline: number } | undefined;
}

type WorkKind = 'activate' | 'behavior' | 'complete' | 'completing';
interface WorkItem {
  readonly kind: WorkKind;
  readonly key: number;
}

/**
 * Moves the tokens of one process instance for one command, in memory, until every
 * token waits (job, timer, message, incident, join) or the instance ends. Element
 * families plug in through `elements/`; this class owns the shared lifecycle:
 * enter → input mappings → arm boundary events → behaviour → complete → output
 * mappings → outgoing flows → scope completion.
 */
export class Execution {
  readonly draft: InstanceDraft;
  readonly model: ProcessModel;
  readonly options: ExecutionOptions;
  readonly #queue: WorkItem[] = [];
  #head = 0;
  #steps = 0;

  constructor(draft: InstanceDraft, model: ProcessModel, options: ExecutionOptions) {
    this.draft = draft;
    this.model = model;
    this.options = options;
  }

  get now(): number {
    return this.draft.now;
  }

  node(elementId: string): FlowNode {
    const node = this.model.nodes.get(elementId);
    if (!node) throw new Error(`element '${elementId}' is not in process '${this.model.bpmnProcessId}'`);
    return node;
  }

  /** Move an element instance through its lifecycle machine. */
  transition(ei: ElementInstanceRecord, event: ElementInstanceEvent): void {
    ei.state = elementInstanceLifecycle.apply(ei.state as ElementInstanceState, event, `element instance ${ei.key} (${ei.elementId})`);
    this.draft.putElement(ei);
  }

  /** Move the process instance through its lifecycle machine. */
  transitionInstance(event: ProcessInstanceEvent): void {
    const instance = this.draft.instance;
    instance.state = processInstanceLifecycle.apply(instance.state as ProcessInstanceState, event, `process instance ${instance.key}`);
    this.draft.touchInstance();
  }

  /** Create an element instance in `flowScopeKey` and queue its activation. */
  enter(elementId: string, flowScopeKey: number, viaFlowId?: string, payload?: JsonObject): ElementInstanceRecord {
    const node = this.node(elementId);
    const ei: ElementInstanceRecord = {
      key: this.draft.keys.next(),
      instanceKey: this.draft.instance.key,
      elementId,
      elementType: node.type,
      flowScopeKey,
      state: elementInstanceLifecycle.initial,
      activatedAt: this.now,
      data: {},
    };
    if (viaFlowId !== undefined) ei.data.viaFlowId = viaFlowId;
    if (payload !== undefined) ei.data.payload = payload;
    this.draft.addElement(ei);
    this.schedule('activate', ei.key);
    return ei;
  }

  /** Queue work on an element instance. */
  schedule(kind: WorkKind, key: number): void {
    this.#queue.push({ kind, key });
  }

  /** Queue the completion of an activated element instance. */
  complete(ei: ElementInstanceRecord): void {
    this.schedule('complete', ei.key);
  }

  /** Run queued work until every token waits, or the step budget runs out. */
  drain(): void {
    while (this.#head < this.#queue.length) {
      if (++this.#steps > this.options.stepBudget) {
        this.#exhaustBudget();
        return;
      }
      const item = this.#queue[this.#head++]!;
      const ei = this.draft.elements.get(item.key);
      if (!ei) continue; // ended meanwhile (terminated by an interrupting event)
      if (item.kind === 'activate') this.#activate(ei);
      else if (item.kind === 'behavior') behaviorOf(this.node(ei.elementId)).activated(this, ei, this.node(ei.elementId));
      else if (item.kind === 'complete') {
        if (ei.state !== 'activated') continue;
        this.transition(ei, 'COMPLETE');
        this.#completing(ei);
      } else this.#completing(ei);
    }
    this.#queue.length = 0;
    this.#head = 0;
  }

  #activate(ei: ElementInstanceRecord): void {
    if (ei.state !== 'activating') return;
    const node = this.node(ei.elementId);
    // A retried activation starts clean: no half-armed boundary events from the failed try.
    disarm(this, ei);
    if (node.inputs.length > 0) {
      const result = evaluateMappings(node.inputs, scopeLookup(this.draft, ei.flowScopeKey));
      if (!result.ok) return raiseIncident(this, ei, 'IO_MAPPING_ERROR', `${ei.elementId}: input ${result.message}`, 'activate');
      const failed = this.#setChecked(ei, () => setLocalVariables(this.draft, ei.key, result.variables), result.variables);
      if (failed) return;
    }
    if (ei.data.payload !== undefined) {
      const payload = ei.data.payload as JsonObject;
      delete ei.data.payload;
      if (this.#setChecked(ei, () => this.mergeResult(ei, payload), payload)) return;
    }
    if (node.boundaryIds.length > 0 && !armBoundaryEvents(this, ei, node)) return;
    this.transition(ei, 'ACTIVATE');
    this.draft.record('ELEMENT_ACTIVATED', ei.key, ei.elementId, { elementType: ei.elementType });
    behaviorOf(node).activated(this, ei, node);
  }

  /** Set variables after checking their size; a too-large one is an incident, not a crash. */
  #setChecked(ei: ElementInstanceRecord, set: () => void, variables: JsonObject): boolean {
    try {
      for (const [name, value] of Object.entries(variables)) checkVariable(name, value, this.options.maxVariableBytes);
    } catch (error) {
      raiseIncident(this, ei, 'IO_MAPPING_ERROR', `${ei.elementId}: ${(error as Error).message}`, ei.state === 'completing' ? 'completing' : 'activate');
      return true;
    }
    set();
    return false;
  }

  /**
   * Merge a result (job variables, script result, event payload) the Zeebe way: with
   * output mappings it becomes local and the mappings decide; without, it propagates.
   */
  mergeResult(ei: ElementInstanceRecord, variables: JsonObject): void {
    if (this.node(ei.elementId).outputs.length > 0) setLocalVariables(this.draft, ei.key, variables);
    else propagateVariables(this.draft, ei.key, variables);
  }

  #completing(ei: ElementInstanceRecord): void {
    const node = this.node(ei.elementId);
    if (node.outputs.length > 0) {
      const result = evaluateMappings(node.outputs, scopeLookup(this.draft, ei.key), (name) => lookupVariable(this.draft, ei.flowScopeKey, name));
      if (!result.ok) return raiseIncident(this, ei, 'IO_MAPPING_ERROR', `${ei.elementId}: output ${result.message}`, 'completing');
      if (this.#setChecked(ei, () => propagateVariables(this.draft, ei.flowScopeKey, result.variables), result.variables)) return;
    }
    const flows = behaviorOf(node).outgoing?.(this, ei, node) ?? node.outgoing;
    this.transition(ei, 'COMPLETED');
    this.draft.record('ELEMENT_COMPLETED', ei.key, ei.elementId, { elementType: ei.elementType });
    disarm(this, ei);
    this.draft.deleteElement(ei.key);
    for (const flowId of flows) this.takeFlow(flowId, ei.flowScopeKey);
    this.afterChildEnded(ei.flowScopeKey);
  }

  /** Take a sequence flow inside a scope: into a join's counter, or into a new element instance. */
  takeFlow(flowId: string, scopeKey: number): void {
    const flow = this.model.flows.get(flowId)!;
    this.draft.record('SEQUENCE_FLOW_TAKEN', null, flowId);
    const target = this.node(flow.targetId);
    if (!isJoin(target)) {
      this.enter(target.id, scopeKey, flowId);
      return;
    }
    const scope = joinScopeData(this, scopeKey);
    const taken = (scope.data.takenFlows ??= {});
    taken[flowId] = (taken[flowId] ?? 0) + 1;
    scope.touch();
    this.#fireReadyJoins(scopeKey);
  }

  #fireReadyJoins(scopeKey: number): void {
    for (const gateway of readyJoins(this, scopeKey)) this.enter(gateway.id, scopeKey);
  }

  /** After an element instance in a scope ended: fire joins that no longer wait, complete an empty scope. */
  afterChildEnded(scopeKey: number): void {
    if (this.draft.instance.state !== 'active') return;
    this.#fireReadyJoins(scopeKey);
    for (const ei of this.draft.elements.values()) if (ei.flowScopeKey === scopeKey) return;
    const scope = joinScopeData(this, scopeKey);
    if (scope.data.takenFlows && Object.keys(scope.data.takenFlows).length > 0) return;
    if (scopeKey === this.draft.instance.key) {
      this.transitionInstance('COMPLETE');
      this.draft.instance.endedAt = this.now;
      this.draft.record('PROCESS_INSTANCE_COMPLETED', null, this.model.bpmnProcessId);
      return;
    }
    const scopeEi = this.draft.elements.get(scopeKey);
    if (scopeEi && scopeEi.state === 'activated') this.complete(scopeEi);
  }

  /**
   * The step budget ran out: the first waiting piece of work gets a STEP_LIMIT_EXCEEDED
   * incident; the rest is parked behind it (one incident per runaway command, not one per
   * token) and resumes when that incident is resolved.
   */
  #exhaustBudget(): void {
    let stopped: ElementInstanceRecord | undefined;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const item = this.#queue[i]!;
      const ei = this.draft.elements.get(item.key);
      if (!ei || ei.data.parked !== undefined || !['activating', 'activated', 'completing'].includes(ei.state)) continue;
      if (stopped === undefined) {
        stopped = ei;
        const message =
          `${ei.elementId}: the instance took ${this.options.stepBudget} steps in one command without reaching a wait state ` +
          '(a loop without a wait state?); resolve the incident to continue';
        raiseIncident(this, ei, 'STEP_LIMIT_EXCEEDED', message, item.kind);
      } else if (ei !== stopped) {
        ei.data.parked = item.kind;
        this.draft.putElement(ei);
      }
    }
    this.#queue.length = 0;
    this.#head = 0;
  }

  /** Queue again the work parked by the step budget. */
  resumeParked(): void {
    for (const ei of this.draft.elements.values()) {
      if (ei.data.parked === undefined) continue;
      this.schedule(ei.data.parked, ei.key);
      delete ei.data.parked;
      this.draft.putElement(ei);
    }
  }
}
