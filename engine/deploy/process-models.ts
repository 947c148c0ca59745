import { WeftError } from '../../core/index.js';
import type { DefinitionRecord, EngineStore } from '../../models/index.js';
import { compileBpmn } from '../bpmn/index.js';
import type { ProcessModel } from '../model/process-model.js';
import { parseKey } from '../runtime/parse-key.js';

/** Which process a new instance is of: by id (latest or given version) or by definition key. */
export interface ProcessSelector {
  readonly bpmnProcessId?: string;
  readonly version?: number;
  readonly processDefinitionKey?: string | number;
  readonly orgId: string;
}

/**
 * Deployed definitions and their compiled models. A model is compiled once per
 * definition (from the stored XML after a restart) and kept; definitions never change.
 */
export class ProcessModels {
  readonly #models = new Map<number, Promise<ProcessModel>>();
  /** Definitions never change; only "the latest version" moves, when a deployment adds one. */
  readonly #definitions = new Map<string, DefinitionRecord>();

  constructor(private readonly store: EngineStore) {}

  /** Remember a model compiled at deployment (it is now its process's latest version). */
  put(definition: DefinitionRecord, model: ProcessModel): void {
    this.#models.set(definition.key, Promise.resolve(model));
    this.#definitions.set(latestId(definition.orgId, definition.bpmnProcessId), definition);
  }

  model(definitionKey: number): Promise<ProcessModel> {
    let model = this.#models.get(definitionKey);
    if (!model) {
      model = this.#compile(definitionKey);
      this.#models.set(definitionKey, model);
      model.catch(() => this.#models.delete(definitionKey));
    }
    return model;
  }

  async #compile(definitionKey: number): Promise<ProcessModel> {
    const definition = await this.store.getDefinition(definitionKey);
    if (!definition) throw new WeftError('PROCESS_NOT_FOUND', `no process definition ${definitionKey}`);
    const result = await compileBpmn(definition.xml);
    const found = result.ok ? result.processes.find((p) => p.bpmnProcessId === definition.bpmnProcessId) : undefined;
    if (!found) throw new WeftError('DEFINITION_UNREADABLE', `stored definition ${definitionKey} no longer compiles`);
    return found;
  }

  /** The definition a selector names, within its org. @throws PROCESS_NOT_SPECIFIED / PROCESS_NOT_FOUND */
  async definitionFor(selector: ProcessSelector): Promise<DefinitionRecord> {
    let definition: DefinitionRecord | undefined;
    if (selector.processDefinitionKey !== undefined) {
      definition = await this.store.getDefinition(parseKey(selector.processDefinitionKey, 'processDefinitionKey'));
      if (definition && definition.orgId !== selector.orgId) definition = undefined;
    } else if (selector.bpmnProcessId !== undefined) {
      const id = selector.version === undefined ? latestId(selector.orgId, selector.bpmnProcessId) : `${latestId(selector.orgId, selector.bpmnProcessId)}\u0000${selector.version}`;
      definition = this.#definitions.get(id);
      if (!definition) {
        definition = await this.store.findDefinition(selector.orgId, selector.bpmnProcessId, selector.version);
        // A deployment that landed meanwhile already put the newer version: keep that one.
        if (definition && !this.#definitions.has(id)) this.#definitions.set(id, definition);
      }
    } else {
      throw new WeftError('PROCESS_NOT_SPECIFIED', 'give bpmnProcessId or processDefinitionKey');
    }
    if (!definition) {
      const what = selector.bpmnProcessId ?? String(selector.processDefinitionKey);
      throw new WeftError('PROCESS_NOT_FOUND', `no deployed process '${what}'${selector.version === undefined ? '' : ` version ${selector.version}`}`);
    }
    return definition;
  }
}

function latestId(orgId: string, bpmnProcessId: string): string {
  return `${orgId}\u0000${bpmnProcessId}`;
}
